/**
 * Languages a page adds: a partial catalogue shows its own messages and the rest of its chain
 * (Indonesian for the languages of Indonesia, English for any other), and elements already on
 * the page render again when it arrives.
 */
import { expect } from '@open-wc/testing';
import { registerLocale } from '../../../src/core/i18n/locales.js';
import { FakeBackend } from '../support/fake-backend.js';
import { $, loaded, mountBox, text } from '../comments/helpers.js';
import { javanese } from './javanese.js';

const formText = (el: HTMLElement) => text($(el, 'form')!.closest('[part="form-section"]') ?? $(el, 'form')!);
const heading = (el: HTMLElement) => text($(el, '[part="form-heading"]'));
const submitLabel = (el: HTMLElement) => text($(el, 'button[type="submit"]'));

async function box(lang: string) {
  const el = await mountBox({ backend: new FakeBackend([], `lang-${lang}-${Date.now()}`), lang });
  await loaded(el);
  return el;
}

describe('registerLocale', () => {
  it('a language of Indonesia with no catalogue reads Indonesian, and switches when its catalogue is registered', async () => {
    const el = await box('jv');
    expect(heading(el)).to.equal('Tinggalkan Balasan');
    expect(submitLabel(el)).to.equal('Kirim Komentar');

    registerLocale('jv', javanese);
    await el.updateComplete;

    expect(heading(el)).to.equal('Tilaraken Wangsulan');
    expect(submitLabel(el)).to.equal('Kintun Komentar');
    expect(formText(el)).to.contain('Alamat email panjenengan mboten badhe dipunpacak.');
    // What the Javanese catalogue leaves out comes from Indonesian, not English.
    expect(formText(el)).to.contain('Simpan nama, email, dan situs web saya');
    expect(text($(el, '[part="empty"]'))).to.contain('Belum ada komentar');
  });

  it('a region of a registered language reads it too (jv-ID → jv → id)', async () => {
    registerLocale('jv', javanese);
    const el = await box('jv-ID');
    expect(submitLabel(el)).to.equal('Kintun Komentar');
    expect(formText(el)).to.contain('Simpan nama');
  });

  it('Sundanese with nothing registered reads Indonesian; en-GB reads English', async () => {
    expect(heading(await box('su'))).to.equal('Tinggalkan Balasan');
    const british = await box('en-GB');
    expect(heading(british)).to.equal('Leave a Reply');
    expect(submitLabel(british)).to.equal('Post Comment');
  });

  it('any other registered language reads English for the rest', async () => {
    registerLocale('nl', { 'commentForm.submit': 'Reactie plaatsen' });
    const el = await box('nl-BE');
    expect(submitLabel(el)).to.equal('Reactie plaatsen');
    expect(heading(el)).to.equal('Leave a Reply');
  });

  it('adds to a catalogue already registered, a later message winning', async () => {
    registerLocale('ban', { 'commentForm.heading': 'Ngaturang Pasaur' });
    registerLocale('ban', { 'commentForm.submit': 'Kirim' });
    const el = await box('ban');
    expect(heading(el)).to.equal('Ngaturang Pasaur');
    expect(submitLabel(el)).to.equal('Kirim');
  });
});
