import { expect } from '@open-wc/testing';
import { formatBytes, photoFileName, preparePhoto, readImageType } from '../../../src/core/image.js';
import { dimensions, makePhoto, textFileNamedJpg } from '../story-form/photos.js';

/** The JPEG with an APP1 Exif segment (carrying a GPS note) inserted after its SOI marker. */
async function withExif(jpeg: Blob): Promise<Blob> {
  const payload = new TextEncoder().encode('Exif\0\0MM\0*GPS -7.79 110.37');
  const app1 = new Uint8Array([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload]);
  const bytes = new Uint8Array(await jpeg.arrayBuffer());
  return new File([bytes.slice(0, 2), app1, bytes.slice(2)], 'gps.jpg', { type: 'image/jpeg' });
}

/** A PNG chunk with its length and CRC, so the decoder takes it as a proper one. */
function pngChunk(type: string, text: string): Uint8Array<ArrayBuffer> {
  const body = new TextEncoder().encode(type + text);
  let crc = ~0;
  for (const byte of body) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  const chunk = new Uint8Array(body.length + 8);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length - 4);
  chunk.set(body, 4);
  view.setUint32(body.length + 4, ~crc >>> 0);
  return chunk;
}

async function hasExif(blob: Blob): Promise<boolean> {
  return new TextDecoder('latin1').decode(await blob.arrayBuffer()).includes('Exif\0\0');
}

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

  it('redraws a photo that is small enough at its own size, and the copy has no EXIF', async () => {
    const original = await withExif(await makePhoto(800, 600));
    expect(await hasExif(original)).to.equal(true);
    const prepared = await preparePhoto(original);
    expect(prepared).to.include({ resized: false, reencoded: true, type: 'image/jpeg', width: 800, height: 600 });
    expect(prepared!.blob).to.not.equal(original);
    expect(await hasExif(prepared!.blob)).to.equal(false);
    expect(await dimensions(prepared!.blob)).to.deep.equal({ width: 800, height: 600 });
  });

  it('redraws a PNG with text chunks and a GIF as JPEGs without them', async () => {
    const png = await makePhoto(300, 200, 'image/png', 'layar.png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    const tagged = new Blob([bytes.slice(0, 33), pngChunk('tEXt', 'Comment\0Lokasi rumah'), bytes.slice(33)]);
    const fromPng = await preparePhoto(tagged);
    expect(fromPng).to.include({ reencoded: true, type: 'image/jpeg' });
    expect(new TextDecoder('latin1').decode(await fromPng!.blob.arrayBuffer())).to.not.include('Lokasi');

    // A 1 x 1 GIF with a comment block.
    const gif = new Uint8Array([
      0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
      0x21, 0xfe, 3, 0x47, 0x50, 0x53, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b,
    ]);
    const fromGif = await preparePhoto(new Blob([gif]));
    expect(fromGif).to.include({ reencoded: true, type: 'image/jpeg', width: 1, height: 1 });
    expect(await readImageType(fromGif!.blob)).to.equal('image/jpeg');
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
