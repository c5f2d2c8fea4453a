/**
 * The comment box and the comment counts against the real reference server,
 * in Chromium: a seeded thread as a tree, a reader's comment pending across a
 * reload and normal once an editor approved it, and a page of counts in one
 * request.
 *
 * The server keeps its production rules: a comment sent less than 3 s after
 * its writing began is taken for a bot's, and rate limits are on. Readers take
 * the time a person takes: the page's clock is moved on while they write.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { admin, collectErrors, e2eSuite } from './harness.js';

const suite = e2eSuite();

const ARTICLE = '/artikel/bank-sampah-rw-05-sukamaju';

/** The seconds a person spends writing a comment, passed on the page's clock. */
async function takeTime(page: Page, seconds = 40): Promise<void> {
  await page.clock.fastForward(seconds * 1000);
}

/** The reader's own comment in the thread, by its text. */
const mine = (box: Locator, body: string) => box.locator('article[part~="comment"]', { hasText: body });

async function queuedComments(): Promise<Array<{ id: string; body: string; status: string }>> {
  const queue = await admin(suite.server, 'GET', '/queue');
  assert.equal(queue.status, 200);
  return queue.body.comments;
}

/** The box on an article page, scrolled near so it loads (it is lazy), once its thread is there. */
async function commentBox(page: Page): Promise<Locator> {
  const box = page.locator('kabar-comment-box').first();
  await box.scrollIntoViewIfNeeded();
  await box.locator('ol[part="thread"]').waitFor();
  await box.locator('form[part="form"]').waitFor();
  return box;
}

test('the seeded thread of an article page renders as a tree, deep replies naming whom they answer', async () => {
  const { page, errors } = await suite.open(ARTICLE);
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
  const context = await suite.browser.newContext();
  const { page, errors } = await suite.open(ARTICLE, { context, clock: true });
  let box = await commentBox(page);
  await box.locator('#field-body').fill(body);
  await box.locator('#field-name').fill('Sekar Ayu');
  await box.locator('#field-email').fill('sekar@contoh.id');
  await takeTime(page);
  await box.locator('[part="submit-button"]').click();

  await mine(box, body).locator('[part="pending-note"]').waitFor();
  assert.equal((await mine(box, body).locator('[part="pending-note"]').textContent())?.trim(), 'Komentar Anda menunggu moderasi.');

  await page.reload();
  box = await commentBox(page);
  await mine(box, body).locator('[part="pending-note"]').waitFor();

  // An editor approves it through the moderation API (what /admin calls).
  const queued = (await queuedComments()).find((comment) => comment.body === body);
  assert.ok(queued, 'the comment is in the editors\u2019 queue');
  const approved = await admin(suite.server, 'POST', `/comments/${queued.id}`, { action: 'approve' });
  assert.equal(approved.status, 200);

  // The reader comes back later (a new tab of the same browser: same local storage, no cached thread).
  const later = await context.newPage();
  errors.push(...collectErrors(later));
  await later.goto(`${suite.server.url}${ARTICLE}`);
  box = await commentBox(later);
  await mine(box, body).waitFor();
  assert.equal(await mine(box, body).locator('[part="pending-note"]').count(), 0);
  assert.equal(await mine(box, body).getAttribute('part'), 'comment');
  // Nothing pending is kept for the thread any more.
  const stored = await later.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('kabar:pending:')));
  assert.deepEqual(stored, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two comments sent a second and a half apart both reach the editors\u2019 queue', async () => {
  const stamp = Date.now();
  const first = `Bank sampahnya buka hari Minggu juga? (${stamp})`;
  const second = `Satu lagi: minyak jelantah diterima di sana? (${stamp})`;
  const context = await suite.browser.newContext();
  const { page, errors } = await suite.open(ARTICLE, { context, clock: true });
  const box = await commentBox(page);
  await box.locator('#field-name').fill('Wulan Sari');
  await box.locator('#field-email').fill('wulan@contoh.id');
  await box.locator('#field-body').fill(first);
  await takeTime(page);
  // On a bus: the signal drops as she sends, and she writes her next question while the first one waits.
  await context.setOffline(true);
  await box.locator('[part="submit-button"]').click();
  await box.locator('[part="send-status"]').getByText(/luring/).waitFor();
  await box.locator('#field-body').fill(second);
  await takeTime(page, 30);
  await context.setOffline(false);
  await mine(box, first).locator('[part="pending-note"]').waitFor();
  assert.equal(await box.locator('#field-body').inputValue(), second, 'the next comment stays in the box');
  await page.clock.fastForward(1500);
  await box.locator('[part="submit-button"]').click();
  await mine(box, second).locator('[part="pending-note"]').waitFor();

  const queued = (await queuedComments()).filter((comment) => comment.body === first || comment.body === second);
  assert.deepEqual(queued.map((comment) => [comment.body, comment.status]).sort(), [
    [second, 'pending'],
    [first, 'pending'],
  ].sort());
  assert.deepEqual(errors, []);
  await context.close();
});

test('the text typed just before the tab is closed is there when the article is opened again', async () => {
  const context = await suite.browser.newContext();
  const { page } = await suite.open(ARTICLE, { context });
  const box = await commentBox(page);
  const body = `Ditulis lalu tab langsung ditutup (${Date.now()})`;
  await box.locator('#field-body').pressSequentially(body);
  // Closed right after the last keystroke, well inside the pause the box waits before saving.
  await page.close({ runBeforeUnload: true });
  const { page: again, errors } = await suite.open(ARTICLE, { context });
  const restored = await commentBox(again);
  assert.equal(await restored.locator('#field-body').inputValue(), body);
  assert.deepEqual(errors, []);
  await context.close();
});

test('twenty comment counts on one page cost one request', async () => {
  const page = await suite.browser.newPage();
  const errors = collectErrors(page);
  const counts: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/comment-counts') counts.push(request.url());
  });
  await page.goto(`${suite.server.url}/demo/comments.html`, { waitUntil: 'load' });
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
