import { expect, html } from '@open-wc/testing';
import { mount } from '../support/mount.js';
import { EmailBackend } from '../../../src/backends/email.js';
import type { KabarStoryForm } from '../../../src/elements/story-form/story-form.js';
import { $, fillValid, settle, submit, text, type } from './helpers.js';

async function mountEmail(opened: string[]): Promise<KabarStoryForm> {
  const backend = new EmailBackend('redaksi@kabar.contoh.id', (url) => opened.push(url));
  const el = await mount<KabarStoryForm>(html`<kabar-story-form
    lang="id"
    source="email"
    to="redaksi@kabar.contoh.id"
    .backendAdapter=${backend}
  ></kabar-story-form>`);
  await el.updateComplete;
  return el;
}

describe('<kabar-story-form source="email">', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('opens the mail program with the story, says what to do next and keeps the draft', async () => {
    const opened: string[] = [];
    const el = await mountEmail(opened);
    expect($(el, '#photo'), 'a mail link cannot carry a photo').to.equal(null);
    await fillValid(el);
    await submit(el);
    expect(opened).to.have.length(1);
    expect(opened[0].startsWith('mailto:redaksi@kabar.contoh.id?subject=Bakau%20untuk%20pantai%20kami&body=')).to.equal(true);
    expect(text($(el, '[part="receipt-title"]'))).to.equal('Program email Anda sudah dibuka dengan cerita ini.');
    expect(localStorage.getItem('kabar:draft:story:email:redaksi@kabar.contoh.id')).not.to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('offers to copy the text when the story is too long for a mail link', async () => {
    const opened: string[] = [];
    const el = await mountEmail(opened);
    await fillValid(el);
    await type(el, 'body', `${'Kalimat panjang tentang pantai kami. '.repeat(40)}\n\n${'Dan paragraf kedua. '.repeat(20)}`);
    await submit(el);
    await settle(el);
    expect(opened).to.have.length(0);
    const fallback = $(el, '[part="failure"]')!;
    expect(text(fallback)).to.contain('terlalu panjang untuk dikirim lewat tautan email');
    expect(text(fallback)).to.contain('redaksi@kabar.contoh.id');
    const copy = $(el, '#copy-text') as HTMLTextAreaElement;
    expect(copy.value).to.contain('Bakau untuk pantai kami');
    expect(copy.value).to.contain('Nama / Name: Sari Wulandari');
    expect([...fallback.querySelectorAll('button')].map((b) => text(b))).to.deep.equal(['Salin teks']);
    expect($(el, '[part="receipt"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
