/**
 * A partner page whose origin the API server does not allow (the server runs
 * with its production defaults: KABAR_ALLOWED_ORIGINS unset allows only its own
 * origin and localhost). The page is served by a second local server under
 * another host name. Readers are told the site cannot load the news (never to
 * check their connection), nothing is retried as a network fault, and the
 * console tells the site owner once which origin to allow.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, ConsoleMessage, Request } from 'playwright-core';
import { startServer, type RunningServer } from './harness.js';
import { partnerSite, type PartnerSite } from './partner.js';

let server: RunningServer;
let partner: PartnerSite;
let partnerOrigin: string;
let browser: Browser;

before(async () => {
  server = await startServer();
  partner = await partnerSite(
    'mitra-warga.test',
    () => `<!doctype html><html lang="id"><head><title>Mitra</title>
<script type="module" src="${server.url}/kabar.js"></script></head><body>
<h1>Berita dari koalisi</h1>
<kabar-article-feed backend="${server.apiUrl}" per-page="3"><ul><li><a href="/berita">Semua berita</a></li></ul></kabar-article-feed>
<kabar-comment-box loading="eager" backend="${server.apiUrl}"></kabar-comment-box>
</body></html>`,
  );
  ({ origin: partnerOrigin, browser } = partner);
});

after(async () => {
  await partner?.close();
  await server?.stop();
});

test('a partner origin the server does not allow: the site is named as the cause, not the reader, and the owner is told once', async () => {
  const page = await browser.newPage();
  const warnings: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'warning' && message.text().includes('KABAR_ALLOWED_ORIGINS')) warnings.push(message.text());
  });
  const reads: Request[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${server.apiUrl}/articles`) && request.method() === 'GET') reads.push(request);
  });
  await page.goto(`${partnerOrigin}/`, { waitUntil: 'load' });

  const feedError = page.locator('kabar-article-feed [part~="error"]');
  await feedError.waitFor({ timeout: 15_000 });
  const feedText = (await feedError.textContent()) ?? '';
  assert.match(feedText, /Situs ini belum dapat memuat berita saat ini/);
  assert.doesNotMatch(feedText, /koneksi/i);
  assert.equal(await page.locator('kabar-article-feed [part~="retry-button"]').count(), 1);
  assert.ok(await page.getByRole('link', { name: 'Semua berita' }).isVisible(), 'the page author’s links stay');

  const boxError = page.locator('kabar-comment-box [part~="error"]').first();
  await boxError.waitFor({ timeout: 15_000 });
  assert.match((await boxError.textContent()) ?? '', /Situs ini belum dapat memuat berita saat ini/);

  // One read, not three: a refusal is not a network fault worth retrying.
  assert.equal(reads.length, 1);
  assert.equal(warnings.length, 1);
  assert.ok(warnings[0].includes(partnerOrigin), warnings[0]);
  await page.close();
});
