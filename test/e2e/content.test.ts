/**
 * Content management in /admin, in Chromium against the real server with its
 * production defaults: an editor edits a waiting story and approves it, edits
 * the article and takes it off the site, and finds each step in the log tab.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIMITS } from '../../src/core/rules/rules.js';
import { admin, axeViolations, e2eSuite } from './harness.js';

// The harness turns the fill-time rule off; here it stays as in production (the story says it took 90 s).
const suite = e2eSuite({ env: { KABAR_MIN_FILL_MS: String(LIMITS.minFillMs) } });

test('/admin: edit a story, approve it, edit and unpublish the article, and read it all in the log', async () => {
  const { server } = suite;
  const sent = await fetch(`${server.apiUrl}/stories`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: 'Sari',
      email: 'sari@example.org',
      title: 'Judul dengan salah ketikk',
      body: 'Paragraf pertama cerita ini.\n\nParagraf kedua cerita ini.',
      consent: true,
      elapsed_ms: 90_000,
    }),
  });
  assert.equal(sent.status, 201);
  const { id } = (await sent.json()) as { id: string };

  const { page, errors } = await suite.open('/admin');
  page.on('dialog', (dialog) => void dialog.accept());
  await page.getByLabel(/Token admin/).fill(server.adminToken);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Judul dengan salah ketikk' }).waitFor();

  await page.getByRole('button', { name: 'Sunting cerita “Judul dengan salah ketikk”' }).click();
  const storyForm = page.getByRole('form', { name: /Sunting cerita/ });
  assert.deepEqual(await axeViolations(page), [], 'the story editor');
  await storyForm.getByLabel('Judul').fill('Judul yang sudah benar');
  await storyForm.getByRole('button', { name: 'Simpan suntingan' }).click();
  await page.getByRole('status').filter({ hasText: 'Suntingan cerita “Judul yang sudah benar” disimpan.' }).waitFor();
  await page.getByRole('heading', { name: 'Judul yang sudah benar' }).waitFor();
  await page.getByRole('button', { name: 'Setujui cerita “Judul yang sudah benar”' }).click();
  await page.getByRole('status').filter({ hasText: 'disetujui dan diterbitkan' }).waitFor();

  await page.getByRole('tab', { name: 'Artikel' }).click();
  const item = page.locator('#articles li', { hasText: 'Judul yang sudah benar' });
  await item.getByRole('button', { name: 'Sunting' }).click();
  const articleForm = page.getByRole('form', { name: /Sunting artikel/ });
  await articleForm.getByLabel('Judul').fill('Judul artikel setelah disunting');
  await articleForm.getByRole('button', { name: 'Simpan artikel' }).click();
  await page.getByRole('status').filter({ hasText: 'Artikel “Judul artikel setelah disunting” disimpan.' }).waitFor();
  const story = await admin(server, 'GET', `/queue?status=pending`);
  assert.ok(!story.body.stories.some((s: { id: string }) => s.id === id), 'approved, it left the queue');
  const listed = (await (await fetch(`${server.apiUrl}/articles?per_page=1`)).json()) as { items: Array<{ id: string; title: string }> };
  assert.equal(listed.items[0].title, 'Judul artikel setelah disunting', 'readers see the edit');

  await page.locator('#articles li', { hasText: 'Judul artikel setelah disunting' }).getByRole('button', { name: 'Tarik dari situs' }).click();
  await page.getByRole('status').filter({ hasText: 'ditarik dari situs' }).waitFor();
  assert.equal((await fetch(`${server.apiUrl}/articles/${listed.items[0].id}`)).status, 404, 'readers no longer see it');
  assert.deepEqual(await axeViolations(page), [], 'the articles tab');

  await page.getByRole('tab', { name: 'Log' }).click();
  const rows = page.locator('#audit tbody tr');
  await rows.first().waitFor();
  // The changes, newest first; the log also records each read of the queue, which is not what this follows.
  const lines = (await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent))))
    .filter(([, action]) => !action?.startsWith('membaca antrean'))
    .slice(0, 4);
  assert.deepEqual(lines, [
    ['owner', 'menarik artikel dari situs', `artikel ${listed.items[0].id}`],
    ['owner', 'menyunting artikel', `artikel ${listed.items[0].id}`],
    ['owner', 'menyetujui cerita', `cerita ${id}`],
    ['owner', 'menyunting cerita', `cerita ${id}`],
  ]);
  assert.deepEqual(await axeViolations(page), [], 'the log tab');
  assert.deepEqual(errors, []);
  await page.close();
});
