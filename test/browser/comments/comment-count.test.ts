import { expect, html, waitUntil } from '@open-wc/testing';
import type { KabarCommentCount } from '../../../src/elements/comment-count/comment-count.js';
import type { KabarErrorEvent, KabarLoadEvent } from '../../../src/core/events.js';
import { installFakeFetch, json, type FakeFetch } from '../backends/fake-fetch.js';
import { BackendError } from '../../../src/backends/backend.js';
import { FakeBackend } from '../support/fake-backend.js';
import { text } from './helpers.js';
import { mount } from '../support/mount.js';

const shown = (el: KabarCommentCount) => text(el.shadowRoot!.querySelector('[part="count"]'));

describe('<kabar-comment-count>', () => {

  it('says "12 komentar", "Belum ada komentar" for none, and speaks English', async () => {
    const backend = new FakeBackend();
    backend.counts = { '/artikel/a': 12, '/artikel/c': 1 };
    const wrapper = await mount(html`<div lang="id">
      <kabar-comment-count thread="/artikel/a" .backendAdapter=${backend}></kabar-comment-count>
      <kabar-comment-count thread="/artikel/b" .backendAdapter=${backend}></kabar-comment-count>
      <kabar-comment-count lang="en" thread="/artikel/a" .backendAdapter=${backend}></kabar-comment-count>
      <kabar-comment-count lang="en" thread="/artikel/c" .backendAdapter=${backend}></kabar-comment-count>
    </div>`);
    const [a, b, aEn, cEn] = [...wrapper.querySelectorAll<KabarCommentCount>('kabar-comment-count')];
    await waitUntil(() => shown(cEn), 'the counts did not arrive');
    expect(shown(a)).to.equal('12 komentar');
    expect(shown(b)).to.equal('Belum ada komentar');
    expect(shown(aEn)).to.equal('12 comments');
    expect(shown(cEn)).to.equal('1 comment');
    await expect(a).to.be.accessible();
  });

  it('formats big numbers for the reader', async () => {
    const backend = new FakeBackend();
    backend.counts = { x: 1234 };
    const el = await mount<KabarCommentCount>(html`<kabar-comment-count lang="id" thread="x" .backendAdapter=${backend}></kabar-comment-count>`);
    await waitUntil(() => shown(el));
    expect(shown(el)).to.equal('1.234 komentar');
  });

  it('links to the comments when given href, only to a safe URL', async () => {
    const backend = new FakeBackend();
    backend.counts = { x: 3 };
    const el = await mount<KabarCommentCount>(
      html`<kabar-comment-count lang="id" thread="x" href="/artikel/x#komentar" .backendAdapter=${backend}></kabar-comment-count>`,
    );
    await waitUntil(() => shown(el));
    const link = el.shadowRoot!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal(new URL('/artikel/x#komentar', document.baseURI).href);
    expect(text(link)).to.equal('3 komentar');
    await expect(el).to.be.accessible();

    el.href = 'javascript:alert(1)';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
  });

  it('shows the page author\u2019s fallback until the count arrives and when it fails, and fires kabar-error', async () => {
    const backend = new FakeBackend();
    backend.countComments = () => Promise.reject(new BackendError('network'));
    const failing = new Promise<KabarErrorEvent>((resolve) =>
      document.addEventListener('kabar-error', (event) => resolve(event as KabarErrorEvent), { once: true }),
    );
    const el = await mount<KabarCommentCount>(html`<kabar-comment-count thread="x" .backendAdapter=${backend}><a href="#komentar">Komentar</a></kabar-comment-count>`);
    const failed = await failing;
    expect(failed.detail.kind).to.equal('network');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('slot')).to.not.equal(null);
    expect(el.querySelector('a')!.textContent).to.equal('Komentar');
  });

  it('fires kabar-load with its count', async () => {
    const backend = new FakeBackend();
    backend.counts = { x: 5 };
    const events: KabarLoadEvent[] = [];
    const listener = (event: Event) => events.push(event as KabarLoadEvent);
    document.addEventListener('kabar-load', listener);
    try {
      const el = await mount<KabarCommentCount>(html`<kabar-comment-count thread="x" .backendAdapter=${backend}></kabar-comment-count>`);
      await waitUntil(() => shown(el));
    } finally {
      document.removeEventListener('kabar-load', listener);
    }
    expect(events.map((event) => event.detail)).to.deep.equal([{ kind: 'counts', counts: { x: 5 } }]);
  });

  describe('on a Kabar server', () => {
    let fetch: FakeFetch;
    beforeEach(() => {
      fetch = installFakeFetch();
    });
    afterEach(() => fetch.restore());

    it('twenty counts on one page cost one request', async () => {
      const threads = Array.from({ length: 20 }, (_, i) => `/artikel/berita-${i + 1}`);
      fetch.answer((call) => {
        const asked = new URL(call.url).searchParams.getAll('thread');
        return json({ counts: Object.fromEntries(asked.map((thread, i) => [thread, i])) })(call, 0);
      });
      // A fresh API root per run, so no cached count from another test answers instead.
      const api = `http://127.0.0.1:9${String(Date.now()).slice(-3)}/api/v1`;
      const wrapper = await mount(html`<div lang="id">
        ${threads.map((thread) => html`<kabar-comment-count backend=${api} thread=${thread}></kabar-comment-count>`)}
      </div>`);
      const counts = [...wrapper.querySelectorAll<KabarCommentCount>('kabar-comment-count')];
      await waitUntil(() => counts.every((el) => shown(el)), 'not every count arrived');
      expect(fetch.calls).to.have.length(1);
      const url = new URL(fetch.calls[0].url);
      expect(url.pathname).to.equal('/api/v1/comment-counts');
      expect(url.searchParams.getAll('thread')).to.have.members(threads);
      expect(shown(counts[3])).to.equal('3 komentar');
    });
  });
});
