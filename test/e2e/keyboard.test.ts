/**
 * Keyboard alone, against the real server with its production defaults (the fill-time rule,
 * rate limits, the CORS allow-list naming the partner), on a partner's pages (another origin,
 * not localhost): feed paging and "load more" with a failure and its retry, a reply to a
 * comment through its errors, and the story form with a category, "published elsewhere", a
 * photo and its description, its errors and a retry while the server is down. Readers type
 * at a person's pace; every step asserts what the live regions said, as a screen-reader user
 * hears it, and where the focus went.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { admin, collectErrors } from './harness.js';
import { drawPhoto, focusedElement, heard, hears, listen, partnerSuite, tabTo, typeHere } from './reach.js';

const suite = partnerSuite();

async function open(path: string, colorScheme: 'light' | 'dark'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await suite.partner.browser.newContext({ viewport: { width: 390, height: 800 }, colorScheme });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${suite.partner.origin}${path}`, { waitUntil: 'load' });
  await page.waitForFunction(`[...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('kabar-')).every((el) => el.shadowRoot)`);
  return { context, page, errors };
}

/** Errors a page logs while it is offline or its server is down on purpose: the failed requests themselves. */
const unexpected = (errors: string[]) => errors.filter((error) => !/Failed to load resource|net::ERR_/.test(error));

for (const colorScheme of ['light', 'dark'] as const) {
  test(`feed by keyboard (${colorScheme}): a numbered page, then "load more", a failure and its retry, each announced`, async () => {
    const { context, page, errors } = await open('/feed', colorScheme);
    try {
      const pages = page.locator('#pages');
      const more = page.locator('#more');
      await pages.locator('[part~="card-link"]').nth(2).waitFor();
      await more.locator('[part="load-more"]').waitFor();
      const firstPage = await pages.locator('[part~="card-link"]').allTextContents();
      await listen(page);

      await tabTo(page, '[aria-label="Halaman 2"]');
      await page.keyboard.press('Enter');
      assert.match(await hears(page, /^Halaman 2 dari \d+$/), /^Halaman 2 dari \d+$/);
      const secondPage = await pages.locator('[part~="card-link"]').allTextContents();
      assert.notDeepEqual(secondPage, firstPage, 'page 2 shows other articles');
      const onCard = await focusedElement(page);
      assert.equal(onCard.tag, 'a', 'focus is on the first card of page 2');
      assert.equal(onCard.name, secondPage[0].trim());

      await tabTo(page, '[part="load-more"]');
      await page.keyboard.press('Enter');
      assert.match(await hears(page, /^3 artikel lagi, 6 dari \d+$/), /artikel lagi/);
      assert.equal(await more.locator('[part~="card-link"]').count(), 6);
      const onNew = await focusedElement(page);
      assert.equal(onNew.name, (await more.locator('[part~="card-link"]').nth(3).textContent())?.trim(), 'focus is on the first new card');

      // The signal drops: "load more" fails, says so, and its retry brings the next articles once the signal is back.
      await context.setOffline(true);
      await tabTo(page, '[part="load-more"]');
      await page.keyboard.press('Enter');
      assert.match(await hears(page, /luring/), /Anda sedang luring/);
      await context.setOffline(false);
      await tabTo(page, '[part="retry-button"]', { most: 3, back: true }).catch(() => tabTo(page, '[part="retry-button"]', { most: 3 }));
      await page.keyboard.press('Enter');
      assert.match(await hears(page, /^3 artikel lagi, 9 dari \d+$/), /artikel lagi/);
      assert.equal(await more.locator('[part~="card-link"]').count(), 9);
      assert.deepEqual(unexpected(errors), []);
    } finally {
      await context.close();
    }
  });
}

test('a reply to a comment by keyboard (dark): its errors announced and focused, then "pending" announced and the reply in the thread', async () => {
  const { context, page, errors } = await open('/article', 'dark');
  try {
    const box = page.locator('kabar-comment-box');
    await box.locator('[part="reply-button"]').first().waitFor();
    await listen(page);
    await tabTo(page, '[part="reply-button"]');
    const answering = (await focusedElement(page)).name;
    assert.match(answering, /^Balas /);
    await page.keyboard.press('Enter');
    await box.locator('#reply-title').waitFor();
    assert.equal((await focusedElement(page)).id, 'field-body', 'focus is in the reply');
    const body = `Kami ikut menabung sampah mulai bulan depan. (${Date.now()})`;
    await typeHere(box.locator('#field-body'), body);

    await tabTo(page, '[part="submit-button"]');
    await page.keyboard.press('Enter');
    assert.match(await hears(page, /^Ada 2 isian yang perlu diperbaiki/), /Ada 2 isian/);
    assert.equal((await focusedElement(page)).id, 'field-name', 'focus is on the first error');
    await typeHere(box.locator('#field-name'), 'Wulan Sari');
    await tabTo(page, '#field-email');
    await typeHere(box.locator('#field-email'), 'wulan@contoh.id');
    await tabTo(page, '[part="submit-button"]');
    await page.keyboard.press('Enter');

    assert.equal(await hears(page, /^Komentar Anda menunggu moderasi\.$/), 'Komentar Anda menunggu moderasi.');
    const mine = box.locator('[part~="comment-pending"]', { hasText: body });
    await mine.waitFor();
    assert.equal(await mine.locator('xpath=ancestor::ol[1]').getAttribute('part'), 'replies', 'the reply sits under the comment it answers');
    assert.match((await focusedElement(page)).id, /^comment-/, 'focus is on the new reply');
    const queued = (await admin(suite.server, 'GET', '/queue')).body.comments.find((comment: { body: string }) => comment.body === body);
    assert.ok(queued?.parent_id ?? queued?.parentId, 'it reached the editors as a reply');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the story form by keyboard (light): category, "published elsewhere", a photo and its description, errors, a retry while the server is down, the receipt', async () => {
  const { context, page, errors } = await open('/story', 'light');
  try {
    const form = page.locator('kabar-story-form');
    await form.locator('#category option').nth(1).waitFor({ state: 'attached' });
    const photo = await drawPhoto(page);
    await listen(page);
    const title = `Bakau di pesisir, ditulis dengan papan ketik (${Date.now()})`;

    await tabTo(page, '#name');
    await typeHere(form.locator('#name'), 'Sari Wulandari');
    await page.keyboard.press('Tab');
    await typeHere(form.locator('#email'), 'sari@contoh.id');
    await page.keyboard.press('Tab');
    await typeHere(form.locator('#community'), 'Pesisir Hijau');
    await page.keyboard.press('Tab');
    await typeHere(form.locator('#title'), title);
    await tabTo(page, '#body');
    await typeHere(form.locator('#body'), 'Warga menanam bakau setiap Sabtu pagi.');

    await tabTo(page, '#category');
    await page.keyboard.press('ArrowDown');
    const category = await form.locator('#category').inputValue();
    assert.notEqual(category, '', 'a category was chosen with the arrow key');

    await page.keyboard.press('Tab');
    assert.equal((await focusedElement(page)).id, 'elsewhere-yes');
    await page.keyboard.press('Space');
    await tabTo(page, '#originalUrl', { most: 2 });
    await typeHere(form.locator('#originalUrl'), 'https://blog.contoh.id/bakau');

    // The photo: the file input has focus under its button; Space opens the system's picker.
    await tabTo(page, '#photo', { most: 2 });
    const picker = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (await picker).setFiles({ name: 'bakau-pesisir.jpg', mimeType: 'image/jpeg', buffer: photo });
    await form.locator('#photo-note').getByText(/Foto siap dikirim|Foto diperkecil/).waitFor({ timeout: 20_000 });
    assert.equal((await form.locator('[part="file-name"]').textContent())?.trim(), 'bakau-pesisir.jpg');
    assert.match((await form.locator('#photo').getAttribute('aria-describedby')) ?? '', /\bphoto-name\b/, 'the file name is read with the field');
    await tabTo(page, '#photoAlt', { most: 3 });
    await typeHere(form.locator('#photoAlt'), 'Warga menanam bibit bakau di lumpur pantai');
    await tabTo(page, '#consent', { most: 3 });
    await page.keyboard.press('Space');

    // One paragraph is not enough: the summary is announced and takes focus; its link leads back to the story.
    await tabTo(page, 'button[type="submit"]', { most: 3 });
    await page.keyboard.press('Enter');
    assert.match(await hears(page, /^Ada 1 isian yang perlu diperbaiki: Cerita: Tulisan minimal 2 paragraf/), /Cerita/);
    assert.equal(await form.evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('part')), 'error-summary');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal((await focusedElement(page)).id, 'body');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await typeHere(form.locator('#body'), 'Kini siswa sekolah dasar ikut merawat bibitnya.');

    // The server goes down as she sends: the retry is announced once, with a button to try again now.
    await suite.server.stop();
    try {
      await tabTo(page, 'button[type="submit"]');
      await page.keyboard.press('Enter');
      assert.match(await hears(page, /^Gagal terkirim\. Mencoba lagi dalam \d+ detik…$/, 30_000), /Mencoba lagi/);
      await tabTo(page, '[part="button"]', { most: 2 });
      assert.equal((await focusedElement(page)).name, 'Coba lagi');
    } finally {
      await suite.server.restart();
    }
    if (await form.locator('[part="button"]', { hasText: 'Coba lagi' }).count()) await page.keyboard.press('Enter');
    await form.locator('[part="receipt"]').waitFor({ timeout: 30_000 });
    assert.equal(await form.evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('part')), 'receipt-title', 'focus is on the receipt');
    assert.ok((await heard(page)).includes('Mengirim…'), 'the send was announced');

    const stored = (await admin(suite.server, 'GET', '/queue')).body.stories.filter((story: { title: string }) => story.title === title);
    assert.equal(stored.length, 1, 'one story, not one per try');
    assert.equal(stored[0].photo?.alt, 'Warga menanam bibit bakau di lumpur pantai');
    assert.equal(stored[0].original_url ?? stored[0].originalUrl, 'https://blog.contoh.id/bakau');
    assert.ok(stored[0].category, 'the category came along');
    assert.deepEqual(unexpected(errors), []);
  } finally {
    await context.close();
  }
});
