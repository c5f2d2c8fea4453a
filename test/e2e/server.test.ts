/**
 * The reference server as a browser meets it: the demo landing page and an
 * article page load the bundle under the strict CSP without a single error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, e2eSuite } from './harness.js';

const suite = e2eSuite();

test('the demo landing page loads the bundle without errors and links every demo', async () => {
  const { page, errors } = await suite.open('/demo/');
  await page.waitForFunction(() => customElements.get('kabar-comment-box') !== undefined);
  const links = await page.locator('a[href^="/demo/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const demo of ['feed', 'story', 'comments', 'wordpress']) assert.ok(links.includes(`/demo/${demo}.html`), `links /demo/${demo}.html`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an article page shows its text and an upgraded comment box for its own thread', async () => {
  const listing = (await (await fetch(`${suite.server.apiUrl}/articles?per_page=1`)).json()) as { items: Array<{ url: string; title: string }> };
  const article = listing.items[0];
  const { page, errors } = await suite.open(article.url);
  assert.equal(await page.locator('h1').textContent(), article.title);
  const box = page.locator('kabar-comment-box');
  assert.equal(await box.getAttribute('thread'), new URL(article.url).pathname);
  await page.waitForFunction(() => document.querySelector('kabar-comment-box')?.shadowRoot !== null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('/admin: an editor signs in with the token, approves a story and a comment, marks spam, and hears each result', async () => {
  /** A story with markup in every text field, linking to `originalUrl`. */
  const sendStory = (originalUrl: string) =>
    fetch(`${suite.server.apiUrl}/stories`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Penulis <b>Tebal</b>',
        email: 'penulis@example.org',
        title: 'Cerita untuk disetujui <img src=x>',
        body: 'Paragraf pertama dengan <script>document.title="diretas"</script>.\n\nParagraf kedua.',
        original_url: originalUrl,
        consent: true,
        elapsed_ms: 60_000,
      }),
    });
  // A javascript: link is refused by the rules; send a proper one.
  assert.equal((await sendStory('javascript:alert(1)x')).status, 422);
  const story = await sendStory('https://blog.example.org/cerita');
  assert.equal(story.status, 201);
  const reader = await fetch(`${suite.server.apiUrl}/threads/${encodeURIComponent('/artikel/moderasi')}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author_name: 'Pembaca', author_email: 'pembaca@example.org', body: 'Komentar yang layak terbit.', elapsed_ms: 20_000 }),
  });
  assert.equal(reader.status, 201);

  const { page, errors } = await suite.open('/admin');
  assert.deepEqual(await axeViolations(page), [], 'the sign-in state');
  await page.getByLabel(/Token admin/).fill('salah');
  await page.getByRole('button', { name: /Masuk/ }).click();
  await page.getByRole('status').filter({ hasText: 'Token tidak cocok' }).waitFor();

  await page.getByLabel(/Token admin/).fill(suite.server.adminToken);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Cerita untuk disetujui <img src=x>' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('kabar-admin-token')), suite.server.adminToken);
  assert.equal(await page.locator('#stories img[src="x"], #stories script, #stories b').count(), 0, 'what readers sent is text');
  assert.equal(await page.title(), 'Moderasi · Kabar');
  const link = page.getByRole('link', { name: 'https://blog.example.org/cerita' });
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow');

  assert.deepEqual(await axeViolations(page), [], 'the queue');

  const item = page.locator('#stories li', { hasText: 'Cerita untuk disetujui' });
  await item.getByRole('button', { name: /^Setujui/ }).click();
  await page.getByRole('status').filter({ hasText: 'disetujui dan diterbitkan' }).waitFor();
  assert.equal(await item.count(), 0);
  const articles = (await (await fetch(`${suite.server.apiUrl}/articles?per_page=1`)).json()) as { items: Array<{ title: string }> };
  assert.equal(articles.items[0].title, 'Cerita untuk disetujui <img src=x>');

  const worthy = page.locator('#comments li', { hasText: 'Komentar yang layak terbit.' });
  await worthy.getByRole('button', { name: /^Setujui/ }).click();
  // The story's message may still be shown: wait for the comment's own.
  await page.getByRole('status').filter({ hasText: 'Komentar dari Pembaca disetujui.' }).waitFor();
  assert.equal(await worthy.count(), 0);
  const thread = (await (await fetch(`${suite.server.apiUrl}/threads/${encodeURIComponent('/artikel/moderasi')}/comments`)).json()) as {
    items: Array<{ body: string }>;
  };
  assert.deepEqual(thread.items.map((c) => c.body), ['Komentar yang layak terbit.'], 'the approved comment is listed');

  const comment = page.locator('#comments li').first();
  await comment.getByRole('button', { name: /^Spam/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'ditandai spam' }).waitFor();

  // The token is kept for the session: a reload shows the queue again without asking.
  await page.reload();
  await page.getByRole('heading', { name: /Cerita menunggu/ }).waitFor();
  assert.equal(await page.locator('#login').isHidden(), true);
  // Chromium logs the refused wrong token as a failed load; nothing else may go wrong.
  assert.deepEqual(errors, ['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  await page.close();
});
