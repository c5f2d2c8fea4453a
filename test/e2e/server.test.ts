/**
 * The reference server as a browser meets it: the demo landing page and an
 * article page load the bundle under the strict CSP without a single error.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startServer, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the demo landing page loads the bundle without errors and links every demo', async () => {
  const { page, errors } = await openPage(browser, `${server.url}/demo/`);
  await page.waitForFunction(() => customElements.get('kabar-comment-box') !== undefined);
  const links = await page.locator('a[href^="/demo/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const demo of ['feed', 'story', 'comments', 'wordpress']) assert.ok(links.includes(`/demo/${demo}.html`), `links /demo/${demo}.html`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an article page shows its text and an upgraded comment box for its own thread', async () => {
  const listing = (await (await fetch(`${server.apiUrl}/articles?per_page=1`)).json()) as { items: Array<{ url: string; title: string }> };
  const article = listing.items[0];
  const { page, errors } = await openPage(browser, article.url);
  assert.equal(await page.locator('h1').textContent(), article.title);
  const box = page.locator('kabar-comment-box');
  assert.equal(await box.getAttribute('thread'), new URL(article.url).pathname);
  await page.waitForFunction(() => document.querySelector('kabar-comment-box')?.shadowRoot !== null);
  assert.deepEqual(errors, []);
  await page.close();
});
