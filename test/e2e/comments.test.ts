/**
 * The comment box and the comment counts against the real reference server,
 * in Chromium: a seeded thread as a tree, a reader's comment pending across a
 * reload and normal once an editor approved it, and a page of counts in one
 * request.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { admin, launchBrowser, openPage, startServer, type RunningServer } from './harness.js';

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

const ARTICLE = '/artikel/bank-sampah-rw-05-sukamaju';

/** The box on an article page, scrolled near so it loads (it is lazy), once its thread is there. */
async function commentBox(page: Page): Promise<Locator> {
  const box = page.locator('kabar-comment-box').first();
  await box.scrollIntoViewIfNeeded();
  await box.locator('ol[part="thread"]').waitFor();
  await box.locator('form[part="form"]').waitFor();
  return box;
}

test('the seeded thread of an article page renders as a tree, deep replies naming whom they answer', async () => {
  const { page, errors } = await openPage(browser, `${server.url}${ARTICLE}`);
  const box = await commentBox(page);
  // Rahmat -> Sari -> Rahmat -> Bu Tini: three levels nest, the fourth stays beside the third.
  assert.ok((await box.locator('ol[part="thread"] > li').count()) >= 2);
  assert.ok((await box.locator('ol[part="replies"] ol[part="replies"] article').count()) >= 1);
  assert.equal(await box.locator('ol[part="replies"] ol[part="replies"] ol[part="replies"]').count(), 0);
  const answering = box.locator('[part="answering"]').first();
  assert.equal((await answering.textContent())?.trim(), 'membalas Rahmat Hidayat');
  assert.equal(await box.locator('[part~="comment"]').first().getAttribute('aria-label').then((label) => label?.startsWith('Komentar dari ')), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a new comment shows pending, stays pending after a reload, and shows as a normal comment once approved', async () => {
  const body = `Apakah bank sampah juga menerima kardus bekas? (${Date.now()})`;
  // A context of our own: the reader comes back later in a second tab of the same browser.
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${server.url}${ARTICLE}`);
  let box = await commentBox(page);
  await box.locator('#field-body').fill(body);
  await box.locator('#field-name').fill('Sekar Ayu');
  await box.locator('#field-email').fill('sekar@contoh.id');
  await box.locator('[part="submit-button"]').click();

  const mine = (b: Locator) => b.locator('article[part~="comment"]', { hasText: body });
  await mine(box).locator('[part="pending-note"]').waitFor();
  assert.equal((await mine(box).locator('[part="pending-note"]').textContent())?.trim(), 'Komentar Anda menunggu moderasi.');

  await page.reload();
  box = await commentBox(page);
  await mine(box).locator('[part="pending-note"]').waitFor();

  // An editor approves it through the moderation API (what /admin calls).
  const queue = await admin(server, 'GET', '/queue');
  assert.equal(queue.status, 200);
  const queued = (queue.body.comments as Array<{ id: string; body: string }>).find((comment) => comment.body === body);
  assert.ok(queued, 'the comment is in the editors\u2019 queue');
  const approved = await admin(server, 'POST', `/comments/${queued.id}`, { action: 'approve' });
  assert.equal(approved.status, 200);

  // The reader comes back later (a new tab of the same browser: same local storage, no cached thread).
  const later = await context.newPage();
  await later.goto(`${server.url}${ARTICLE}`);
  box = await commentBox(later);
  await mine(box).waitFor();
  assert.equal(await mine(box).locator('[part="pending-note"]').count(), 0);
  assert.equal(await mine(box).getAttribute('part'), 'comment');
  // Nothing pending is kept for the thread any more.
  const stored = await later.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('kabar:pending:')));
  assert.deepEqual(stored, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('twenty comment counts on one page cost one request', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const counts: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/comment-counts') counts.push(request.url());
  });
  await page.goto(`${server.url}/demo/comments.html`, { waitUntil: 'load' });
  const elements = page.locator('ul kabar-comment-count');
  assert.equal(await elements.count(), 20);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('ul kabar-comment-count')].every((el) => el.shadowRoot?.querySelector('[part="count"]')),
  );
  assert.equal(counts.length, 1, counts.join('\n'));
  assert.equal(new URL(counts[0]).searchParams.getAll('thread').length, 20);
  const first = await elements.first().locator('[part="count"]').textContent();
  assert.match(first ?? '', /^(\d+ komentar|Belum ada komentar)$/);
  assert.deepEqual(errors, []);
  await page.close();
});
