import { aTimeout, expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { BackendError } from '../../../src/backends/backend.js';
import type { KabarArticleSelectEvent, KabarErrorEvent, KabarLoadEvent } from '../../../src/core/events.js';
import { render } from 'lit';
import '../../../src/kabar.js';
import type { KabarArticleFeed } from '../../../src/elements/article-feed/article-feed.js';
import type { KabarSource } from '../../../src/elements/source/source.js';
import { $, $$ } from '../support/dom.js';
import { mount } from '../support/mount.js';
import { FakeBackend, PICTURE, article, articles } from '../support/fake-backend.js';
import { installFakeFetch, json } from '../backends/fake-fetch.js';
import { clearCache } from '../../../src/backends/cache.js';
import type { Article, ListArticlesQuery, Page } from '../../../src/backends/types.js';

/** A backend that answers every page with everything it has, whatever was asked for. */
class FloodingBackend extends FakeBackend {
  override async listArticles(query: ListArticlesQuery): Promise<Page<Article>> {
    this.calls.push(query);
    return { items: this.items, page: query.page ?? 1, perPage: this.items.length, hasMore: false };
  }
}

const cards = (el: Element) => $$(el, '[part~="card"]');
const titles = (el: Element) => $$(el, '[part~="card-link"]').map((a) => a.textContent?.trim());
const chipNames = (el: Element) => $$(el, '[part~="category-chip"]').map((chip) => chip.textContent?.trim());
const status = (el: Element) => $(el, '[role="status"]')?.textContent?.trim() ?? '';
const button = (el: Element, part: string) => $(el, `[part~="${part}"]`);

/** A feed wired to `backend`, not yet in the page, so the first load can be watched. */
async function feed(
  backend: FakeBackend,
  attributes: Record<string, string> = {},
  children = html``,
  prepare: (el: KabarArticleFeed) => void = () => undefined,
): Promise<KabarArticleFeed> {
  const wrapper = await mount<HTMLDivElement>(html`<div lang="id"></div>`);
  const el = document.createElement('kabar-article-feed');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.backendAdapter = backend;
  render(children, el);
  prepare(el);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

async function loaded(el: KabarArticleFeed): Promise<void> {
  await waitUntil(() => cards(el).length > 0 || $(el, '[part~="error"], [part~="empty"]'), 'the feed never settled');
  await el.updateComplete;
}

describe('<kabar-article-feed>', () => {
  it('shows sized skeletons, busy, while the first page loads, then the cards', async () => {
    const backend = new FakeBackend(articles(8)).hold();
    const el = await feed(backend, { 'per-page': '3' });
    const busy = $(el, '[aria-busy="true"]');
    expect(busy).not.to.equal(null);
    expect($$(el, '[part~="skeleton"]')).to.have.length(3);
    const skeleton = $(el, '[part~="skeleton"]') as HTMLElement;
    expect(skeleton.getBoundingClientRect().height).to.be.greaterThan(100);
    expect(busy?.textContent).to.contain('Memuat artikel');
    await expect(el).to.be.accessible();

    await backend.release();
    await loaded(el);
    expect($(el, '[aria-busy="true"]')).to.equal(null);
    expect(titles(el)).to.deep.equal(['Artikel a1', 'Artikel a2', 'Artikel a3']);
    expect(backend.calls).to.deep.equal([{ page: 1, perPage: 3, category: undefined, tag: undefined, search: undefined, cursor: undefined }]);
    await expect(el).to.be.accessible();
  });

  it('renders each card: the title is the one link, a time with datetime, author, excerpt trimmed, categories', async () => {
    const el = await feed(new FakeBackend(articles(2)), { 'excerpt-words': '5' });
    await loaded(el);
    const card = cards(el)[0];
    const links = card.querySelectorAll('a');
    expect(links).to.have.length(1);
    expect(links[0].getAttribute('href')).to.equal('https://news.example.org/artikel/a1');
    // Alone on the page, the card titles are the first level below the page's own: h2.
    expect(links[0].closest('[part~="card-title"]')?.getAttribute('aria-level')).to.equal('2');
    const time = card.querySelector('time') as HTMLTimeElement;
    expect(Date.parse(time.dateTime)).to.be.closeTo(Date.now() - 3_600_000, 5_000);
    expect(time.textContent?.trim()).to.equal('1 jam yang lalu');
    expect(card.querySelector('[part~="card-author"]')?.textContent).to.equal('oleh Sari');
    expect(card.querySelector('[part~="card-excerpt"]')?.textContent).to.equal('Ringkasan artikel a1 yang cukup…');
    expect(card.querySelector('[part~="card-category"]')?.textContent).to.equal('Warga');
    expect(card.querySelector('img')?.getAttribute('alt')).to.equal('Foto a1');
  });

  it('shows a calendar date for articles older than a week', async () => {
    const el = await feed(new FakeBackend([article('old', 24 * 30)]), { lang: 'en' });
    await loaded(el);
    const time = $(el, 'time') as HTMLTimeElement;
    expect(time.textContent).to.match(/\d{4}/);
    expect(time.textContent).not.to.contain('ago');
  });

  it('gives every image its size, or a fixed aspect-ratio box, before it loads; lazy below the first row', async () => {
    const items = articles(6);
    items[1] = { ...items[1], image: { src: PICTURE, alt: '' } };
    const el = await feed(new FakeBackend(items), { layout: 'list' });
    await loaded(el);
    const images = $$(el, 'img') as HTMLImageElement[];
    expect(images).to.have.length(6);
    for (const img of images) {
      const box = img.parentElement as HTMLElement;
      const sized = img.hasAttribute('width') && img.hasAttribute('height');
      expect(sized || getComputedStyle(box).aspectRatio !== 'auto', 'size or aspect ratio').to.equal(true);
      expect(box.getBoundingClientRect().height).to.be.greaterThan(0);
    }
    expect(images[0].getAttribute('width')).to.equal('640');
    expect(images[0].getAttribute('height')).to.equal('360');
    expect(getComputedStyle(images[1].parentElement as HTMLElement).aspectRatio).to.equal('16 / 9');
    expect(images[1].getAttribute('alt')).to.equal('');
    expect(images[0].loading).to.equal('eager');
    expect(images[5].loading).to.equal('lazy');
  });

  it('builds srcset and sizes on images that have several widths', async () => {
    const item = article('s', 1, {
      image: { src: 'https://img.example.org/a-640.jpg', srcset: 'https://img.example.org/a-300.jpg 300w, https://img.example.org/a-640.jpg 640w', width: 640, height: 360, alt: 'a' },
    });
    const el = await feed(new FakeBackend([item, ...articles(5)]));
    await loaded(el);
    const img = $(el, 'img') as HTMLImageElement;
    expect(img.getAttribute('srcset')).to.contain('300w');
    expect(img.getAttribute('sizes')).to.match(/\d+px|vw/);
  });

  it('loads more: appends, moves focus to the first new card, and announces how many of how many', async () => {
    const backend = new FakeBackend(articles(14));
    const el = await feed(backend, { 'per-page': '6' });
    await loaded(el);
    expect(cards(el)).to.have.length(6);
    const more = button(el, 'load-more') as HTMLButtonElement;
    expect(more.textContent?.trim()).to.equal('Muat artikel lain');
    const load = oneEvent<KabarLoadEvent>(el, 'kabar-load');
    more.click();
    const { detail } = await load;
    expect(detail).to.include({ kind: 'articles', page: 2, total: 14, hasMore: true });
    await el.updateComplete;
    await aTimeout(0);
    expect(cards(el)).to.have.length(12);
    expect(titles(el)[6]).to.equal('Artikel a7');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Artikel a7');
    await waitUntil(() => status(el) !== '');
    expect(status(el)).to.equal('6 artikel lagi, 12 dari 14');
    await expect(el).to.be.accessible();

    button(el, 'load-more')?.click();
    await waitUntil(() => cards(el).length === 14);
    await waitUntil(() => status(el).startsWith('2 artikel lagi'));
    expect(status(el)).to.equal('2 artikel lagi, 14 dari 14. Semua artikel sudah ditampilkan.');
    expect(button(el, 'load-more'), 'the last page removes the button').to.equal(null);
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Artikel a13');
    expect(backend.calls.map((c) => c.page)).to.deep.equal([1, 2, 3]);
    await expect(el).to.be.accessible();
  });

  it('says it in English too', async () => {
    const el = await feed(new FakeBackend(articles(8)), { 'per-page': '6', lang: 'en' });
    await loaded(el);
    button(el, 'load-more')?.click();
    await waitUntil(() => status(el) !== '');
    expect(status(el)).to.equal('2 more articles, 8 of 8. All articles are shown.');
  });

  it('keeps the button busy while the next page loads', async () => {
    const backend = new FakeBackend(articles(12));
    const el = await feed(backend, { 'per-page': '6' });
    await loaded(el);
    backend.hold();
    button(el, 'load-more')?.click();
    await el.updateComplete;
    expect(button(el, 'load-more')?.getAttribute('aria-disabled')).to.equal('true');
    expect($(el, '[part~="list"]')?.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    button(el, 'load-more')?.click();
    await backend.release();
    await waitUntil(() => cards(el).length === 12);
    expect(backend.calls).to.have.length(2);
  });

  it('in pages mode, numbered pages work from the keyboard', async () => {
    const backend = new FakeBackend(articles(20));
    const el = await feed(backend, { 'per-page': '6', paging: 'pages' });
    await loaded(el);
    const nav = $(el, 'nav[part~="pagination"]') as HTMLElement;
    expect(nav.getAttribute('aria-label')).to.equal('Halaman artikel');
    const numbered = [...nav.querySelectorAll('button[aria-label^="Halaman"]')];
    expect(numbered.map((b) => b.textContent?.trim())).to.deep.equal(['1', '2', '3', '4']);
    expect(numbered[0].getAttribute('aria-current')).to.equal('page');
    await expect(el).to.be.accessible();

    // Keyboard: focus the button for page 3 and press Enter (a native button, so Enter activates it).
    const third = numbered[2] as HTMLButtonElement;
    third.focus();
    expect(el.shadowRoot!.activeElement).to.equal(third);
    const { sendKeys } = await import('@web/test-runner-commands');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(el)[0] === 'Artikel a13');
    expect(cards(el)).to.have.length(6);
    expect(backend.calls.map((c) => c.page)).to.deep.equal([1, 3]);
    await waitUntil(() => status(el) === 'Halaman 3 dari 4');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Artikel a13');
    expect($(el, 'button[aria-current="page"]')?.textContent?.trim()).to.equal('3');

    const next = ($$(el, 'nav button') as HTMLButtonElement[]).find((b) => b.textContent?.trim() === 'Berikutnya')!;
    next.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => titles(el)[0] === 'Artikel a19');
    expect(cards(el)).to.have.length(2);
    expect(next.disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('with paging="none" shows one page and no controls', async () => {
    const el = await feed(new FakeBackend(articles(20)), { paging: 'none' });
    await loaded(el);
    expect(cards(el)).to.have.length(6);
    expect(button(el, 'load-more')).to.equal(null);
    expect($(el, 'nav')).to.equal(null);
  });

  it('shows the empty state, with the page’s own words in slot="empty"', async () => {
    const el = await feed(new FakeBackend([]));
    await loaded(el);
    expect($(el, '[part~="empty"]')?.textContent?.trim()).to.equal('Belum ada artikel.');
    await expect(el).to.be.accessible();

    const custom = await feed(new FakeBackend([]), {}, html`<p slot="empty">Nantikan kabar pertama kami.</p>`);
    await loaded(custom);
    const slot = $(custom, 'slot[name="empty"]') as HTMLSlotElement;
    expect(slot.assignedElements()[0]?.textContent).to.equal('Nantikan kabar pertama kami.');
  });

  for (const [kind, init, words] of [
    ['network', {}, 'Tidak dapat menjangkau fake.example'],
    ['http', { status: 404 }, 'Tidak ada sumber berita di fake.example'],
    ['http', { status: 403 }, 'fake.example menolak permintaan ini.'],
    ['http', { status: 502 }, 'Server fake.example sedang bermasalah'],
    ['timeout', {}, 'Server terlalu lama menjawab.'],
  ] as const) {
    it(`says what went wrong by kind (${kind} ${'status' in init ? init.status : ''}) and offers a retry`, async () => {
      const backend = new FakeBackend(articles(3));
      backend.failure = new BackendError(kind, init);
      const el = await feed(backend);
      await loaded(el);
      expect($(el, '[part~="error"]')?.textContent).to.contain(words);
      await expect(el).to.be.accessible();
      backend.failure = undefined;
      button(el, 'retry-button')?.click();
      await waitUntil(() => cards(el).length === 3);
    });
  }

  it('fires kabar-error with the BackendError', async () => {
    const backend = new FakeBackend([]);
    backend.failure = new BackendError('http', { status: 500, code: 'boom' });
    const wrapper = await mount<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('kabar-article-feed');
    el.backendAdapter = backend;
    const error = oneEvent<KabarErrorEvent>(wrapper, 'kabar-error');
    wrapper.append(el);
    const { detail } = await error;
    expect(detail).to.be.instanceOf(BackendError);
    expect(detail.status).to.equal(500);
  });

  it('keeps the light-DOM fallback visible when the backend cannot be reached', async () => {
    const backend = new FakeBackend([]);
    backend.failure = new BackendError('network');
    const el = await feed(
      backend,
      {},
      html`<ul id="fallback">
        <li><a href="https://news.example.org/artikel/1">Artikel satu</a></li>
      </ul>`,
    );
    await loaded(el);
    const list = el.querySelector('#fallback') as HTMLElement;
    expect(list.assignedSlot, 'assigned to a slot').not.to.equal(null);
    expect(list.checkVisibility()).to.equal(true);
    expect(list.getBoundingClientRect().height).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('hides the fallback once cards show', async () => {
    const el = await feed(new FakeBackend(articles(2)), {}, html`<ul id="fallback"><li><a href="/x">x</a></li></ul>`);
    await loaded(el);
    const list = el.querySelector('#fallback') as HTMLElement;
    expect(list.assignedSlot).to.equal(null);
    expect(list.checkVisibility()).to.equal(false);
  });

  it('fires kabar-article-select on a card; cancelled, the link is not followed', async () => {
    const el = await feed(new FakeBackend(articles(2)));
    await loaded(el);
    let followed: boolean | undefined;
    const link = $(el, '[part~="card-link"]') as HTMLAnchorElement;
    link.addEventListener('click', (event) => (followed = !event.defaultPrevented));
    el.addEventListener('kabar-article-select', (event) => event.preventDefault(), { once: true });
    const select = oneEvent<KabarArticleSelectEvent>(el, 'kabar-article-select');
    link.click();
    const { detail } = await select;
    expect(detail.article.id).to.equal('a1');
    expect(followed).to.equal(false);
  });

  it('paints a cached copy before the network answers, then the fresh one', async () => {
    const backend = new FakeBackend(articles(6, 'fresh')).hold();
    backend.stale = articles(6, 'cached');
    const el = await feed(backend);
    await waitUntil(() => cards(el).length === 6, 'stale cards painted');
    expect(titles(el)[0]).to.equal('Artikel cached1');
    expect(backend.calls).to.have.length(1);
    await backend.release();
    await waitUntil(() => titles(el)[0] === 'Artikel fresh1');
  });

  it('filters by category, tag and search, passing them to the backend', async () => {
    const items = [article('k1', 1, { categories: [{ id: '2', slug: 'kesehatan', name: 'Kesehatan' }] }), ...articles(3)];
    const backend = new FakeBackend(items);
    const el = await feed(backend, { category: 'kesehatan', tag: 'posyandu', search: 'artikel' });
    await loaded(el);
    expect(backend.calls[0]).to.include({ category: 'kesehatan', tag: 'posyandu', search: 'artikel' });
    expect(titles(el)).to.deep.equal(['Artikel k1']);
    el.search = 'tidak ada';
    await waitUntil(() => $(el, '[part~="empty"]'));
    expect($(el, '[part~="empty"]')?.textContent?.trim()).to.equal('Tidak ada artikel yang cocok.');
  });

  it('shows category chips that filter the feed and announce the result', async () => {
    const items = [article('k1', 1, { categories: [{ id: '2', slug: 'kesehatan', name: 'Kesehatan' }] }), ...articles(3)];
    const backend = new FakeBackend(items);
    backend.categories = [
      { id: '1', slug: 'warga', name: 'Warga' },
      { id: '2', slug: 'kesehatan', name: 'Kesehatan' },
    ];
    const el = await feed(backend, { 'show-categories': '' });
    await loaded(el);
    await waitUntil(() => $$(el, '[part~="category-chip"]').length === 3);
    const chips = ($$(el, '[part~="category-chip"]') as HTMLButtonElement[]);
    expect(chips.map((c) => c.textContent?.trim())).to.deep.equal(['Semua', 'Warga', 'Kesehatan']);
    expect(chips[0].getAttribute('aria-pressed')).to.equal('true');
    chips[2].click();
    await waitUntil(() => titles(el).length === 1);
    expect(backend.calls.at(-1)?.category).to.equal('kesehatan');
    await waitUntil(() => status(el) === '1 dari 1 artikel');
    expect($(el, '[aria-pressed="true"]')?.textContent?.trim()).to.equal('Kesehatan');
    await expect(el).to.be.accessible();
  });

  it("shows the new site's category chips when the feed is pointed elsewhere, never a late answer of the old one", async () => {
    const first = new FakeBackend(articles(2, 'a'), 'satu.example');
    first.categories = [{ id: '1', slug: 'warga', name: 'Warga' }];
    const el = await feed(first, { 'show-categories': '' });
    await waitUntil(() => chipNames(el).includes('Warga'));

    // The second site answers its categories late; the third at once.
    let release!: () => void;
    const second = new FakeBackend(articles(2, 'b'), 'dua.example');
    second.categories = [{ id: '7', slug: 'pasar', name: 'Pasar' }];
    second.categoriesHeld = new Promise((resolve) => (release = resolve));
    el.backendAdapter = second;
    await waitUntil(() => titles(el).includes('Artikel b1'));
    expect(chipNames(el)).to.deep.equal([]);

    const third = new FakeBackend(articles(2, 'c'), 'tiga.example');
    third.categories = [{ id: '9', slug: 'sekolah', name: 'Sekolah' }];
    el.backendAdapter = third;
    await waitUntil(() => chipNames(el).includes('Sekolah'));
    expect(second.categorySignals[0]?.aborted).to.equal(true);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
    expect(chipNames(el)).to.deep.equal(['Semua', 'Sekolah']);
    await expect(el).to.be.accessible();
  });

  it('says how long to wait when the site asks to slow down', async () => {
    const backend = new FakeBackend(articles(3));
    backend.failure = new BackendError('rate-limited', { retryAfter: 30 });
    const el = await feed(backend);
    await loaded(el);
    expect($(el, '[part~="error"]')?.textContent).to.contain('Coba lagi dalam 30 detik');
  });

  it('honours the opt-outs: no-images, no-excerpt, no-author, no-date', async () => {
    const el = await feed(new FakeBackend(articles(2)), { 'no-images': '', 'no-excerpt': '', 'no-author': '', 'no-date': '' });
    await loaded(el);
    expect($$(el, 'img, time, [part~="card-excerpt"], [part~="card-author"]')).to.have.length(0);
  });

  it('opens links in a new tab when asked, and says so', async () => {
    const el = await feed(new FakeBackend(articles(1)), { 'link-target': '_blank' });
    await loaded(el);
    const link = $(el, '[part~="card-link"]') as HTMLAnchorElement;
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    expect(link.textContent).to.contain('(membuka tab baru)');
  });

  it('lays out as grid, list or compact', async () => {
    for (const layout of ['grid', 'list', 'compact']) {
      const el = await feed(new FakeBackend(articles(3)), { layout });
      await loaded(el);
      expect($(el, '[part~="list"]')?.classList.contains(`list--${layout}`)).to.equal(true);
      const expected = { grid: 'card--default', list: 'card--horizontal', compact: 'card--compact' }[layout] as string;
      expect(cards(el)[0].classList.contains(expected)).to.equal(true);
      if (layout === 'compact') expect($(el, 'img')).to.equal(null);
      await expect(el).to.be.accessible();
    }
  });

  it('follows dark mode through theme="dark"', async () => {
    const el = await feed(new FakeBackend(articles(1)), { theme: 'dark' });
    await loaded(el);
    const card = cards(el)[0];
    expect(getComputedStyle(card).backgroundColor).to.equal('rgb(22, 24, 28)');
    await expect(el).to.be.accessible();
  });

  describe('whatever a backend returns', () => {
    it('a 3,000-item JSON Feed with per-page="6" renders 6 cards, then 6 more', async () => {
      clearCache();
      const fake = installFakeFetch();
      try {
        const items = Array.from({ length: 3_000 }, (_, i) => ({
          id: `b${i + 1}`,
          url: `https://banjir.example.org/${i + 1}`,
          title: `Kabar ${i + 1}`,
          content_text: 'Isi singkat.',
          date_published: new Date(Date.UTC(2026, 0, 1) - i * 60_000).toISOString(),
        }));
        fake.answer(json({ version: 'https://jsonfeed.org/version/1.1', title: 'Banjir', items }));
        const wrapper = await mount<HTMLDivElement>(html`<div lang="id"></div>`);
        const el = document.createElement('kabar-article-feed');
        el.setAttribute('source', 'jsonfeed');
        el.setAttribute('backend', 'https://banjir.example.org/feed.json');
        el.setAttribute('per-page', '6');
        wrapper.append(el);
        await loaded(el);
        expect($(el, '[part~="error"]')).to.equal(null);
        expect(cards(el)).to.have.length(6);
        expect(titles(el)).to.deep.equal(['Kabar 1', 'Kabar 2', 'Kabar 3', 'Kabar 4', 'Kabar 5', 'Kabar 6']);
        button(el, 'load-more')?.click();
        await waitUntil(() => cards(el).length === 12, 'the next six never came');
        expect(titles(el).slice(6, 8)).to.deep.equal(['Kabar 7', 'Kabar 8']);
        // The feed document is fetched once: its later pages come from the same copy.
        expect(new Set(fake.calls.map((call) => call.url))).to.deep.equal(new Set(['https://banjir.example.org/feed.json']));
      } finally {
        fake.restore();
        clearCache();
      }
    });

    it('a backend that sends more than asked for shows per-page cards, alone or merged', async () => {
      const alone = await feed(new FloodingBackend(articles(50)), { 'per-page': '3' });
      await loaded(alone);
      expect(cards(alone)).to.have.length(3);
      const a = new FloodingBackend(articles(40, 'a', 1, 2), 'kabar.example');
      const b = new FloodingBackend(articles(40, 'b', 2, 2), 'warta.example');
      const el = await feed(a, { 'per-page': '4' }, html`<kabar-source label="Warta Warga"></kabar-source>`, (feedEl) => {
        (feedEl.querySelector('kabar-source') as KabarSource).backendAdapter = b;
      });
      await waitUntil(() => cards(el).length > 0);
      await el.updateComplete;
      expect(titles(el)).to.deep.equal(['Artikel a1', 'Artikel b1', 'Artikel a2', 'Artikel b2']);
    });
  });

  describe('merged with <kabar-source> children', () => {
    async function merged(a: FakeBackend, b: FakeBackend, perPage = '4') {
      return feed(a, { 'per-page': perPage }, html`<kabar-source label="Warta Warga"></kabar-source>`, (el) => {
        (el.querySelector('kabar-source') as KabarSource).backendAdapter = b;
      });
    }

    it('shows cards from every source newest first, each labelled, paging through all together', async () => {
      // a: 1h, 3h, 5h, … ago; b: 2h, 4h, 6h, … ago: merged they alternate.
      const a = new FakeBackend(articles(5, 'a', 1, 2), 'kabar.example');
      const b = new FakeBackend(articles(5, 'b', 2, 2), 'warta.example');
      const el = await merged(a, b);
      await waitUntil(() => cards(el).length === 4);
      expect(titles(el)).to.deep.equal(['Artikel a1', 'Artikel b1', 'Artikel a2', 'Artikel b2']);
      const labels = cards(el).map((card) => card.querySelector('[part~="card-source"]')?.textContent?.replace('Sumber:', '').trim());
      expect(labels).to.deep.equal(['kabar.example', 'Warta Warga', 'kabar.example', 'Warta Warga']);
      await expect(el).to.be.accessible();

      button(el, 'load-more')?.click();
      await waitUntil(() => cards(el).length === 8);
      expect(titles(el).slice(4)).to.deep.equal(['Artikel a3', 'Artikel b3', 'Artikel a4', 'Artikel b4']);
      await waitUntil(() => status(el) !== '');
      expect(status(el)).to.equal('4 artikel lagi, 8 dari 10');
      button(el, 'load-more')?.click();
      await waitUntil(() => cards(el).length === 10);
      expect(button(el, 'load-more')).to.equal(null);
      // Each source was asked page by page, never more than needed.
      expect(a.calls.map((c) => c.page)).to.deep.equal([1, 2]);
      expect(b.calls.map((c) => c.page)).to.deep.equal([1, 2]);
    });

    it('keeps showing the other source, with a quiet notice, when one fails', async () => {
      const a = new FakeBackend(articles(3, 'a'), 'kabar.example');
      const b = new FakeBackend(articles(3, 'b'), 'warta.example');
      b.failure = new BackendError('network');
      const errors: KabarErrorEvent[] = [];
      const el = await merged(a, b);
      el.addEventListener('kabar-error', (event) => errors.push(event));
      await waitUntil(() => cards(el).length === 3);
      expect(titles(el)).to.deep.equal(['Artikel a1', 'Artikel a2', 'Artikel a3']);
      expect($(el, '[part~="notice"]')?.textContent).to.equal('Berita dari Warta Warga tidak dapat dimuat saat ini.');
      expect(errors.map((e) => e.detail.kind)).to.deep.equal(['network']);
      await expect(el).to.be.accessible();
    });

    it('shows the error state only when every source fails', async () => {
      const a = new FakeBackend([], 'kabar.example');
      const b = new FakeBackend([], 'warta.example');
      a.failure = new BackendError('network');
      b.failure = new BackendError('http', { status: 500 });
      const el = await merged(a, b);
      await waitUntil(() => $(el, '[part~="error"]'));
      expect(button(el, 'retry-button')).not.to.equal(null);
    });
  });
});
