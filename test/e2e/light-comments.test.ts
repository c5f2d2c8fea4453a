/**
 * Light comment pages, against the real reference server in Chromium, on a partner's page (another
 * origin, which the server allows) that loads only `kabar-comments.js`: the server renders a
 * comment's markdown once and sends `body_html`; opening a thread downloads no markdown parser;
 * pressing Preview downloads it once, and the preview reads as the server's rendering later does;
 * a thread from a server that sends no `body_html` (an older Kabar) reads the same, rendered in
 * the browser. The server keeps its production rules (fill time, rate limits, CORS allow-list);
 * the reader's minutes of writing pass on the page's clock.
 *
 * Screenshots of the box in both colour schemes go to KABAR_SCREENSHOTS when it names a folder.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { admin, collectErrors, startServer, type RunningServer } from './harness.js';
import { partnerSite, type PartnerSite } from './partner.js';

const THREAD = '/artikel/bank-sampah-rw-05-sukamaju';
const stamp = Date.now();
/** A list, emphasis, a link and a script link, as a reader types them. */
const SOURCE = `Yang bisa disetor (${stamp}):\n\n- kardus *bersih*\n- botol **plastik**\n\nJadwal di [situs RW](https://rw05.example/jadwal) atau [klik](javascript:alert(1)).`;

let server: RunningServer;
let partner: PartnerSite;
let browser: Browser;
const screens = process.env.KABAR_SCREENSHOTS;

before(async () => {
  partner = await partnerSite('warta-rw.test', () => `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Warta RW</title>
<link rel="preconnect" href="${server.url}" crossorigin>
<script type="module" src="${server.url}/kabar-comments.js"></script></head><body>
<h1>Bank sampah RW 05</h1>
<kabar-comment-box backend="${server.apiUrl}" thread="${THREAD}" loading="eager" theme="auto"></kabar-comment-box>
</body></html>`);
  browser = partner.browser;
  server = await startServer({ env: { KABAR_ALLOWED_ORIGINS: partner.origin } });
  if (screens) mkdirSync(screens, { recursive: true });
});

after(async () => {
  await partner?.close();
  await server?.stop();
});

/** The lazily loaded modules a page asked for, by file name. */
function lazyRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (/^kabar-(markdown|purify)/.test(name)) asked.push(name);
  });
  return asked;
}

async function openBox(page: Page): Promise<Locator> {
  await page.goto(`${partner.origin}/`, { waitUntil: 'load' });
  const box = page.locator('kabar-comment-box');
  await box.locator('ol[part="thread"]').waitFor();
  return box;
}

/** The rendered body of the comment carrying `text`, as markup, attributes in a stable order. */
const bodyMarkup = (box: Locator, text: string) =>
  box.locator('article[part~="comment"]', { hasText: text }).locator('[part="comment-body"]').evaluate((element) => element.innerHTML.replace(/<!--[^>]*-->/g, '').trim());

async function shoot(page: Page, box: Locator, name: string): Promise<void> {
  if (!screens) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await box.screenshot({ path: join(screens, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

let previewMarkup = '';

test('opening a thread downloads no markdown parser; Preview downloads it once; the server answers with body_html holding the list, emphasis and a safe link', async () => {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  const asked = lazyRequests(page);
  await page.clock.install();
  const box = await openBox(page);
  assert.ok((await box.locator('article[part~="comment"]').count()) >= 2, 'the seeded thread shows');
  assert.ok((await box.locator('[part="comment-body"] p').count()) >= 2, 'its bodies are rendered');
  assert.deepEqual(asked, [], 'no markdown parser (and, with the native sanitiser, no DOMPurify) for reading a thread');

  await box.locator('#field-body').fill(SOURCE);
  await box.locator('#field-name').pressSequentially('Sekar Ayu', { delay: 40 });
  await box.locator('#field-email').pressSequentially('sekar@contoh.id', { delay: 40 });
  await box.locator('[part="preview-button"]').click();
  const preview = box.locator('[part="preview"]');
  await preview.locator('ul li em').waitFor();
  previewMarkup = await preview.evaluate((element) => element.innerHTML.replace(/<!--[^>]*-->/g, '').trim());
  await shoot(page, box, 'preview');
  // Writing, then Preview again: the parser came once.
  await box.locator('[part="preview-button"]').click();
  await box.locator('[part="preview-button"]').click();
  await preview.locator('ul li em').waitFor();
  assert.deepEqual(asked, ['kabar-markdown.js']);

  await page.clock.fastForward(60_000);
  const answer = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes('/comments'));
  await box.locator('[part="submit-button"]').click();
  const sent = (await (await answer).json()) as { body: string; body_html: string; status: string };
  assert.equal(sent.body, SOURCE);
  assert.match(sent.body_html, /<ul>\s*<li>kardus <em>bersih<\/em><\/li>\s*<li>botol <strong>plastik<\/strong><\/li>\s*<\/ul>/);
  assert.match(sent.body_html, /<a href="https:\/\/rw05.example\/jadwal" rel="ugc nofollow noopener">situs RW<\/a>/);
  assert.doesNotMatch(sent.body_html, /javascript:/i);
  assert.match(sent.body_html, /atau klik\./, 'the script link keeps its words');
  // The pending comment shows the server's rendering, as the preview showed it.
  await box.locator('article[part~="comment"]', { hasText: String(stamp) }).locator('[part="pending-note"]').waitFor();
  assert.equal(await bodyMarkup(box, String(stamp)), previewMarkup);
  assert.deepEqual(asked, ['kabar-markdown.js']);
  assert.deepEqual(errors, []);
  await page.close();
  // A page that pins a version (`/kabar-comments@<version>.js`) gets the same version of the sibling.
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  for (const file of ['kabar-markdown', 'kabar-purify']) assert.equal((await fetch(`${server.url}/${file}@${version}.js`)).status, 200, `${file}@${version}.js`);
});

test('approved, the comment reads as the preview did, from body_html; from a server that sends no body_html it reads the same, rendered in the browser', async () => {
  assert.ok(previewMarkup, 'the first test previewed the comment');
  const queue = await admin(server, 'GET', '/queue');
  const queued = (queue.body.comments as Array<{ id: string; body: string }>).find((comment) => comment.body === SOURCE);
  assert.ok(queued, 'the comment is in the editors\u2019 queue');
  assert.equal((await admin(server, 'POST', `/comments/${queued.id}`, { action: 'approve' })).status, 200);

  const page = await browser.newPage();
  const errors = collectErrors(page);
  const asked = lazyRequests(page);
  const box = await openBox(page);
  await box.locator('article[part~="comment"]', { hasText: String(stamp) }).waitFor();
  const fromServer = await bodyMarkup(box, String(stamp));
  assert.equal(fromServer, previewMarkup, 'the thread shows what the preview showed');
  assert.equal(await box.locator('article[part~="comment"]', { hasText: String(stamp) }).locator('a[href^="javascript:"]').count(), 0);
  assert.deepEqual(asked, []);
  await shoot(page, box, 'after-body-html');
  await page.close();

  // An older Kabar server (or another implementation of the API): the same answers without body_html.
  const older = await browser.newPage();
  errors.push(...collectErrors(older));
  const olderAsked = lazyRequests(older);
  await older.route(`${server.apiUrl}/threads/**`, async (route) => {
    const response = await route.fetch();
    const json = (await response.json()) as { items: Array<Record<string, unknown>> };
    for (const item of json.items) delete item.body_html;
    await route.fulfill({ response, json });
  });
  const olderBox = await openBox(older);
  const mine = olderBox.locator('article[part~="comment"]', { hasText: String(stamp) });
  await mine.locator('[part="comment-body"] ul li em').waitFor();
  assert.equal(await bodyMarkup(olderBox, String(stamp)), fromServer, 'rendered in the browser, it reads the same');
  assert.deepEqual(olderAsked, ['kabar-markdown.js']);
  await shoot(older, olderBox, 'before-browser-rendered');
  assert.deepEqual(errors, []);
  await older.close();
});
