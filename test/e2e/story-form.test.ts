/**
 * The story form against the real reference server, in Chromium: from a
 * writer's draft to the editors' queue and, once approved, the feed.
 *
 * The server keeps its production rules: a story sent less than 3 s after its
 * writing began is taken for a bot's, and one address may send 5 stories a
 * minute. Writers take their time here (the page's clock is moved on by the
 * minutes a person spends writing), and each test is a writer of its own: the
 * server sits behind a proxy it trusts, as a site's reverse proxy, which names
 * every writer's own address.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page, Request } from 'playwright-core';
import { admin, e2eSuite } from './harness.js';

const suite = e2eSuite({ env: { KABAR_TRUST_PROXY: 'on' } });
let writers = 0;

const TWO_PARAGRAPHS =
  'Setiap Sabtu pagi warga Kampung Nelayan membersihkan pantai bersama.\n\nKini mereka juga menanam bakau dengan siswa sekolah dasar setempat.';

/**
 * Makes a phone-sized JPEG (4000 x 3000, with detail that does not compress
 * away) in the page and picks it in the form's file input, as a reader would.
 * A string, so the test's compiler adds no helpers the page does not have.
 */
const PICK_PHOTO = `(async () => {
  const canvas = new OffscreenCanvas(4000, 3000);
  const context = canvas.getContext('2d');
  let seed = 11;
  for (let i = 0; i < 6000; i++) {
    seed = (seed * 16807) % 2147483647;
    const a = seed / 2147483647;
    seed = (seed * 16807) % 2147483647;
    const b = seed / 2147483647;
    context.fillStyle = 'hsl(' + Math.floor(a * 360) + ' 60% ' + (30 + Math.floor(b * 40)) + '%)';
    context.fillRect(a * 4000, b * 3000, 4 + b * 80, 4 + a * 80);
  }
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  const input = document.querySelector('kabar-story-form').shadowRoot.querySelector('#photo');
  const transfer = new DataTransfer();
  transfer.items.add(new File([blob], 'pantai.jpg', { type: 'image/jpeg' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return blob.size;
})()`;

interface StoryPage {
  page: Page;
  errors: string[];
  form: Locator;
  /** POST /api/v1/stories requests the page made. */
  posts: Request[];
}

async function openStoryPage(): Promise<StoryPage> {
  const context = await suite.browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${++writers}` } });
  const { page, errors } = await suite.open('/demo/story.html', { context, clock: true });
  // A page still open when the file ends closes with the browser, which has then taken its context along.
  page.once('close', () => void context.close().catch(() => undefined));
  const posts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/stories') posts.push(request);
  });
  const form = page.locator('kabar-story-form').first();
  // Upgraded: the shadow root holds the real form.
  await form.locator('form[part="form"]').waitFor();
  return { page, errors, form, posts };
}

async function fill(form: Locator, values: { title: string; body?: string; originalUrl?: string }): Promise<void> {
  await form.locator('#name').fill('Sari Wulandari');
  await form.locator('#email').fill('sari@contoh.id');
  await form.locator('#community').fill('Komunitas Pesisir Hijau');
  await form.locator('#title').fill(values.title);
  await form.locator('#body').fill(values.body ?? TWO_PARAGRAPHS);
  if (values.originalUrl) {
    await form.locator('#elsewhere-yes').check();
    await form.locator('#originalUrl').fill(values.originalUrl);
  } else {
    await form.locator('#elsewhere-no').check();
  }
  await form.locator('#consent').check();
}

/** The minutes a person spends writing, passed on the page's clock. */
async function takeTime(page: Page, minutes = 4): Promise<void> {
  await page.clock.fastForward(minutes * 60_000);
}

async function queuedTitles(): Promise<string[]> {
  const queue = await admin(suite.server, 'GET', '/queue');
  assert.equal(queue.status, 200);
  return (queue.body.stories as Array<{ title: string }>).map((story) => story.title);
}

const draftKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('kabar:draft:story:')));

test('a one-paragraph story is refused inline; two paragraphs get a receipt, wait in the queue and, approved, reach the feed', async () => {
  const { page, errors, form, posts } = await openStoryPage();
  const title = 'Bakau untuk pantai Kampung Nelayan';
  await fill(form, { title, body: 'Hanya satu paragraf tentang pantai kami.' });
  await takeTime(page);
  await form.locator('button[type="submit"]').click();
  await form.locator('#body-error').waitFor();
  assert.match(await form.locator('#body-error').innerText(), /minimal 2 paragraf/);
  assert.equal(await form.locator('#body').getAttribute('aria-invalid'), 'true');
  assert.equal(posts.length, 0, 'nothing was sent');

  await form.locator('#body').fill(TWO_PARAGRAPHS);
  await form.locator('button[type="submit"]').click();
  const receipt = form.locator('[part="receipt"]');
  await receipt.waitFor();
  assert.match(await receipt.innerText(), /Terima kasih! Cerita Anda sudah kami terima dan akan ditinjau redaksi\./);
  assert.match(await receipt.innerText(), /Nomor tanda terima: \S+/);
  assert.equal(posts.length, 1);
  assert.deepEqual(await draftKeys(page), [], 'the draft is gone after the 201');

  const queue = await admin(suite.server, 'GET', '/queue');
  const queued = (queue.body.stories as Array<{ id: string; title: string; body: string; community: string }>).find(
    (story) => story.title === title,
  );
  assert.ok(queued, 'the story waits in the admin queue');
  assert.equal(queued.body, TWO_PARAGRAPHS);
  assert.equal(queued.community, 'Komunitas Pesisir Hijau');

  const approved = await admin(suite.server, 'POST', `/stories/${queued.id}`, { action: 'approve' });
  assert.equal(approved.status, 200);

  // The published story in a feed element on a page of the same server.
  await page.goto(`${suite.server.url}/demo/`);
  await page.evaluate((apiUrl) => {
    const feed = document.createElement('kabar-article-feed');
    feed.setAttribute('backend', apiUrl);
    document.querySelector('main')!.prepend(feed);
  }, '/api/v1');
  await page.locator('kabar-article-feed').getByText(title).first().waitFor({ timeout: 15_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a reload mid-typing restores every text field, with a way to discard the draft', async () => {
  const { page, errors, form } = await openStoryPage();
  await fill(form, { title: 'Draf yang tidak boleh hilang', originalUrl: 'https://blog.contoh.id/bakau' });
  await page.reload();
  const restored = page.locator('kabar-story-form').first();
  await restored.locator('[part="draft-notice"]').waitFor();
  assert.match(await restored.locator('[part="draft-notice"]').innerText(), /Draf Anda sebelumnya dipulihkan\./);
  assert.equal(await restored.locator('#name').inputValue(), 'Sari Wulandari');
  assert.equal(await restored.locator('#email').inputValue(), 'sari@contoh.id');
  assert.equal(await restored.locator('#community').inputValue(), 'Komunitas Pesisir Hijau');
  assert.equal(await restored.locator('#title').inputValue(), 'Draf yang tidak boleh hilang');
  assert.equal(await restored.locator('#body').inputValue(), TWO_PARAGRAPHS);
  assert.equal(await restored.locator('#elsewhere-yes').isChecked(), true);
  assert.equal(await restored.locator('#originalUrl').inputValue(), 'https://blog.contoh.id/bakau');
  assert.equal(await restored.locator('#consent').isChecked(), true);
  assert.match(await restored.locator('[part="draft-saved"]').innerText(), /^Draf tersimpan \d{2}[.:]\d{2}$/);

  await restored.getByRole('button', { name: 'Buang draf' }).click();
  assert.equal(await restored.locator('#title').inputValue(), '');
  assert.deepEqual(await draftKeys(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a story restored from its draft and sent within a second of the reload reaches the editors\u2019 queue', async () => {
  const { page, errors, form, posts } = await openStoryPage();
  const title = 'Dipulihkan lalu langsung dikirim';
  await fill(form, { title });
  // She wrote for a while, then the page reloaded (a tap on a link, a crash, a phone that ran out of memory).
  await takeTime(page, 12);
  await page.reload();
  const restored = page.locator('kabar-story-form').first();
  await restored.locator('[part="draft-notice"]').waitFor();
  // At once, as the writer who sees her story back presses send.
  await restored.locator('button[type="submit"]').click();
  await restored.locator('[part="receipt"]').waitFor();
  assert.equal(posts.length, 1);
  const queued = (await admin(suite.server, 'GET', '/queue')).body.stories.filter((story: { title: string }) => story.title === title);
  assert.equal(queued.length, 1, 'the story waits for the editors, not dropped as a bot\u2019s');
  assert.equal(queued[0].status, 'pending');
  assert.deepEqual(await draftKeys(page), [], 'the draft is gone after the 201');
  assert.deepEqual(errors, []);
  await page.close();
});

test('with the server stopped the send fails and keeps everything, then goes through once it is back, as one record', async () => {
  const { page, form, posts } = await openStoryPage();
  const title = 'Terkirim setelah server hidup lagi';
  await fill(form, { title });
  await takeTime(page);
  await suite.server.stop();
  try {
    await form.locator('button[type="submit"]').click();
    await form.locator('[part="status"]').getByText(/Gagal terkirim\. Mencoba lagi dalam \d+ detik…/).waitFor();
    assert.equal(await form.locator('#title').inputValue(), title, 'the text stays in the form');
    assert.equal((await draftKeys(page)).length, 1, 'the draft is kept while the send fails');
  } finally {
    await suite.server.restart();
  }
  // Nobody touches the form again: the send controller's own retry must get it through.
  await form.locator('[part="receipt"]').waitFor({ timeout: 60_000 });
  assert.deepEqual(await draftKeys(page), [], 'the draft is gone after the 201');
  assert.ok(posts.length >= 2, 'it took more than one try');
  const keys = new Set(await Promise.all(posts.map((post) => post.headerValue('idempotency-key'))));
  assert.equal(keys.size, 1, 'every try carried the same Idempotency-Key');
  assert.equal((await queuedTitles()).filter((queued) => queued === title).length, 1, 'one record, not one per try');
  await page.close();
});

test('a double click and a double Enter each send exactly one request', async () => {
  const { page, errors, form, posts } = await openStoryPage();
  await fill(form, { title: 'Dikirim sekali dengan klik ganda' });
  await takeTime(page);
  await form.locator('button[type="submit"]').dblclick();
  await form.locator('[part="receipt"]').waitFor();
  // Give a stray second request time to show up, should one have been made.
  await page.waitForTimeout(500);
  assert.equal(posts.length, 1);

  await form.getByRole('button', { name: 'Kirim cerita lain' }).click();
  await fill(form, { title: 'Dikirim sekali dengan Enter ganda' });
  await takeTime(page);
  await form.locator('#title').focus();
  // Two presses back to back, as a key bounce or an impatient writer makes them.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await form.locator('[part="receipt"]').waitFor();
  await page.waitForTimeout(500);
  assert.equal(posts.length, 2);
  const titles = await queuedTitles();
  assert.equal(titles.filter((title) => title === 'Dikirim sekali dengan klik ganda').length, 1);
  assert.equal(titles.filter((title) => title === 'Dikirim sekali dengan Enter ganda').length, 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 4000 x 3000 photo is downscaled before upload, with progress shown', async () => {
  const { page, errors, form, posts } = await openStoryPage();
  await fill(form, { title: 'Foto besar dari ponsel' });
  // A phone-sized JPEG made in the page, picked as a reader would.
  const originalBytes = await page.evaluate<number>(PICK_PHOTO);
  const note = form.locator('#photo-note');
  await note.getByText(/Foto diperkecil dari .+ menjadi .+\./).waitFor({ timeout: 20_000 });
  await form.locator('#photoAlt').fill('Warga menanam bakau di tepi pantai');
  await takeTime(page);

  // A slow uplink, like a phone on a weak signal, so the progress bar has time to show.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 50,
    downloadThroughput: -1,
    uploadThroughput: 256 * 1024,
  });
  await form.locator('button[type="submit"]').click();
  const progress = form.locator('progress');
  await progress.waitFor();
  assert.equal(await form.locator('label[for="progress"]').innerText(), 'Pengiriman');
  await form.locator('[part="receipt"]').waitFor({ timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  assert.equal(posts.length, 1);
  const sentBytes = posts[0].postDataBuffer()?.length ?? Number(await posts[0].headerValue('content-length'));
  assert.ok(sentBytes > 0, 'the request body was measured');
  assert.ok(sentBytes < originalBytes, `sent ${sentBytes} bytes, fewer than the original ${originalBytes}`);
  console.log(`photo upload: original ${originalBytes} bytes, request body ${sentBytes} bytes`);

  const stored = (await admin(suite.server, 'GET', '/queue')).body.stories.find(
    (story: { title: string }) => story.title === 'Foto besar dari ponsel',
  );
  assert.ok(stored?.photo, 'the photo arrived');
  assert.equal(stored.photo.width, 1600);
  assert.equal(stored.photo.height, 1200);
  assert.equal(stored.photo.alt, 'Warga menanam bakau di tepi pantai');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a text file named .jpg is refused by the form and by the server', async () => {
  const { page, form, posts } = await openStoryPage();
  await fill(form, { title: 'Bukan foto' });
  await form.locator('#photo').setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Ini hanya teks.\n') });
  await form.locator('#photo-error').waitFor();
  assert.equal(await form.locator('#photo-error').innerText(), 'Foto harus berupa JPEG, PNG, WebP, atau GIF.');
  await form.locator('#photoAlt').fill('Keterangan');
  await form.locator('button[type="submit"]').click();
  await form.locator('[part="error-summary"]').waitFor();
  assert.equal(posts.length, 0, 'the form sent nothing');
  await page.close();

  const body = new FormData();
  for (const [name, value] of Object.entries({
    name: 'Sari',
    email: 'sari@contoh.id',
    title: 'Bukan foto',
    body: TWO_PARAGRAPHS,
    consent: 'true',
    photo_alt: 'Keterangan',
  }))
    body.append(name, value);
  body.append('photo', new Blob(['Ini hanya teks.\n'], { type: 'image/jpeg' }), 'foto.jpg');
  const response = await fetch(`${suite.server.apiUrl}/stories`, { method: 'POST', body, headers: { Accept: 'application/json' } });
  assert.equal(response.status, 415);
  const answer = (await response.json()) as { error: { fields?: Record<string, string> } };
  assert.equal(answer.error.fields?.photo, 'photo_type');
  assert.ok(!(await queuedTitles()).includes('Bukan foto'));
});
