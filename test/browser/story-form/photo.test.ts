import { expect, waitUntil } from '@open-wc/testing';
import { dimensions, makePhoto, textFileNamedJpg } from './photos.js';
import { $, fieldError, fillValid, mountForm, pickFile, settle, submit, text, type } from './helpers.js';

describe('<kabar-story-form> photo', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('downscales a 4000 x 3000 photo before upload, says by how much, and hands fewer bytes to the backend', async () => {
    const { el, backend } = await mountForm();
    const original = await makePhoto(4000, 3000);
    await fillValid(el);
    await pickFile(el, original);
    await waitUntil(() => /diperkecil/.test(text($(el, '#photo-note'))), 'the photo was prepared', { timeout: 8000 });
    expect(text($(el, '#photo-note'))).to.match(/^Foto diperkecil dari [\d,]+ (MB|KB) menjadi [\d,]+ KB\.$/);
    expect($(el, '#photo')!.getAttribute('aria-describedby')).to.contain('photo-note');
    await submit(el);
    expect(fieldError(el, 'photoAlt'), 'a photo needs its description').to.equal(
      'Tuliskan keterangan foto untuk pembaca yang tidak dapat melihatnya.',
    );
    expect(backend.stories).to.have.length(0);
    await type(el, 'photoAlt', 'Warga menanam bakau di tepi pantai');
    await submit(el);
    expect(backend.stories).to.have.length(1);
    const { story } = backend.stories[0];
    const sent = story.photo as File;
    expect(sent.size).to.be.lessThan(original.size);
    expect(sent.type).to.equal('image/jpeg');
    expect(sent.name).to.equal('pantai.jpg');
    expect(await dimensions(sent)).to.deep.equal({ width: 1600, height: 1200 });
    expect(story.photoAlt).to.equal('Warga menanam bakau di tepi pantai');
  });

  it('refuses a text file named .jpg, and sends nothing', async () => {
    const { el, backend } = await mountForm();
    await fillValid(el);
    await pickFile(el, textFileNamedJpg());
    await waitUntil(() => fieldError(el, 'photo') !== '', 'the photo was checked', { timeout: 5000 });
    expect(fieldError(el, 'photo')).to.equal('Foto harus berupa JPEG, PNG, WebP, atau GIF.');
    expect($(el, '#photo')!.getAttribute('aria-invalid')).to.equal('true');
    await type(el, 'photoAlt', 'Keterangan');
    await submit(el);
    expect(backend.stories).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('refuses a photo over max-photo-mb that cannot be made small enough', async () => {
    const { el, backend } = await mountForm();
    el.setAttribute('max-photo-mb', '0.01');
    await fillValid(el);
    await pickFile(el, await makePhoto(800, 600));
    await waitUntil(() => fieldError(el, 'photo') !== '', 'the photo was checked', { timeout: 8000 });
    expect(fieldError(el, 'photo')).to.equal('Foto terlalu besar; maksimal 0.01 MB.');
    await type(el, 'photoAlt', 'Keterangan');
    await submit(el);
    expect(backend.stories).to.have.length(0);
  });

  it('can remove a chosen photo, and requires one when photo="required"', async () => {
    const { el, backend } = await mountForm({ photo: 'required' });
    await fillValid(el);
    await pickFile(el, await makePhoto(600, 400));
    await settle(el);
    await waitUntil(() => /siap dikirim/.test(text($(el, '#photo-note'))), 'the photo was prepared', { timeout: 5000 });
    const remove = [...el.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Hapus foto')!;
    remove.click();
    await settle(el);
    expect($(el, '#photoAlt')).to.equal(null);
    await submit(el);
    expect(fieldError(el, 'photo')).to.equal('Kolom ini wajib diisi.');
    expect(backend.stories).to.have.length(0);
  });

  it('asks for no photo with photo="none"', async () => {
    const { el } = await mountForm({ photo: 'none' });
    expect($(el, '#photo')).to.equal(null);
  });
});
