/** Comments: threads, posting, parents, counts, bots, duplicates, idempotency. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN, testServer, thread, validComment, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await testServer();
});
after(() => server.close());

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const SEEDED = 'bank-sampah-rw-05-sukamaju';

test('a seeded thread lists its approved comments flat, oldest first, with parent_id forming a tree', async () => {
  const answer = await server.api('GET', `${thread(SEEDED)}?per_page=100`);
  assert.equal(answer.status, 200);
  const items = answer.body.items as Array<{ id: string; parent_id: string | null; status: string; thread: string; created_at: string }>;
  assert.ok(items.length >= 6);
  assert.ok(items.every((c) => c.status === 'approved' && c.thread === `/artikel/${SEEDED}`));
  const ids = new Set(items.map((c) => c.id));
  assert.ok(items.some((c) => c.parent_id === null));
  assert.ok(items.filter((c) => c.parent_id !== null).every((c) => ids.has(c.parent_id!)), 'every parent is in the thread');
  const depth = (c: (typeof items)[number]): number => (c.parent_id ? 1 + depth(items.find((p) => p.id === c.parent_id)!) : 1);
  assert.ok(Math.max(...items.map(depth)) >= 3, 'threaded at least three deep');
  const times = items.map((c) => Date.parse(c.created_at));
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  assert.ok(!JSON.stringify(answer.body).includes('@example.org'), 'e-mail addresses are never published');
});

test('sort=newest reverses the order; paging and bad parameters are answered', async () => {
  const oldest = await server.api('GET', `${thread(SEEDED)}?per_page=100`);
  const newest = await server.api('GET', `${thread(SEEDED)}?per_page=100&sort=newest`);
  assert.deepEqual(
    newest.body.items.map((c: { id: string }) => c.id),
    oldest.body.items.map((c: { id: string }) => c.id).reverse(),
  );
  const page = await server.api('GET', `${thread(SEEDED)}?per_page=2&page=2`);
  assert.deepEqual(page.body.items.map((c: { id: string }) => c.id), oldest.body.items.slice(2, 4).map((c: { id: string }) => c.id));
  assert.equal(page.body.total_pages, Math.ceil(oldest.body.total / 2));
  const bad = await server.api('GET', `${thread(SEEDED)}?sort=random`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.fields.sort, 'invalid');
  const empty = await server.api('GET', '/threads/belum-ada/comments');
  assert.deepEqual([empty.body.items, empty.body.total], [[], 0]);
});

test('a thread may be any string: slashes, spaces, ?, # and % survive URL-encoding', async () => {
  const name = '/halaman/100% benar?x=1#bagian';
  const path = `/threads/${encodeURIComponent(name)}/comments`;
  const posted = await server.api('POST', path, { json: validComment({ body: 'Utas dengan nama aneh.' }) });
  assert.equal(posted.status, 201);
  assert.equal(posted.body.thread, name);
  await server.api('POST', `/admin/comments/${posted.body.id}`, { json: { action: 'approve' }, headers: admin });
  const listed = await server.api('GET', path);
  assert.equal(listed.body.items[0].thread, name);
  const counts = await server.api('GET', `/comment-counts?thread=${encodeURIComponent(name)}`);
  assert.deepEqual(counts.body.counts, { [name]: 1 });
});

test('a new comment is answered 201 as pending and is listed only after approval', async () => {
  const slug = 'kader-tbc-mengetuk-pintu';
  const before = await server.api('GET', thread(slug));
  const posted = await server.api('POST', thread(slug), {
    json: validComment({ author_url: 'https://bayu.example.org', body: 'Kader **hebat**!' }),
  });
  assert.equal(posted.status, 201);
  assert.equal(posted.body.status, 'pending');
  assert.equal(posted.body.parent_id, null);
  assert.deepEqual(posted.body.author, { name: 'Bayu', url: 'https://bayu.example.org' });
  assert.equal(posted.body.body, 'Kader **hebat**!');
  assert.equal((await server.api('GET', thread(slug))).body.total, before.body.total, 'pending is not listed');
  await server.api('POST', `/admin/comments/${posted.body.id}`, { json: { action: 'approve' }, headers: admin });
  const afterApproval = await server.api('GET', thread(slug));
  assert.equal(afterApproval.body.total, before.body.total + 1);
  assert.equal(afterApproval.body.items.at(-1).id, posted.body.id);
});

test('a reply names its parent; a parent from another thread or nowhere is a 422 invalid_parent', async () => {
  const seeded = await server.api('GET', thread(SEEDED));
  const parent = seeded.body.items[0].id;
  const reply = await server.api('POST', thread(SEEDED), { json: validComment({ parent_id: parent, body: 'Balasan yang sah.' }) });
  assert.equal(reply.status, 201);
  assert.equal(reply.body.parent_id, parent);
  const elsewhere = await server.api('POST', thread('warung-kopi-petani-muda'), { json: validComment({ parent_id: parent }) });
  assert.equal(elsewhere.status, 422);
  assert.equal(elsewhere.body.error.code, 'invalid_parent');
  assert.deepEqual(elsewhere.body.error.fields, { parent_id: 'not_found' });
  const nowhere = await server.api('POST', thread(SEEDED), { json: validComment({ parent_id: '987654' }) });
  assert.equal(nowhere.status, 422);
  const odd = await server.api('POST', thread(SEEDED), { json: validComment({ parent_id: { id: 1 } }) });
  assert.equal(odd.status, 422);
  assert.equal(odd.body.error.fields.parent_id, 'invalid');
});

test('the comment rules hold with snake_case names; JSON only', async () => {
  const answer = await server.api('POST', thread(SEEDED), {
    json: { author_name: '', author_email: 'tanpa-at', author_url: 'ftp://x.example', body: '   ' },
  });
  assert.equal(answer.status, 422);
  assert.deepEqual(answer.body.error.fields, { body: 'required', author_name: 'required', author_email: 'invalid_email', author_url: 'invalid_url' });
  const form = await server.api('POST', thread(SEEDED), { body: 'author_name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(form.status, 415);
  const broken = await server.api('POST', thread(SEEDED), { body: '[1,2]', headers: { 'Content-Type': 'application/json' } });
  assert.equal(broken.status, 400);
  const huge = await server.api('POST', thread(SEEDED), { json: validComment({ body: 'x'.repeat(70_000) }) });
  assert.equal(huge.status, 413);
  const long = await server.api('POST', thread(SEEDED), { json: validComment({ body: 'x'.repeat(6_000) }) });
  assert.equal(long.status, 422);
  assert.equal(long.body.error.fields.body, 'too_long');
});

test('the same comment twice in a thread is a 409 duplicate; with one Idempotency-Key it is one comment and one answer', async () => {
  const comment = validComment({ body: 'Komentar yang sama persis.' });
  assert.equal((await server.api('POST', thread('pasar-tani-jumat-pagi'), { json: comment })).status, 201);
  const twin = await server.api('POST', thread('pasar-tani-jumat-pagi'), { json: comment });
  assert.equal(twin.status, 409);
  assert.equal(twin.body.error.code, 'duplicate');

  const keyed = validComment({ body: 'Dikirim ulang oleh peramban.' });
  const headers = { 'Idempotency-Key': 'comment-key-1' };
  const first = await server.api('POST', thread('pasar-tani-jumat-pagi'), { json: keyed, headers });
  const again = await server.api('POST', thread('pasar-tani-jumat-pagi'), { json: keyed, headers });
  assert.equal(again.status, 201);
  assert.deepEqual(again.body, first.body);
  const other = await server.api('POST', thread('pasar-tani-jumat-pagi'), { json: { ...keyed, body: 'Isi lain.' }, headers });
  assert.equal(other.body.error.code, 'idempotency_key_reused');
  // The same key on another thread is another request, not a replay.
  const otherThread = await server.api('POST', thread('warung-kopi-petani-muda'), { json: keyed, headers });
  assert.equal(otherThread.status, 201);
  assert.notEqual(otherThread.body.id, first.body.id);
});

test('bots get a 201 that looks like any other, and nothing reaches the queue', async () => {
  const slow = await testServer({ KABAR_MIN_FILL_MS: '3000' }, { seed: false });
  try {
    const honeypot = await slow.api('POST', '/threads/t/comments', { json: validComment({ website: 'https://spam.example' }) });
    const fast = await slow.api('POST', '/threads/t/comments', { json: validComment({ body: 'Cepat sekali', elapsed_ms: 100 }) });
    for (const answer of [honeypot, fast]) {
      assert.equal(answer.status, 201);
      assert.equal(answer.body.status, 'pending');
    }
    const queue = await slow.api('GET', '/admin/queue', { headers: admin });
    assert.deepEqual(queue.body.comments, []);
  } finally {
    await slow.close();
  }
});

test('GET /comment-counts answers every thread asked for, approved only, in one request', async () => {
  const a = `/artikel/${SEEDED}`;
  const b = '/artikel/tidak-ada';
  const answer = await server.api('GET', `/comment-counts?thread=${encodeURIComponent(a)}&thread=${encodeURIComponent(b)}`);
  const listed = await server.api('GET', `${thread(SEEDED)}?per_page=100`);
  assert.deepEqual(answer.body, { counts: { [a]: listed.body.total, [b]: 0 } });
  assert.deepEqual((await server.api('GET', '/comment-counts')).body, { counts: {} });
  const tooMany = Array.from({ length: 101 }, (_, i) => `thread=t${i}`).join('&');
  assert.equal((await server.api('GET', `/comment-counts?${tooMany}`)).status, 400);
  const article = (await server.api('GET', '/articles?q=Sukamaju')).body.items[0];
  assert.equal(article.comment_count, listed.body.total, 'articles carry the same count');
});
