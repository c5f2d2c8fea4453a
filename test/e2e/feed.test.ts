/**
 * The article feed against the real reference server, in Chromium: the first
 * page, "load more" with focus and announcement, the end of the list, filters,
 * numbered pages by keyboard, one request per page (the WordPress replay too),
 * a merged feed, and a repeat view painted from the cache.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page, Request } from 'playwright-core';
import { e2eSuite } from './harness.js';

const suite = e2eSuite();

interface ApiPage {
  items: Array<{ id: string; title: string; categories: Array<{ slug: string }>; tags: Array<{ slug: string }> }>;
  total: number;
  total_pages: number;
}

async function api(query: string): Promise<ApiPage> {
  const response = await fetch(`${suite.server.apiUrl}/articles?${query}`);
  assert.equal(response.status, 200);
  return (await response.json()) as ApiPage;
}

interface FeedPage {
  page: Page;
  errors: string[];
  /** Requests for pages of articles (Kabar API or the WordPress replay's posts). */
  requests: Request[];
}

/**
 * Opens a page of the server (its CSP and Trusted Types apply) and puts one
 * feed in it with the DOM API, as a page author's script would.
 */
async function openFeed(attributes: Record<string, string>, sources: Array<Record<string, string>> = [], path = '/demo/'): Promise<FeedPage> {
  const { page, errors } = await suite.open(path);
  const requests: Request[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v1/articles' || url.pathname.endsWith('/wp/v2/posts') || url.searchParams.get('rest_route') === '/wp/v2/posts') {
      requests.push(request);
    }
  });
  await page.evaluate(`(() => {
    const feed = document.createElement('kabar-article-feed');
    feed.id = 'under-test';
    for (const [name, value] of Object.entries(${JSON.stringify(attributes)})) feed.setAttribute(name, value);
    for (const attributes of ${JSON.stringify(sources)}) {
      const source = document.createElement('kabar-source');
      for (const [name, value] of Object.entries(attributes)) source.setAttribute(name, value);
      feed.append(source);
    }
    document.body.prepend(feed);
  })()`);
  return { page, errors, requests };
}

const feedLocator = (page: Page) => page.locator('#under-test');
const cardLinks = (page: Page) => page.locator('#under-test [part~="card-link"]');

async function titles(page: Page): Promise<string[]> {
  return (await cardLinks(page).allTextContents()).map((t) => t.trim());
}

/**
 * Waits until `expression` is true in the page. Polled from here: Playwright's own
 * waitForFunction evaluates a string predicate with eval, which the page's CSP forbids.
 */
async function waitFor(page: Page, expression: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(`Boolean(${expression})`))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function cardCount(page: Page, count: number): Promise<void> {
  await waitFor(page, `document.querySelector('#under-test')?.shadowRoot?.querySelectorAll('[part~="card"]').length === ${count}`);
}

async function statusText(page: Page): Promise<string> {
  return ((await feedLocator(page).locator('[role="status"]').textContent()) ?? '').trim();
}

/** The text of the element focused inside the feed's shadow root. */
async function focusedText(page: Page): Promise<string> {
  return page.evaluate(`document.querySelector('#under-test').shadowRoot.activeElement?.textContent?.trim() ?? ''`);
}

test('the first page of cards, then "load more" appends with focus and an announcement, until the last page', async () => {
  const first = await api('page=1&per_page=6');
  const { page, errors, requests } = await openFeed({ backend: '/api/v1', 'per-page': '6' });
  await cardCount(page, 6);
  assert.deepEqual(await titles(page), first.items.map((a) => a.title));
  assert.equal(requests.length, 1, 'one request for the first page');

  const second = await api('page=2&per_page=6');
  await feedLocator(page).locator('[part~="load-more"]').click();
  await cardCount(page, 12);
  assert.deepEqual((await titles(page)).slice(6), second.items.map((a) => a.title));
  assert.equal(await focusedText(page), second.items[0].title);
  await waitFor(page, `document.querySelector('#under-test').shadowRoot.querySelector('[role="status"]').textContent.trim() !== ''`);
  assert.equal(await statusText(page), `6 artikel lagi, 12 dari ${first.total}`);
  assert.equal(requests.length, 2, 'one request per page');

  for (let shown = 12; shown < first.total; shown += 6) {
    await feedLocator(page).locator('[part~="load-more"]').click();
    await cardCount(page, Math.min(first.total, shown + 6));
  }
  await waitFor(page, `document.querySelector('#under-test').shadowRoot.querySelector('[role="status"]').textContent.includes('Semua artikel')`);
  assert.equal(await feedLocator(page).locator('[part~="load-more"]').count(), 0, 'the last page removes the button');
  assert.equal(requests.length, first.total_pages, 'exactly one request per page of cards');
  assert.deepEqual(errors, []);
  await page.close();
});

test('category, tag and search filter the feed', async () => {
  const { items } = await api('per_page=50');
  const category = items[0].categories[0].slug;
  const tag = items[0].tags[0].slug;
  for (const [attribute, query] of [
    ['category', `category=${category}`],
    ['tag', `tag=${tag}`],
  ] as const) {
    const expected = await api(`${query}&per_page=6`);
    const value = attribute === 'category' ? category : tag;
    const { page } = await openFeed({ backend: '/api/v1', 'per-page': '6', [attribute]: value });
    await cardCount(page, expected.items.length);
    assert.deepEqual(await titles(page), expected.items.map((a) => a.title), `${attribute}=${value}`);
    await page.close();
  }
  const word = items[1].title.split(' ').find((w) => w.length > 5) ?? items[1].title.split(' ')[0];
  const expected = await api(`q=${encodeURIComponent(word)}&per_page=6`);
  assert.ok(expected.items.length > 0);
  const { page, requests } = await openFeed({ backend: '/api/v1', 'per-page': '6', search: word });
  await cardCount(page, expected.items.length);
  assert.deepEqual(await titles(page), expected.items.map((a) => a.title));
  assert.equal(new URL(requests[0].url()).searchParams.get('q'), word);
  await page.close();
});

test('numbered pages work from the keyboard', async () => {
  const first = await api('page=1&per_page=4');
  const third = await api('page=3&per_page=4');
  const { page, requests } = await openFeed({ backend: '/api/v1', 'per-page': '4', paging: 'pages' });
  await cardCount(page, 4);
  const nav = feedLocator(page).locator('nav[part~="pagination"]');
  assert.equal(await nav.getAttribute('aria-label'), 'Halaman artikel');
  // Tab from the last card link into the page buttons, as a keyboard user would.
  await cardLinks(page).last().focus();
  await page.keyboard.press('Tab'); // "Sebelumnya" is disabled on page 1: the first stop is page 1
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focusedText(page), '3');
  await page.keyboard.press('Enter');
  await waitFor(page, `document.querySelector('#under-test').shadowRoot.querySelector('[part~="card-link"]')?.textContent.trim() === ${JSON.stringify(third.items[0].title)}`);
  assert.deepEqual(await titles(page), third.items.map((a) => a.title));
  assert.equal(await focusedText(page), third.items[0].title, 'focus moves to the first card of the page');
  assert.equal(await nav.locator('[aria-current="page"]').textContent().then((t) => t?.trim()), '3');
  assert.equal(requests.length, 2, 'page 3 directly, without the pages between');
  assert.equal(first.total_pages > 3, true);
  await page.close();
});

test('WordPress (the recorded site at /wp-replay): decoded titles, one request per page', async () => {
  const { page, requests, errors } = await openFeed({ source: 'wordpress', backend: '/wp-replay', 'per-page': '6' });
  await cardCount(page, 6);
  const shown = await titles(page);
  assert.equal(shown[0], 'Catatan Hari Guru: Surat untuk Bu Marni, Guru SD Pertamaku');
  assert.ok(shown.every((title) => !/&#\d+;|&amp;/.test(title)));
  assert.equal(requests.length, 1);
  assert.equal(new URL(requests[0].url()).searchParams.get('_embed'), 'author,wp:featuredmedia,wp:term');
  const images = feedLocator(page).locator('img');
  assert.ok((await images.count()) > 0);
  for (const img of await images.all()) {
    assert.ok((await img.getAttribute('width')) && (await img.getAttribute('height')), 'every picture has its size');
  }
  await feedLocator(page).locator('[part~="load-more"]').click();
  await cardCount(page, 12);
  assert.equal(requests.length, 2);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a merged feed of the Kabar server and WordPress: newest first, labelled; one source down leaves a notice', async () => {
  // 30 cards: more than the 25 seeded articles, so whatever the dates, both sources must show.
  const { page } = await openFeed({ 'per-page': '30' }, [
    { backend: '/api/v1', label: 'Kabar' },
    { source: 'wordpress', backend: '/wp-replay', label: 'Warta Warga' },
  ]);
  await cardCount(page, 30);
  const times = await feedLocator(page).locator('time').evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime') ?? '')));
  assert.deepEqual([...times].sort((a, b) => b - a), times, 'newest first');
  const labels = (await feedLocator(page).locator('[part~="card-source"]').allTextContents()).map((t) => t.replace(/^Sumber:\s*/, '').trim());
  assert.equal(labels.length, 30);
  assert.deepEqual([...new Set(labels)].sort(), ['Kabar', 'Warta Warga'], 'cards of both sources, each labelled');
  await page.close();

  const down = await openFeed({ 'per-page': '6' }, [
    { backend: '/api/v1', label: 'Kabar' },
    { source: 'wordpress', backend: '/no-such-site', label: 'Situs Mati' },
  ]);
  await cardCount(down.page, 6);
  const notice = (await feedLocator(down.page).locator('[part~="notice"]').textContent())?.trim();
  assert.equal(notice, 'Berita dari Situs Mati tidak dapat dimuat saat ini.');
  await down.page.close();
});

test('a repeat view within the cache lifetime paints the cards with no request', async () => {
  const { page, requests } = await openFeed({ backend: '/api/v1', 'per-page': '5' });
  await cardCount(page, 5);
  assert.equal(requests.length, 1);
  const before = await titles(page);
  // The same page again (the session's cache survives a reload), the same feed.
  await page.reload({ waitUntil: 'load' });
  requests.length = 0;
  await page.evaluate(`(() => {
    const feed = document.createElement('kabar-article-feed');
    feed.id = 'under-test';
    feed.setAttribute('backend', '/api/v1');
    feed.setAttribute('per-page', '5');
    document.body.prepend(feed);
  })()`);
  await cardCount(page, 5);
  assert.deepEqual(await titles(page), before);
  assert.equal(requests.length, 0, 'painted from the cache, before any network answer');
  await page.close();
});

test('the demo pages run under the strict CSP without errors', async () => {
  for (const path of ['/demo/feed.html', '/demo/wordpress.html']) {
    const { page, errors } = await suite.open(path);
    await waitFor(page, `[...document.querySelectorAll('kabar-article-feed')].every((feed) => feed.shadowRoot?.querySelector('[part~="card"]'))`, 20_000);
    assert.deepEqual(errors, [], path);
    await page.close();
  }
});
