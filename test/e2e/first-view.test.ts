/**
 * The README's embed snippet on a partner's page: another origin, which the server allows
 * (KABAR_ALLOWED_ORIGINS names it, as a partner's server would). The `preload` of the first
 * page of articles is the request the feed then takes: the API is asked once, and the cards
 * come from that answer. A feed asking for another page of articles makes its own request, and
 * the unused preload is the only other one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { collectErrors, startServer, type RunningServer } from './harness.js';
import { partnerSite, type PartnerSite } from './partner.js';

let server: RunningServer;
let partner: PartnerSite;
let browser: Browser;

/** The snippet of the README, with this server's addresses; `perPage` is the feed's. */
function snippet(file: string, perPage: number): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Mitra</title>
<link rel="preconnect" href="${server.url}" crossorigin>
<link rel="preload" as="fetch" href="${server.apiUrl}/articles?page=1&per_page=6" crossorigin>
<script type="module" src="${server.url}/${file}"></script></head><body>
<h1>Berita dari koalisi</h1>
<kabar-article-feed backend="${server.apiUrl}" per-page="${perPage}"><ul><li><a href="/berita">Semua berita</a></li></ul></kabar-article-feed>
</body></html>`;
}

before(async () => {
  partner = await partnerSite('berita-mitra.test', (url) => snippet(url.pathname.slice(1) || 'kabar-feed.js', Number(url.searchParams.get('per-page') ?? 6)));
  browser = partner.browser;
  server = await startServer({ env: { KABAR_ALLOWED_ORIGINS: partner.origin } });
});

after(async () => {
  await partner?.close();
  await server?.stop();
});

/** Opens the partner's page and answers the requests for pages of articles it made until `cards` cards showed. */
async function firstCards(path: string, cards: number): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  const requests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/articles') requests.push(request.url());
  });
  await page.goto(`${partner.origin}${path}`, { waitUntil: 'load' });
  const shown = page.locator('kabar-article-feed [part~="card-link"]');
  await shown.nth(cards - 1).waitFor({ timeout: 15_000 });
  assert.equal(await shown.count(), cards);
  return { page, requests, errors };
}

for (const file of ['kabar-feed.js', 'kabar.js']) {
  test(`${file} with the README's snippet: the preloaded first page is the feed's, asked of the API once`, async () => {
    const { page, requests, errors } = await firstCards(`/${file}`, 6);
    const expected = (await (await fetch(`${server.apiUrl}/articles?page=1&per_page=6`)).json()) as { items: Array<{ title: string }> };
    const titles = (await page.locator('kabar-article-feed [part~="card-link"]').allTextContents()).map((t) => t.trim());
    assert.deepEqual(titles, expected.items.map((item) => item.title));
    assert.deepEqual(requests, [`${server.apiUrl}/articles?page=1&per_page=6`]);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('a feed of another size does not take the preload: it asks for its own page', async () => {
  const { page, requests } = await firstCards('/kabar-feed.js?per-page=3', 3);
  assert.deepEqual([...requests].sort(), [`${server.apiUrl}/articles?page=1&per_page=3`, `${server.apiUrl}/articles?page=1&per_page=6`]);
  await page.close();
});
