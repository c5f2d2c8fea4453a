import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/kabar.js';
import { FakeBackend } from '../support/fake-backend.js';
import { mount } from '../support/mount.js';
import { axeViolations, describeViolations } from './axe.js';

/** The level each heading of the element's shadow root is read at. */
const levels = (el: Element) =>
  [...(el.shadowRoot as ShadowRoot).querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.getAttribute('aria-level') ?? h.localName.slice(1)));

describe('heading levels of the comment box and the story form', () => {
  for (const [name, before, level] of [
    ['under an h1', html`<h1>Judul halaman</h1>`, 2],
    ['under an h2', html`<h1>Situs</h1><h2>Artikel</h2>`, 3],
    ['alone', html``, 2],
  ] as const) {
    it(`the comment box’s headings sit one level below the page’s heading, ${name}`, async () => {
      const wrapper = await mount<HTMLDivElement>(
        html`<div lang="id">${before}<kabar-comment-box loading="eager" thread="/artikel/1" .backendAdapter=${new FakeBackend([], 'warta.example')}></kabar-comment-box></div>`,
      );
      const box = wrapper.querySelector('kabar-comment-box') as HTMLElement;
      await waitUntil(() => levels(box).length >= 2, 'the box has no headings');
      expect(new Set(levels(box))).to.deep.equal(new Set([level]));
      expect(describeViolations(await axeViolations(document, ['heading-order']))).to.deep.equal([]);
    });
  }

  it('heading-level wins, on the story form too', async () => {
    const box = await mount(html`<kabar-comment-box heading-level="4" loading="eager" thread="/artikel/1" .backendAdapter=${new FakeBackend([], 'warta.example')}></kabar-comment-box>`);
    await waitUntil(() => levels(box).length >= 2, 'the box has no headings');
    expect(new Set(levels(box))).to.deep.equal(new Set([4]));
    const wrapper = await mount(html`<div><h1>Kirim cerita</h1><kabar-story-form></kabar-story-form><kabar-story-form heading-level="4"></kabar-story-form></div>`);
    const [byPage, byAttribute] = [...wrapper.querySelectorAll('kabar-story-form')] as Array<HTMLElement & { topHeadingLevel: number }>;
    expect([byPage.topHeadingLevel, byAttribute.topHeadingLevel]).to.deep.equal([2, 4]);
  });
});
