/**
 * People are never taken for bots: with production's limits and fill-time rule,
 * retries cost nothing and get the same answer, many readers behind one address
 * each get their comment in, one browser key has its own tighter allowance, and
 * a form without JavaScript is judged by the server's signed stamp.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { formStamp } from '../../../server/form-stamp.js';
import { TokenBuckets } from '../../../server/limits.js';
import { ALLOWANCES } from '../../../server/routes/context.js';
import { LIMITS } from '../../../src/core/rules/rules.js';
import { ADMIN_TOKEN, testServer, thread, validComment, validStory, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  // Production defaults: these tests are about the limits and the fill-time rule.
  server = await testServer({ KABAR_RATE_LIMIT: 'on', KABAR_MIN_FILL_MS: String(LIMITS.minFillMs) }, { seed: false });
});
after(() => server.close());

const editor = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const browser = (n: number | string) => ({ 'Kabar-Browser-Key': `peramban-uji-${String(n).padStart(8, '0')}` });
const pending = async () => (await server.api('GET', '/admin/queue?per_page=100', { headers: editor })).body;

test('a story sent once and retried six times under its key costs one send: the next story is 201', async () => {
  const headers = { ...browser('ulang'), 'Idempotency-Key': 'cerita-sinyal-lemah' };
  const story = validStory({ title: 'Dikirim dari sinyal lemah', email: 'lemah@example.org' });
  const first = await server.api('POST', '/stories', { json: story, headers });
  assert.equal(first.status, 201);
  for (let i = 0; i < 6; i++) {
    const retry = await server.api('POST', '/stories', { json: story, headers });
    assert.equal(retry.status, 201);
    assert.deepEqual(retry.body, first.body, 'the same answer');
  }
  // Five a browser may send at once: four are left after the first, whatever the retries.
  for (let i = 0; i < ALLOWANCES.storiesPerBrowser.capacity - 1; i++) {
    const next = await server.api('POST', '/stories', { json: validStory({ title: `Cerita berikutnya ${i}`, email: 'lemah@example.org' }), headers: { ...browser('ulang'), 'Idempotency-Key': `berikut-${i}` } });
    assert.equal(next.status, 201, `story ${i + 2}`);
  }
  const comment = validComment({ body: 'Komentar yang diulang dua belas kali.' });
  const keyed = { ...browser('ulang-komentar'), 'Idempotency-Key': 'komentar-ulang' };
  for (let i = 0; i < 13; i++) assert.equal((await server.api('POST', thread('ulang'), { json: comment, headers: keyed })).status, 201);
  const after12 = await server.api('POST', thread('ulang'), { json: validComment({ body: 'Komentar baru sesudahnya.' }), headers: { ...browser('ulang-komentar'), 'Idempotency-Key': 'komentar-baru' } });
  assert.equal(after12.status, 201);
});

test('twenty concurrent sends under one key from one browser: twenty 2xx, one record', async () => {
  const story = validStory({ title: 'Dua puluh ketukan', email: 'ketuk@example.org' });
  const headers = { ...browser('ketuk'), 'Idempotency-Key': 'satu-kunci-dua-puluh' };
  const answers = await Promise.all(Array.from({ length: 20 }, () => server.api('POST', '/stories', { json: story, headers })));
  assert.deepEqual(answers.map((a) => a.status), Array<number>(20).fill(201));
  assert.equal(new Set(answers.map((a) => JSON.stringify(a.body))).size, 1);
  assert.equal((await pending()).stories.filter((s: { title: string }) => s.title === 'Dua puluh ketukan').length, 1);
});

test('twenty readers behind one address each get their comment in; one browser sending thirty in a minute is limited, its neighbours are not', async () => {
  const statuses = [];
  for (let i = 0; i < 20; i++) {
    const sent = await server.api('POST', thread('ramai-satu-alamat'), {
      json: validComment({ author_email: `pembaca${i}@example.org`, body: `Pendapat pembaca nomor ${i}.`, elapsed_ms: 8_000 + i * 100 }),
      headers: { ...browser(`tetangga-${i}`), 'Idempotency-Key': `tetangga-${i}` },
    });
    statuses.push(sent.status);
  }
  assert.deepEqual(statuses, Array<number>(20).fill(201));
  const queued = (await pending()).comments.filter((c: { thread: string }) => c.thread === '/artikel/ramai-satu-alamat');
  assert.equal(queued.length, 20, 'all twenty wait for review, none held as spam');
  assert.ok(queued.every((c: { spam_reason?: string }) => c.spam_reason === undefined));

  const flood = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < 30; i++) {
    const sent = await server.api('POST', thread(`banjir-${i % 3}`), {
      json: validComment({ author_email: 'banjir@example.org', body: `Komentar banjir ${i}` }),
      headers: { ...browser('penyiram'), 'Idempotency-Key': `banjir-${i}` },
    });
    flood.push(sent.status);
    if (sent.status === 429) retryAfter = sent.headers.get('Retry-After');
  }
  assert.ok(Number(retryAfter) >= 1, 'a refusal in the write still says when to try again');
  assert.equal(flood.filter((s) => s === 201).length, ALLOWANCES.commentsPerBrowser.capacity);
  assert.equal(flood.at(-1), 429);
  const neighbour = await server.api('POST', thread('banjir-0'), { json: validComment({ author_email: 'tetangga@example.org', body: 'Saya tetap bisa berkomentar.' }), headers: browser('tetangga-baik') });
  assert.equal(neighbour.status, 201, 'the same address, another browser');
});

test('a form without JavaScript: its signed stamp makes the send judged like any other, a forged one only marks it, and the writer reads a page', async () => {
  const stamp = await server.api('GET', '/form-stamp');
  assert.equal(stamp.status, 200);
  assert.equal(stamp.headers.get('Cache-Control'), 'no-store');
  assert.match(stamp.body.form_stamp, /^\d+\.[\w-]{43}$/);
  // Anyone may ask for stamps: one must not let a guess of the admin token be checked offline.
  const [at, signed] = stamp.body.form_stamp.split('.');
  for (const key of [ADMIN_TOKEN, `kabar form stamp\n${ADMIN_TOKEN}`]) {
    assert.notEqual(createHmac('sha256', key).update(at).digest('base64url'), signed, 'not a plain HMAC of the token');
  }

  const plainForm = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return server.app.request('http://127.0.0.1/api/v1/stories', { method: 'POST', body: form, headers: { 'Sec-Fetch-Mode': 'navigate', Accept: 'text/html' } });
  };
  const fields = { name: 'Wati', email: 'wati@example.org', title: 'Dari ponsel tanpa JavaScript', body: 'Paragraf pertama.\n\nParagraf kedua.', consent: 'true' };
  const written = formStamp(ADMIN_TOKEN, Date.now() - 90_000);
  const answer = await plainForm({ ...fields, form_stamp: written });
  assert.equal(answer.status, 201);
  assert.match(answer.headers.get('Content-Type') ?? '', /^text\/html/);
  assert.match(await answer.text(), /cerita Anda diterima/);
  const forged = await plainForm({ ...fields, title: 'Stempel palsu', form_stamp: `${Date.now() - 90_000}.${'A'.repeat(43)}` });
  assert.equal(forged.status, 201);
  const refused = await plainForm({ ...fields, title: 'x', form_stamp: written });
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /Judul/);

  const stories = (await pending()).stories as Array<{ title: string; spam_reason?: string }>;
  assert.equal(stories.find((s) => s.title === 'Dari ponsel tanpa JavaScript')?.spam_reason, undefined, 'judged by its stamp: 90 s');
  assert.equal(stories.find((s) => s.title === 'Stempel palsu')?.spam_reason, 'no_timing', 'in the queue, marked');
});

test('ten minutes behind one carrier-grade NAT address, on the allowances as sized: 150 commenters and 60 story writers, none refused; one script is', () => {
  // The buckets the server uses, on a clock this test moves: arrivals spread over ten minutes.
  const minutes = 10 * 60_000;
  const simulate = (people: number, perAddress: { capacity: number; refillMs: number }, perBrowser: { capacity: number; refillMs: number }) => {
    const address = new TokenBuckets(perAddress.capacity, perAddress.refillMs);
    const browsers = new TokenBuckets(perBrowser.capacity, perBrowser.refillMs);
    let refused = 0;
    for (let i = 0; i < people; i++) {
      const at = Math.floor((i * minutes) / people);
      const ok = browsers.take(`browser-${i}`, at).ok && address.take('203.0.113.7', at).ok;
      if (!ok) refused++;
    }
    return refused;
  };
  assert.equal(simulate(150, ALLOWANCES.commentsPerAddress, ALLOWANCES.commentsPerBrowser), 0);
  assert.equal(simulate(60, ALLOWANCES.storiesPerAddress, ALLOWANCES.storiesPerBrowser), 0);
  // Even with no refill at all, a crowd of 120 behind one address fits in what it has at once.
  assert.equal(simulate(120, { ...ALLOWANCES.commentsPerAddress, refillMs: Number.MAX_SAFE_INTEGER }, ALLOWANCES.commentsPerBrowser), 0);
  // One script on one browser key, thirty comments in a minute: refused after its tenth and a few refills.
  const script = new TokenBuckets(ALLOWANCES.commentsPerBrowser.capacity, ALLOWANCES.commentsPerBrowser.refillMs);
  const through = Array.from({ length: 30 }, (_, i) => script.take('script', i * 2_000).ok).filter(Boolean).length;
  assert.ok(through <= 12, `${through} of 30 got through`);
});
