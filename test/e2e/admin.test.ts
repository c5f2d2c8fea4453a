/**
 * /admin in Chromium against the real server with its production defaults:
 * the spam tab, rescuing a held story, bulk actions, emptying the spam list,
 * private photos shown to the editor, and thread links that stay on this site;
 * what an editor (not the owner) is offered.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { solidPng } from '../../server/images/solid-png.js';
import { axeViolations, e2eSuite } from './harness.js';

const suite = e2eSuite();
const run = promisify(execFile);

const story = (title: string, extra: Record<string, unknown> = {}) => ({
  name: 'Sari',
  email: `${title.length}@example.org`,
  title,
  body: 'Paragraf pertama cerita ini.\n\nParagraf kedua cerita ini.',
  consent: true,
  elapsed_ms: 90_000,
  ...extra,
});

async function post(path: string, body: unknown): Promise<{ id: string; status: string }> {
  const response = await fetch(`${suite.server.apiUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { id: string; status: string };
}

test('/admin: the spam tab holds automated sends; an editor rescues one, acts in bulk and empties the list', async () => {
  const trapped = await post('/stories', story('Cerita yang tertahan jebakan', { website: 'https://iklan.example' }));
  assert.equal(trapped.status, 'pending', 'the sender is told what a person is told');
  await post('/stories', story('Cerita yang dikirim seketika', { elapsed_ms: 200 }));
  // Flagged by its timing alone: it waits in the pending list, marked, not among the spam.
  await post('/stories', story('Cerita yang dikirim tanpa waktu', { elapsed_ms: undefined }));
  const form = new FormData();
  for (const [name, value] of Object.entries(story('Cerita berfoto yang menunggu', { photo_alt: 'Kotak hijau' }))) form.append(name, String(value));
  form.append('photo', new Blob([new Uint8Array(solidPng(60, 40, [20, 160, 60]))]), 'foto.png');
  assert.equal((await fetch(`${suite.server.apiUrl}/stories`, { method: 'POST', body: form })).status, 201);
  for (const [thread, body] of [
    ['//evil.example/phish', 'Komentar di utas asing.'],
    ['/artikel/utas-sendiri', 'Komentar di utas sendiri.'],
  ]) {
    await post(`/threads/${encodeURIComponent(thread)}/comments`, { author_name: 'Rudi', author_email: 'rudi@example.org', body, elapsed_ms: 20_000 });
  }

  const { page, errors } = await suite.open('/admin');
  page.on('dialog', (dialog) => void dialog.accept());
  await page.getByLabel(/Token admin/).fill(suite.server.adminToken);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Cerita berfoto yang menunggu' }).waitFor();

  // The pending photo is not public, yet the editor sees it.
  const photo = page.locator('#stories img[alt="Kotak hijau"]');
  await page.waitForFunction(() => document.querySelector('#stories img')?.getAttribute('src')?.startsWith('data:image/png'));
  assert.equal(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth), 60);

  // Thread links stay on this origin; a foreign one is text.
  const foreign = page.locator('#comments li', { hasText: 'Komentar di utas asing.' });
  assert.equal(await foreign.locator('a').count(), 0);
  assert.equal(await foreign.getByText('//evil.example/phish').count(), 1);
  const own = page.locator('#comments li', { hasText: 'Komentar di utas sendiri.' }).getByRole('link', { name: '/artikel/utas-sendiri' });
  assert.equal(await own.evaluate((a: HTMLAnchorElement) => a.href), `${suite.server.url}/artikel/utas-sendiri`);

  const marked = page.locator('#stories li', { hasText: 'Cerita yang dikirim tanpa waktu' });
  assert.equal(await marked.getByText(/Periksa dulu/).count(), 1, 'the marker of a send flagged by its timing alone');
  assert.equal(await marked.getByText(/tanpa catatan waktu pengisian/).count(), 1);

  const spamTab = page.getByRole('tab', { name: /^Spam \(2\)/ });
  assert.equal(await page.getByRole('tab', { name: /^Menunggu/ }).getAttribute('aria-selected'), 'true');
  await spamTab.click();
  await page.getByRole('heading', { name: 'Cerita yang tertahan jebakan' }).waitFor();
  assert.equal(await spamTab.getAttribute('aria-selected'), 'true');
  const held = page.locator('#stories li', { hasText: 'Cerita yang tertahan jebakan' });
  assert.equal(await held.getByText('kolom jebakan terisi').count(), 1, 'the reason is shown');
  assert.equal(await page.locator('#stories li', { hasText: 'Cerita yang dikirim seketika' }).getByText(/kurang dari sedetik setelah formulir tampil/).count(), 1);
  assert.equal(await page.locator('#stories li', { hasText: 'Cerita yang dikirim tanpa waktu' }).count(), 0, 'not in the spam list');
  assert.deepEqual(await axeViolations(page), [], 'the spam tab');

  await held.getByRole('button', { name: /^Setujui/ }).click();
  await page.getByRole('status').filter({ hasText: 'disetujui dan diterbitkan' }).waitFor();
  const articles = (await (await fetch(`${suite.server.apiUrl}/articles?per_page=1`)).json()) as { items: Array<{ title: string }> };
  assert.equal(articles.items[0].title, 'Cerita yang tertahan jebakan');

  // Bulk: both waiting comments to spam at once.
  await page.getByRole('tab', { name: /^Menunggu/ }).click();
  await page.getByRole('heading', { name: 'Cerita berfoto yang menunggu' }).waitFor();
  // Both comments sent above, and the seeded one waiting beside them.
  const waiting = await page.locator('#comments li').count();
  assert.ok(waiting >= 2);
  await page.getByLabel('Pilih semua di halaman ini').nth(1).check();
  assert.deepEqual(await axeViolations(page), [], 'the waiting tab with a selection');
  await page.getByRole('group', { name: /komentar terpilih/ }).getByRole('button', { name: 'Spam yang dipilih' }).click();
  await page.getByRole('status').filter({ hasText: `${waiting} komentar ditandai spam` }).waitFor();
  assert.equal(await page.locator('#comments li').count(), 0);

  await page.getByRole('tab', { name: new RegExp(`^Spam \\(${waiting + 1}\\)`) }).click();
  await page.locator('#comments li').nth(waiting - 1).waitFor();
  await page.getByRole('button', { name: /Kosongkan daftar spam/ }).click();
  await page.getByRole('status').filter({ hasText: `Daftar spam dikosongkan: 1 cerita dan ${waiting} komentar dihapus.` }).waitFor();
  assert.equal(await page.getByRole('tab', { name: /^Spam \(0\)/ }).count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * An account made as an operator makes it, on the database the server uses; answers its token.
 * Run without blocking this process: while a blocking child runs, the server may close an idle
 * kept-alive socket unseen, and the next request on it would fail ("other side closed").
 */
async function account(name: string, ...flags: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/editor-cli.ts', 'add', name, ...flags], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, DATABASE: suite.server.dbPath, DATABASE_URL: '' },
    encoding: 'utf8',
  });
  return stdout.trim().split('\n').pop()!;
}

test('/admin for an editor: what only the owner may do is not offered; a name mixing look-alike scripts is marked', async () => {
  const token = await account('dewi');
  await post(`/threads/${encodeURIComponent('/artikel/utas-nama')}/comments`, {
    author_name: 'R\u0435d\u0430ks\u0456 Kabar',
    author_email: 'palsu@example.org',
    body: 'Komentar dari nama yang menyamar.',
    elapsed_ms: 20_000,
  });
  const { page, errors } = await suite.open('/admin');
  await page.getByLabel(/Token admin/).fill(token);
  await page.keyboard.press('Enter');
  const posing = page.locator('#comments li', { hasText: 'Komentar dari nama yang menyamar.' });
  await posing.waitFor();
  assert.equal(await posing.locator('mark.mixed-script').count(), 1);
  assert.match((await posing.locator('mark.mixed-script').textContent()) ?? '', /mencampur aksara/);

  // The owner's tabs and buttons are not there for her, by pointer or by keyboard.
  assert.equal(await page.getByRole('tab', { name: 'Kategori' }).count(), 0);
  assert.equal(await page.getByRole('tab', { name: 'Hapus data' }).count(), 0);
  await page.getByRole('tab', { name: /^Spam/ }).click();
  assert.equal(await page.getByRole('button', { name: /Kosongkan daftar spam/ }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Hapus yang dipilih' }).count(), 0);
  await page.getByRole('tab', { name: 'Artikel' }).click();
  await page.getByRole('button', { name: 'Tarik dari situs' }).first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Hapus', exact: true }).count(), 0);
  // Kategori stands between Artikel and Sumber mitra, Hapus data between Sumber mitra and Log.
  await page.getByRole('tab', { name: 'Artikel' }).press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-sources', 'the arrows skip the tabs she cannot use');
  await page.getByRole('tab', { name: 'Sumber mitra' }).press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-audit', 'the arrows skip the tabs she cannot use');
  assert.deepEqual(await axeViolations(page), [], 'the editor\u2019s view');
  assert.deepEqual(errors, []);
  await page.close();

  // The owner sees them all.
  const owner = await suite.open('/admin');
  await owner.page.getByLabel(/Token admin/).fill(suite.server.adminToken);
  await owner.page.keyboard.press('Enter');
  await owner.page.getByRole('tab', { name: 'Hapus data' }).waitFor();
  assert.equal(await owner.page.getByRole('tab', { name: 'Kategori' }).count(), 1);
  await owner.page.close();
});
