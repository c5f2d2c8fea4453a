/**
 * People are never taken for bots. Readers and writers at a person's pace, in
 * Chromium, on a partner's site (another origin than the API's), against the
 * reference server with its production defaults (fill-time rule, rate limits,
 * CORS allow-list: only the partner's origin is added, as an operator does):
 * typing at 5 to 8 keys a second, pasting, autofill, a restored draft, a quick
 * second comment, a quick reply, keyboard only, twenty readers behind one
 * address (every browser context here reaches the server from 127.0.0.1, as
 * phones behind one carrier-grade NAT do), a form without JavaScript. Beside
 * them the bots: an instant post, a filled honeypot, a thousand posts from one
 * browser key. It prints who landed where and fails on any person held as spam
 * or refused, and on any bot that got through unflagged.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { admin, collectErrors, startServer, type RunningServer } from './harness.js';
import { partnerSite, type PartnerSite } from './partner.js';

type Landing = 'queue' | 'queue (marked)' | 'spam' | 'refused' | 'missing';
interface Row {
  who: string;
  kind: 'person' | 'bot';
  what: string;
  landed: string;
  ok: boolean;
}
const rows: Row[] = [];

let server: RunningServer;
let partner: PartnerSite;
let noScriptStamp = '';
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** The README's plain form for a page without JavaScript, pointed at this server, with the stamp the partner's server asked for. */
const readmeForm = (): string => {
  const form = /<form action="https:\/\/berita\.contoh\.id\/api\/v1\/stories"[\s\S]*?<\/form>/.exec(readme)?.[0];
  assert.ok(form, "the README's no-JavaScript form");
  return form.replace('https://berita.contoh.id/api/v1', server.apiUrl).replace(/(name="form_stamp" value=")[^"]*/, `$1${noScriptStamp}`);
};

before(async () => {
  partner = await partnerSite('warta-warga.test', (url) => {
    const script = `<script type="module" src="${server.url}/kabar.js"></script>`;
    if (url.pathname === '/tanpa-js') return `<!doctype html><html lang="id"><body><h1>Kirim cerita</h1>${readmeForm()}</body></html>`;
    if (url.pathname === '/cerita') {
      return `<!doctype html><html lang="id"><head>${script}</head><body><h1>Kirim cerita</h1><kabar-story-form backend="${server.apiUrl}"></kabar-story-form></body></html>`;
    }
    const thread = url.searchParams.get('utas') ?? 'umum';
    return `<!doctype html><html lang="id"><head>${script}</head><body><article><h1>Kabar ${thread}</h1><p>Warga membersihkan selokan bersama pada Minggu pagi.</p></article>
<kabar-comment-box backend="${server.apiUrl}" thread="/mitra/${thread}" loading="eager"></kabar-comment-box></body></html>`;
  });
  // Production defaults; the operator allows the partner's origin.
  server = await startServer({ env: { KABAR_ALLOWED_ORIGINS: partner.origin } });
});

after(async () => {
  await partner?.close();
  await server?.stop();
});

/** A person's typing: 5 to 8 keys a second. */
const keysPerSecond = (rate: number) => ({ delay: Math.round(1000 / rate) });

async function open(path: string, context?: BrowserContext): Promise<{ page: Page; errors: string[]; context: BrowserContext }> {
  const ctx = context ?? (await partner.browser.newContext());
  const page = await ctx.newPage();
  const errors = collectErrors(page);
  await page.clock.install();
  await page.goto(`${partner.origin}${path}`, { waitUntil: 'load' });
  return { page, errors, context: ctx };
}

async function commentBox(page: Page): Promise<Locator> {
  const box = page.locator('kabar-comment-box');
  await box.locator('form[part="form"]').waitFor();
  return box;
}

/** An article page of the partner's with its comment box, in a browser of its own (a reader's phone). */
async function openThread(thread: string): Promise<{ page: Page; context: BrowserContext; box: Locator }> {
  const { page, context } = await open(`/artikel?utas=${thread}`);
  return { page, context, box: await commentBox(page) };
}

async function storyForm(page: Page): Promise<Locator> {
  const form = page.locator('kabar-story-form');
  await form.locator('form[part="form"]').waitFor();
  return form;
}

/** Presses Tab until `target` has the focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the control');
}

/** Reading the article: the seconds pass on the page's clock. */
const read = (page: Page, seconds: number) => page.clock.fastForward(seconds * 1000);

/** The browser's autofill puts in a name and an e-mail address at once. */
async function autofill(box: Locator, name: string, email: string): Promise<void> {
  await box.locator('#field-name').fill(name);
  await box.locator('#field-email').fill(email);
}

async function sendComment(box: Locator): Promise<void> {
  await box.locator('[part="submit-button"]').click();
}

/** Waits until the box shows the comment as sent (pending), or a failure. */
async function commentAnswered(box: Locator, body: string): Promise<void> {
  await box.locator('article[part~="comment"]', { hasText: body }).locator('[part="pending-note"]').waitFor({ timeout: 30_000 });
}

/** Where a text landed: the editors' queue (marked or not), the spam list, or nowhere. */
async function landing(kind: 'stories' | 'comments', text: string): Promise<Landing> {
  for (const status of ['pending', 'spam'] as const) {
    const queue = await admin(server, 'GET', `/queue?status=${status}&per_page=100&sort=newest`);
    const items = queue.body[kind] as Array<{ body: string; title?: string; spam_reason?: string }>;
    const found = items.find((item) => (kind === 'stories' ? item.title === text : item.body === text));
    if (found) return status === 'spam' ? 'spam' : found.spam_reason ? 'queue (marked)' : 'queue';
  }
  return 'missing';
}

function record(who: string, kind: 'person' | 'bot', what: string, landed: string, ok: boolean): void {
  rows.push({ who, kind, what, landed, ok });
}

async function person(who: string, what: string, kind: 'stories' | 'comments', text: string): Promise<void> {
  const landed = await landing(kind, text);
  record(who, 'person', what, landed, landed === 'queue' || landed === 'queue (marked)');
}

test('people at their own pace reach the queue; bots are held or refused', async () => {
  try {
    await everyone();
  } finally {
    printTable();
  }
  assert.deepEqual(rows.filter((r) => !r.ok).map((r) => `${r.who}: ${r.what} -> ${r.landed}`), []);
});

async function everyone(): Promise<void> {
  // 1. A story typed at 6 keys a second.
  {
    const { page, errors, context } = await open('/cerita');
    const form = await storyForm(page);
    await form.locator('#name').pressSequentially('Dewi', keysPerSecond(6));
    await form.locator('#email').pressSequentially('dewi@contoh.id', keysPerSecond(7));
    const title = 'Posyandu baru di RW 03';
    await form.locator('#title').pressSequentially(title, keysPerSecond(6));
    await form.locator('#body').pressSequentially('Warga membuka posyandu.', keysPerSecond(8));
    await form.locator('#body').press('Enter');
    await form.locator('#body').press('Enter');
    await form.locator('#body').pressSequentially('Buka tiap Rabu.', keysPerSecond(8));
    await form.locator('#elsewhere-no').check();
    await form.locator('#consent').check();
    await form.locator('button[type="submit"]').click();
    await form.locator('[part="receipt"]').waitFor({ timeout: 30_000 });
    await person('Dewi', 'story typed at 6-8 keys/s', 'stories', title);
    assert.deepEqual(errors, []);
    await context.close();
  }

  // 2. A story filled by the browser's autofill with a pasted title and body, sent after 10 s on the page.
  {
    const { page, context } = await open('/cerita');
    const form = await storyForm(page);
    const title = 'Panen raya di Desa Sukamaju';
    await form.locator('#name').fill('Rudi Hartono');
    await form.locator('#email').fill('rudi@contoh.id');
    await form.locator('#title').fill(title);
    await form.locator('#body').fill('Padi menguning di sawah desa.\n\nPanen dimulai pekan depan.');
    await form.locator('#elsewhere-no').check();
    await form.locator('#consent').check();
    await read(page, 10);
    await form.locator('button[type="submit"]').click();
    await form.locator('[part="receipt"]').waitFor({ timeout: 30_000 });
    await person('Rudi', 'autofill + pasted story, sent after 10 s', 'stories', title);
    await context.close();
  }

  // 3. A comment pasted and sent at once after reading the article for 20 s; then "Setuju!" typed
  //    at 5 keys a second right after it.
  {
    const { page, context, box } = await openThread('selokan');
    await read(page, 20);
    const first = 'Terima kasih untuk semua warga yang ikut kerja bakti.';
    await box.locator('#field-body').fill(first);
    await autofill(box, 'Sari', 'sari@contoh.id');
    await sendComment(box);
    await commentAnswered(box, first);
    await person('Sari', 'pasted comment, sent at once after 20 s of reading', 'comments', first);

    await box.locator('#field-body').pressSequentially('Setuju!', keysPerSecond(5));
    await sendComment(box);
    await commentAnswered(box, 'Setuju!');
    await person('Sari', '"Setuju!" at 5 keys/s right after her first', 'comments', 'Setuju!');
    await context.close();
  }

  // 4. A draft restored after a reload, finished and sent at once.
  {
    const { page, context } = await open('/artikel?utas=pasar');
    let box = await commentBox(page);
    await autofill(box, 'Bayu', 'bayu@contoh.id');
    await box.locator('#field-body').pressSequentially('Pasar pagi makin ramai', keysPerSecond(7));
    await page.waitForTimeout(600);
    await page.reload();
    box = await commentBox(page);
    assert.equal(await box.locator('#field-body').inputValue(), 'Pasar pagi makin ramai', 'the draft is back');
    // Her name and address come back by autofill; she finishes the sentence and sends.
    await autofill(box, 'Bayu', 'bayu@contoh.id');
    await box.locator('#field-body').press('End');
    await box.locator('#field-body').pressSequentially(', mantap.', keysPerSecond(7));
    await sendComment(box);
    const body = 'Pasar pagi makin ramai, mantap.';
    await commentAnswered(box, body);
    await person('Bayu', 'restored draft, sent right after the reload', 'comments', body);
    await context.close();
  }

  // 5. Keyboard only: Tab from field to field, Enter on the button.
  {
    const { page, context, box } = await openThread('jalan');
    const body = 'Jalan desa sudah diperbaiki, terima kasih.';
    await tabTo(page, box.locator('#field-body'));
    await page.keyboard.type(body, keysPerSecond(8));
    await tabTo(page, box.locator('#field-name'));
    await page.keyboard.type('Tini', keysPerSecond(7));
    await tabTo(page, box.locator('#field-email'));
    await page.keyboard.type('tini@contoh.id', keysPerSecond(7));
    await tabTo(page, box.locator('[part="submit-button"]'));
    await page.keyboard.press('Enter');
    await commentAnswered(box, body);
    await person('Tini', 'keyboard only', 'comments', body);
    await context.close();
  }

  // 6. A quick reply: a neighbour's comment is approved; a reader answers it in a few keys.
  {
    const queue = await admin(server, 'GET', '/queue?per_page=100');
    const neighbour = (queue.body.comments as Array<{ id: string; body: string }>).find((c) => c.body === 'Jalan desa sudah diperbaiki, terima kasih.');
    assert.ok(neighbour);
    assert.equal((await admin(server, 'POST', `/comments/${neighbour.id}`, { action: 'approve' })).status, 200);
    const { context, box } = await openThread('jalan');
    await box.locator('article[part~="comment"]', { hasText: 'Jalan desa sudah diperbaiki' }).locator('.reply-button').click();
    await box.locator('#field-body').pressSequentially('Betul, Bu!', keysPerSecond(6));
    await autofill(box, 'Agus', 'agus@contoh.id');
    await sendComment(box);
    await commentAnswered(box, 'Betul, Bu!');
    await person('Agus', 'quick reply (a few keys) to an approved comment', 'comments', 'Betul, Bu!');
    await context.close();
  }

  // 7. Twenty readers behind one address, each reading a few seconds and typing a short comment.
  for (let batch = 0; batch < 4; batch++) {
    await Promise.all(
      Array.from({ length: 5 }, async (_, j) => {
        const n = batch * 5 + j + 1;
        const { page, context, box } = await openThread('ramai');
        await read(page, 3 + (n % 4));
        const body = `Pembaca ${n}: setuju sekali.`;
        await box.locator('#field-body').pressSequentially(body, keysPerSecond(5 + (n % 4)));
        await autofill(box, `Pembaca ${n}`, `pembaca${n}@contoh.id`);
        await sendComment(box);
        await commentAnswered(box, body);
        await person(`Pembaca ${n}`, 'one of twenty behind one address', 'comments', body);
        await context.close();
      }),
    );
  }

  // 8. The README's form with JavaScript off, filled by a person.
  {
    noScriptStamp = ((await (await fetch(`${server.apiUrl}/form-stamp`)).json()) as { form_stamp: string }).form_stamp;
    const context = await partner.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${partner.origin}/tanpa-js`);
    const title = 'Kebun sekolah tanpa JavaScript';
    await page.getByLabel('Nama').pressSequentially('Wati', keysPerSecond(6));
    await page.getByLabel('Email').pressSequentially('wati@contoh.id', keysPerSecond(7));
    await page.getByLabel('Judul').pressSequentially(title, keysPerSecond(8));
    await page.getByLabel('Cerita').fill('Murid menanam sayur.\n\nHasilnya dibagi ke warga.');
    await page.getByLabel('Saya setuju').check();
    await page.getByRole('button', { name: 'Kirim cerita' }).click();
    await page.getByText('cerita Anda diterima').waitFor();
    await person('Wati', "the README's form with JavaScript off", 'stories', title);
    await context.close();
  }

  // Bots. An instant post: the page loads and the form is filled and sent in a moment.
  {
    const { context, box } = await openThread('robot');
    const body = 'Beli obat murah di toko kami.';
    // A script fills and sends the form the moment it is there, in one go.
    await box.evaluate((host, text) => {
      const root = host.shadowRoot!;
      for (const [id, value] of [
        ['field-body', text],
        ['field-name', 'Promo'],
        ['field-email', 'promo@contoh.id'],
      ]) {
        const input = root.getElementById(id) as HTMLInputElement;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }
      (root.querySelector('[part="submit-button"]') as HTMLButtonElement).click();
    }, body);
    await commentAnswered(box, body);
    const landed = await landing('comments', body);
    record('bot', 'bot', 'instant post (about 300 ms after the form showed)', landed, landed === 'spam');
    await context.close();
  }
  // A honeypot filled by a bot that fills every field it finds.
  {
    const { page, context, box } = await openThread('robot');
    await read(page, 30);
    const body = 'Kunjungi situs kami untuk penawaran.';
    await box.locator('#field-body').fill(body);
    await autofill(box, 'Penawaran', 'tawar@contoh.id');
    await box.locator('input[name="homepage"]').evaluate((input: HTMLInputElement) => {
      input.value = 'https://toko.example';
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    });
    await sendComment(box);
    await commentAnswered(box, body);
    const landed = await landing('comments', body);
    record('bot', 'bot', 'honeypot filled', landed, landed === 'spam');
    await context.close();
  }
  // A thousand posts from one browser key.
  {
    const statuses: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const response = await fetch(`${server.apiUrl}/threads/${encodeURIComponent('/mitra/banjir')}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Kabar-Browser-Key': 'satu-peramban-seribu-kiriman', 'Idempotency-Key': `banjir-${i}` },
        body: JSON.stringify({ author_name: 'Banjir', author_email: 'banjir@contoh.id', body: `Kiriman nomor ${i}`, elapsed_ms: 60_000 }),
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    const through = statuses.filter((s) => s === 201).length;
    const refused = statuses.filter((s) => s === 429).length;
    record('bot', 'bot', '1000 posts from one browser key', `${through} in the queue, ${refused} refused (429)`, through <= 10 && through + refused === 1000);
  }
  // After the flood, a neighbour on the same address (another browser) still gets her comment in.
  {
    // Her page loads a few seconds later (the flood also emptied the address's request allowance, which refills in 6 s).
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    const { page, context, box } = await openThread('banjir');
    await read(page, 5);
    const body = 'Saya tetap bisa berkomentar setelah banjir kiriman.';
    await box.locator('#field-body').pressSequentially(body, keysPerSecond(8));
    await autofill(box, 'Nur', 'nur@contoh.id');
    await sendComment(box);
    await commentAnswered(box, body);
    await person('Nur', 'same address right after the 1000-post bot', 'comments', body);
    await context.close();
  }
}

function printTable(): void {
  const width = (key: keyof Row) => Math.max(key.length, ...rows.map((r) => String(r[key]).length));
  const line = (r: Record<keyof Row, string>) => (['kind', 'who', 'what', 'landed'] as const).map((k) => r[k].padEnd(width(k))).join(' | ');
  console.log(['', line({ kind: 'kind', who: 'who', what: 'what', landed: 'landed', ok: '' }), ...rows.map((r) => `${line({ ...r, ok: '' })}${r.ok ? '' : '  <-- wrong'}`)].join('\n'));
  const people = rows.filter((r) => r.kind === 'person');
  console.log(`people: ${people.filter((r) => r.ok).length} of ${people.length} in the queue; bots stopped: ${rows.filter((r) => r.kind === 'bot' && r.ok).length} of ${rows.filter((r) => r.kind === 'bot').length}`);
}
