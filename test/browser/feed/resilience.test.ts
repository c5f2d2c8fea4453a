import { expect, html, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import '../../../src/kabar.js';
import type { Article } from '../../../src/backends/types.js';
import type { KabarArticleCard } from '../../../src/elements/article-card/article-card.js';
import type { KabarArticleFeed } from '../../../src/elements/article-feed/article-feed.js';
import { axeViolations, describeViolations } from '../core/axe.js';
import { mount } from '../support/mount.js';
import { $, $$, fallbackShown } from '../support/dom.js';
import { FakeBackend, article, articles } from '../support/fake-backend.js';

const part = (el: Element, name: string) => $(el, `[part~="${name}"]`);
const cardTitles = (el: Element) => $$(el, '[part~="card-title"]');
/** The level a screen reader announces: `aria-level` wins over the tag. */
const headingLevel = (heading: Element): number => Number(heading.getAttribute('aria-level') ?? heading.localName.slice(1));
const fallbackLink = '<ul><li><a href="/berita/rapat-warga">Rapat warga</a></li></ul>';


async function feedIn(wrapperTemplate: string, backend: FakeBackend, attributes: Record<string, string> = {}): Promise<KabarArticleFeed> {
  const wrapper = await mount<HTMLDivElement>(html`<div lang="id"></div>`);
  wrapper.innerHTML = wrapperTemplate;
  const el = document.createElement('kabar-article-feed');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.backendAdapter = backend;
  el.innerHTML = fallbackLink;
  (wrapper.querySelector('[data-slot]') ?? wrapper).append(el);
  await el.updateComplete;
  return el;
}

describe('a slow backend', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  it('after 6 s the feed says the connection is slow and shows the page author’s links, then the cards', async () => {
    const backend = new FakeBackend(articles(3)).hold();
    const el = await feedIn('', backend);
    expect(part(el, 'slow')).to.equal(null);
    expect(fallbackShown(el)).to.equal(false);

    clock.tick(5_900);
    await el.updateComplete;
    expect(part(el, 'slow')).to.equal(null);
    clock.tick(200);
    await el.updateComplete;
    expect(part(el, 'slow')?.textContent?.trim()).to.equal('Koneksi lambat, masih mencoba…');
    expect(fallbackShown(el)).to.equal(true);

    clock.restore();
    await backend.release();
    await waitUntil(() => cardTitles(el).length === 3, 'the cards never came');
    expect(part(el, 'slow')).to.equal(null);
  });

  it('after 6 s a fetching card says so in English on an English page, with its fallback', async () => {
    const backend = new FakeBackend([article('42', 1)]).hold();
    const wrapper = await mount<HTMLDivElement>(html`<div lang="en"></div>`);
    const el = document.createElement('kabar-article-card');
    el.setAttribute('article-id', '42');
    el.backendAdapter = backend;
    el.innerHTML = '<a href="/berita/42">Berita 42</a>';
    wrapper.append(el);
    await el.updateComplete;
    clock.tick(6_000);
    await el.updateComplete;
    expect(part(el, 'slow')?.textContent?.trim()).to.equal('Slow connection, still trying…');
    expect(fallbackShown(el)).to.equal(true);
    clock.restore();
    await backend.release();
    await waitUntil(() => cardTitles(el).length === 1, 'the card never came');
    expect(part(el, 'slow')).to.equal(null);
  });
});

describe('heading levels', () => {
  const headingOrder = async () => describeViolations(await axeViolations(document, ['heading-order']));

  for (const [name, page, level] of [
    ['under an h1', '<h1>Kabar Warga</h1><div data-slot></div>', 2],
    ['under an h2', '<h1>Situs</h1><section><h2>Berita terbaru</h2><div data-slot></div></section>', 3],
    ['alone', '<div data-slot></div>', 2],
  ] as const) {
    it(`the feed’s card titles follow the page’s headings ${name}`, async () => {
      const el = await feedIn(page, new FakeBackend(articles(2)));
      await waitUntil(() => cardTitles(el).length === 2, 'no cards');
      expect(cardTitles(el).map(headingLevel)).to.deep.equal([level, level]);
      expect(await headingOrder()).to.deep.equal([]);
    });
  }

  it('finds the heading before it through shadow roots', async () => {
    const wrapper = await mount<HTMLDivElement>(html`<div lang="id"><h1>Situs</h1><div class="host"></div></div>`);
    const host = wrapper.querySelector('.host') as HTMLElement;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<h3>Di dalam</h3><div></div>';
    const card = document.createElement('kabar-article-card');
    card.article = article('s', 1);
    root.querySelector('div')?.append(card);
    await card.updateComplete;
    expect(headingLevel(cardTitles(card)[0])).to.equal(4);
  });

  it('takes heading-level when the page sets it', async () => {
    const el = await mount<KabarArticleCard>(html`<kabar-article-card heading-level="5" .article=${article('h', 1)}></kabar-article-card>`);
    expect(headingLevel(cardTitles(el)[0])).to.equal(5);
  });
});

describe('imperfect articles set as properties', () => {
  it('render what they have, warn once naming the missing fields, and never throw', async () => {
    const warn = sinon.stub(console, 'warn');
    try {
      const partial = { id: 'p1', url: 'https://news.example.org/p1', title: 'Judul saja' } as unknown as Article;
      const el = await mount<KabarArticleCard>(html`<kabar-article-card lang="id" .article=${partial}></kabar-article-card>`);
      expect(part(el, 'card-link')?.textContent?.trim()).to.equal('Judul saja');
      expect(part(el, 'card-excerpt')).to.equal(null);
      expect(part(el, 'card-date')).to.equal(null);
      el.requestUpdate();
      await el.updateComplete;
      const warnings = warn.getCalls().map((call) => String(call.args[0]));
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('excerpt').and.to.contain('publishedAt').and.to.contain('categories');
    } finally {
      warn.restore();
    }
  });

  it('a feed given an article without a title still shows the others', async () => {
    const warn = sinon.stub(console, 'warn');
    try {
      const broken = { ...article('b', 1), title: undefined } as unknown as Article;
      const backend = new FakeBackend([article('a', 1), broken, article('c', 2)]);
      const el = await feedIn('', backend);
      await waitUntil(() => $$(el, '[part~="card"]').length === 3, 'the feed did not render three cards');
      expect(cardTitles(el).map((title) => title.textContent?.trim())).to.deep.equal(['Artikel a', 'Artikel c']);
      expect(warn.calledOnce).to.equal(true);
      expect(String(warn.firstCall.args[0])).to.contain('title');
    } finally {
      warn.restore();
    }
  });
});

