import { expect } from '@open-wc/testing';
import { formatBytes, photoFileName, preparePhoto, readImageType } from '../../../src/core/image.js';
import { dimensions, makePhoto, textFileNamedJpg } from '../story-form/photos.js';

describe('photo preparation', () => {
  it('downscales a 4000 x 3000 JPEG to 1600 px on its longest side, in fewer bytes', async () => {
    const original = await makePhoto(4000, 3000);
    const prepared = await preparePhoto(original);
    expect(prepared).to.include({ resized: true, type: 'image/jpeg', width: 1600, height: 1200, originalBytes: original.size });
    expect(prepared!.blob.size).to.be.lessThan(original.size);
    expect(await dimensions(prepared!.blob)).to.deep.equal({ width: 1600, height: 1200 });
    expect(await readImageType(prepared!.blob)).to.equal('image/jpeg');
  });

  it('keeps the proportions of a portrait photo', async () => {
    const prepared = await preparePhoto(await makePhoto(1500, 2400, 'image/png', 'tegak.png'));
    expect(prepared).to.include({ resized: true, width: 1000, height: 1600, type: 'image/jpeg' });
  });

  it('leaves a photo that is small enough as it is', async () => {
    const original = await makePhoto(1200, 800);
    const prepared = await preparePhoto(original);
    expect(prepared).to.include({ resized: false, width: 1200, height: 800 });
    expect(prepared!.blob).to.equal(original);
  });

  it('judges a file by its bytes: a text file named .jpg is no photo', async () => {
    const file = textFileNamedJpg();
    expect(await readImageType(file)).to.equal(undefined);
    expect(await preparePhoto(file)).to.equal(undefined);
  });

  it('refuses bytes that start like a JPEG but do not decode', async () => {
    const broken = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5])], 'rusak.jpg');
    expect(await readImageType(broken)).to.equal('image/jpeg');
    expect(await preparePhoto(broken)).to.equal(undefined);
  });

  it('names the uploaded copy after its new type', () => {
    expect(photoFileName('pantai.png', 'image/jpeg')).to.equal('pantai.jpg');
    expect(photoFileName('foto.lama.HEIC', 'image/jpeg')).to.equal('foto.lama.jpg');
    expect(photoFileName('', 'image/webp')).to.equal('photo.webp');
  });

  it('writes sizes the way each language does', () => {
    expect(formatBytes(4.2 * 1024 * 1024, 'id')).to.equal('4,2 MB');
    expect(formatBytes(4.2 * 1024 * 1024, 'en')).to.equal('4.2 MB');
    expect(formatBytes(380 * 1024, 'id')).to.equal('380 KB');
    expect(formatBytes(512, 'en')).to.equal('512 B');
  });
});
