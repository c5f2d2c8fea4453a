/**
 * Nothing thrown away: sends that look automated are held as spam (with the
 * reason), answered like any other, and can be rescued by an editor. The queue
 * pages and counts, bulk actions work, and expired rows are pruned.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../server/store/sqlite.js';
import { LIMITS } from '../../../src/core/rules/rules.js';
import { ADMIN_TOKEN, onPostgres, testServer, validComment, validStory, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  // The production fill-time rule: these tests are about what it catches.
  server = await testServer({ KABAR_MIN_FILL_MS: String(LIMITS.minFillMs) }, { seed: false });
});
after(() => server.close());

const editor = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const queue = async (query = '') => (await server.api('GET', `/admin/queue${query}`, { headers: editor })).body;
const threadPath = `/threads/${encodeURIComponent('/artikel/uji-spam')}/comments`;

test('a honeypot send is in the spam list with its reason, and approving it publishes it', async () => {
  const sent = await server.api('POST', '/stories', { json: validStory({ title: 'Cerita dengan jebakan terisi', website: 'https://toko.example' }) });
  assert.equal(sent.status, 201);
  assert.equal(sent.body.status, 'pending');
  assert.ok(!(await queue()).stories.some((s: { id: string }) => s.id === sent.body.id), 'not in the pending list');
  const held = (await queue('?status=spam')).stories.find((s: { id: string }) => s.id === sent.body.id);
  assert.equal(held.status, 'spam');
  assert.equal(held.spam_reason, 'honeypot');

  const approved = await server.api('POST', `/admin/stories/${sent.body.id}`, { json: { action: 'approve' }, headers: editor });
  assert.equal(approved.status, 200);
  assert.equal(approved.body.story.status, 'approved');
  const listed = await server.api('GET', '/articles?per_page=1');
  assert.equal(listed.body.items[0].title, 'Cerita dengan jebakan terisi');
});

test('an instant send is held as spam; too fast, or with elapsed_ms missing, -1 or "soon", waits in the pending list marked; all answered 201 pending from one sequence', async () => {
  const person = await server.api('POST', '/stories', { json: validStory({ title: 'Sebelum robot', email: 'orang@example.org' }) });
  const timings: Array<[unknown, string, 'spam' | 'pending']> = [
    [300, 'instant', 'spam'],
    [2_000, 'too_fast', 'pending'],
    [undefined, 'no_timing', 'pending'],
    [-1, 'no_timing', 'pending'],
    ['soon', 'no_timing', 'pending'],
  ];
  const ids: number[] = [Number(person.body.id)];
  for (const [i, [elapsed, reason, list]] of timings.entries()) {
    const story = validStory({ title: `Robot nomor ${i}`, email: `robot${i}@example.org`, elapsed_ms: elapsed });
    const sent = await server.api('POST', '/stories', { json: story });
    assert.equal(sent.status, 201, String(elapsed));
    assert.deepEqual(Object.keys(sent.body).sort(), Object.keys(person.body).sort(), 'the same shape');
    assert.equal(sent.body.status, 'pending');
    ids.push(Number(sent.body.id));
    const held = (await queue(list === 'spam' ? '?status=spam' : '')).stories.find((s: { id: string }) => s.id === sent.body.id);
    assert.equal(held?.spam_reason, reason, String(elapsed));
    assert.equal(held.status, list);
  }
  assert.deepEqual(ids, ids.map((_, i) => ids[0] + i), 'one sequence, no gaps, no decoys');
  const unmarked = (await queue()).stories.find((s: { id: string }) => s.id === person.body.id);
  assert.equal(unmarked.spam_reason, undefined, 'a send in time carries no marker');

  const comment = await server.api('POST', threadPath, { json: validComment({ elapsed_ms: 'soon', body: 'Komentar dari mesin.' }) });
  assert.equal(comment.status, 201);
  assert.equal(comment.body.status, 'pending');
  const real = await server.api('POST', threadPath, { json: validComment({ body: 'Komentar dari orang.' }) });
  assert.equal(Number(real.body.id), Number(comment.body.id) + 1);
  const marked = (await queue()).comments.find((c: { id: string }) => c.id === comment.body.id);
  assert.equal(marked.spam_reason, 'no_timing');
  assert.equal(marked.status, 'pending');
});

test('a reply to a comment held as spam is answered like a reply to a pending one, and a repeat of it like any repeat', async () => {
  const held = await server.api('POST', threadPath, { json: validComment({ website: 'https://toko.example', body: 'Yang ditahan sebagai spam.' }) });
  const pending = await server.api('POST', threadPath, { json: validComment({ body: 'Yang menunggu biasa.', author_email: 'biasa@example.org' }) });
  const replyTo = (parent: string, body: string) => server.api('POST', threadPath, { json: validComment({ parent_id: parent, body, author_email: 'pembalas@example.org' }) });
  const toHeld = await replyTo(held.body.id, 'Balasan untuk yang ditahan.');
  const toPending = await replyTo(pending.body.id, 'Balasan untuk yang menunggu.');
  assert.equal(toHeld.status, toPending.status);
  assert.equal(toHeld.status, 201);
  assert.deepEqual(Object.keys(toHeld.body).sort(), Object.keys(toPending.body).sort());
  assert.equal(toHeld.body.status, toPending.body.status);
  const again = await server.api('POST', threadPath, { json: validComment({ website: 'https://toko.example', body: 'Yang ditahan sebagai spam.' }) });
  const againPending = await server.api('POST', threadPath, { json: validComment({ body: 'Yang menunggu biasa.', author_email: 'biasa@example.org' }) });
  assert.equal(again.status, againPending.status, 'a repeat says "duplicate" for both');
  assert.equal(again.body.error.code, againPending.body.error.code);
});

test('the public API never lists spam; a rescued comment is listed and counted', async () => {
  const sent = await server.api('POST', threadPath, { json: validComment({ website: 'x', body: 'Komentar yang terjebak.' }) });
  const mine = await server.api('POST', threadPath, { json: validComment({ body: 'Komentar lain yang sah.', author_email: 'lain@example.org' }) });
  await server.api('POST', `/admin/comments/${mine.body.id}`, { json: { action: 'approve' }, headers: editor });
  const listed = async () => (await server.api('GET', threadPath)).body.items.map((c: { body: string }) => c.body);
  assert.ok(!(await listed()).includes('Komentar yang terjebak.'));
  const count = async () => (await server.api('GET', `/comment-counts?thread=${encodeURIComponent('/artikel/uji-spam')}`)).body.counts['/artikel/uji-spam'];
  const before = await count();
  await server.api('POST', `/admin/comments/${sent.body.id}`, { json: { action: 'approve' }, headers: editor });
  assert.ok((await listed()).includes('Komentar yang terjebak.'));
  assert.equal(await count(), before + 1);
});

test('the queue pages oldest or newest first and counts each status', async () => {
  const other = await testServer({}, { seed: false });
  try {
    const titles = Array.from({ length: 25 }, (_, i) => `Antrean nomor ${String(i).padStart(2, '0')}`);
    for (const [i, title] of titles.entries()) await other.api('POST', '/stories', { json: validStory({ title, email: `p${i}@example.org` }) });
    for (let i = 0; i < 3; i++) await other.api('POST', '/stories', { json: validStory({ title: `Spam ${i}`, website: 'x' }) });
    const page = async (query: string) => (await other.api('GET', `/admin/queue${query}`, { headers: editor })).body;
    const first = await page('?per_page=10');
    assert.deepEqual(first.stories.map((s: { title: string }) => s.title), titles.slice(0, 10));
    assert.equal(first.total_pages, 3);
    assert.deepEqual(first.counts.stories, { pending: 25, approved: 0, rejected: 0, spam: 3 });
    assert.deepEqual((await page('?per_page=10&page=3')).stories.map((s: { title: string }) => s.title), titles.slice(20));
    assert.deepEqual((await page('?per_page=10&sort=newest')).stories.map((s: { title: string }) => s.title), titles.slice(15).reverse());
    assert.equal((await page('?status=spam')).stories.length, 3);
    const bad = await other.api('GET', '/admin/queue?status=approved', { headers: editor });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.fields, { status: 'invalid' });
  } finally {
    await other.close();
  }
});

test('bulk: approve, spam, reject and delete many at once, one result per id; emptying the spam list', async () => {
  const other = await testServer({}, { seed: false });
  try {
    const story = async (title: string) => (await other.api('POST', '/stories', { json: validStory({ title: `Cerita nomor ${title}` }) })).body.id as string;
    const comment = async (body: string) => (await other.api('POST', threadPath, { json: validComment({ body }) })).body.id as string;
    const [a, b, c] = [await story('Satu'), await story('Dua'), await story('Tiga')];
    const [x, y] = [await comment('Komentar x'), await comment('Komentar y')];
    const bulk = (json: unknown) => other.api('POST', '/admin/bulk', { json, headers: editor });

    const approved = await bulk({ action: 'approve', stories: [a, b, '999999'] });
    assert.equal(approved.status, 200);
    assert.deepEqual(approved.body.stories, [
      { id: a, result: 'approved' },
      { id: b, result: 'approved' },
      { id: '999999', result: 'not_found' },
    ]);
    assert.equal((await other.api('GET', '/articles')).body.total, 2);

    const spam = await bulk({ action: 'spam', stories: [a, c], comments: [x, y] });
    assert.deepEqual(spam.body.stories, [
      { id: a, result: 'already_moderated' },
      { id: c, result: 'spam' },
    ]);
    assert.deepEqual(spam.body.comments.map((r: { result: string }) => r.result), ['spam', 'spam']);
    const rejected = await bulk({ action: 'reject', comments: [y] });
    assert.deepEqual(rejected.body.comments, [{ id: y, result: 'rejected' }], 'spam can still be rejected');

    const spamCounts = async () => (await other.api('GET', '/admin/queue?status=spam', { headers: editor })).body.counts;
    assert.equal((await spamCounts()).comments.spam, 1);
    const emptied = await other.api('DELETE', '/admin/spam', { headers: editor });
    assert.deepEqual(emptied.body, { deleted: { stories: 1, comments: 1 } });
    const counts = await spamCounts();
    assert.equal(counts.stories.spam + counts.comments.spam, 0);

    const deleted = await bulk({ action: 'delete', comments: [y] });
    assert.deepEqual(deleted.body.comments, [{ id: y, result: 'deleted' }], 'a rejected comment can be deleted');
    assert.equal((await bulk({ action: 'delete', stories: [a] })).body.stories[0].result, 'already_moderated', 'a published story is not deleted');
    const tooMany = await bulk({ action: 'approve', stories: Array.from({ length: 501 }, (_, i) => String(i + 1)) });
    assert.equal(tooMany.status, 422);
    assert.equal((await bulk({ action: 'approve', stories: 'semua' })).status, 422);
  } finally {
    await other.close();
  }
});

test('idempotency rows and spam held by a bot signal past their lifetime are pruned by the server itself, with a line in the audit log; what only the timing flagged stays', async () => {
  const longAgo = Date.now() - 8 * 24 * 60 * 60 * 1000;
  for (let i = 0; i < 50; i++) {
    await server.query('INSERT INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES (?, ?, ?, 201, ?, ?)', 'POST /stories', `lama-${i}`, 'h', '{}', longAgo);
  }
  const old = Date.now() - 31 * 24 * 60 * 60 * 1000;
  for (const [body, reason] of [
    ['Spam lama sekali', 'honeypot'],
    ['Terkirim seketika dulu', 'instant'],
    ['Cepat tapi mungkin orang', 'too_fast'],
  ]) {
    await server.query(
      `INSERT INTO comments (thread, parent_id, author_name, author_email, body, status, created_at, spam_reason)
       VALUES ('/artikel/lama', NULL, 'Mesin', 'm@example.org', ?, 'spam', ?, ?)`,
      body,
      old,
      reason,
    );
  }
  const oldIds = (await server.query<{ id: number }>(`SELECT id FROM comments WHERE thread = '/artikel/lama' AND spam_reason IN ('honeypot', 'instant') ORDER BY id`)).map((r) => Number(r.id));

  const fresh = await server.api('POST', threadPath, { json: validComment({ body: 'Memicu pembersihan.' }), headers: { 'Idempotency-Key': 'baru' } });
  assert.equal(fresh.status, 201);
  const keys = (await server.query<{ key: string }>('SELECT key FROM idempotency')).map((r) => r.key);
  assert.ok(!keys.some((k) => k.startsWith('lama-')), 'expired rows are gone');
  assert.ok(keys.includes('baru'), 'the fresh row stays');
  const left = (await server.query<{ body: string }>(`SELECT body FROM comments WHERE thread = '/artikel/lama'`)).map((r) => r.body);
  assert.deepEqual(left, ['Cepat tapi mungkin orang'], 'only what a bot signal held is deleted; the timing alone never deletes');
  const log = (await server.api('GET', '/admin/audit', { headers: editor })).body.items as Array<{ actor: string; action: string; detail?: string }>;
  const purge = log.find((e) => e.action === 'spam.purge');
  assert.ok(purge, 'the purge is in the audit log');
  assert.equal(purge.actor, 'server');
  assert.match(purge.detail ?? '', new RegExp(`comments ${oldIds.join(', ')}\\b`));
  // Within its lifetime the same key is still answered from the kept row.
  const again = await server.api('POST', threadPath, { json: validComment({ body: 'Memicu pembersihan.' }), headers: { 'Idempotency-Key': 'baru' } });
  assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
  // Nothing more to prune: the kept timing-only row does not make every later write a pruning write.
  assert.equal((await server.query<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'spam.purge'`))[0].n, 1);
});

test('KABAR_SPAM_RETENTION_DAYS sets how long bot spam waits; 0 keeps it until an editor deletes it', async () => {
  for (const [days, left] of [
    ['1', 0],
    ['0', 1],
  ] as const) {
    const other = await testServer({ KABAR_SPAM_RETENTION_DAYS: days }, { seed: false });
    try {
      await other.query(
        `INSERT INTO comments (thread, parent_id, author_name, author_email, body, status, created_at, spam_reason)
         VALUES ('/artikel/lama', NULL, 'Mesin', 'm@example.org', 'Spam dua hari', 'spam', ?, 'honeypot')`,
        Date.now() - 2 * 24 * 60 * 60 * 1000,
      );
      assert.equal((await other.api('POST', threadPath, { json: validComment({ body: 'Memicu pembersihan.' }) })).status, 201);
      const rows = await other.query<{ n: number }>(`SELECT COUNT(*) AS n FROM comments WHERE body = 'Spam dua hari'`);
      assert.equal(Number(rows[0].n), left, `retention ${days}`);
    } finally {
      await other.close();
    }
  }
});

test('after the upgrade, sends the old rules held as spam for their timing alone wait in the pending list, marked; a honeypot stays spam', { skip: onPostgres && 'it upgrades an old SQLite file' }, async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'kabar-spam-upgrade-'));
  const path = join(scratch, 'old.db');
  const db = new Database(path);
  // The schema before the timing alone stopped holding a send as spam.
  const before = MIGRATIONS.findIndex((m) => m.includes("SET status = 'pending' WHERE status = 'spam'"));
  for (const migration of MIGRATIONS.slice(0, before)) db.exec(migration);
  db.pragma(`user_version = ${before}`);
  const insert = db.prepare(
    `INSERT INTO comments (thread, parent_id, author_name, author_email, body, status, created_at, spam_reason) VALUES ('/berita/lama', NULL, ?, ?, ?, 'spam', ?, ?)`,
  );
  insert.run('Cepat', 'cepat@example.org', 'Setuju! (dikirim cepat)', Date.now() - 60_000, 'too_fast');
  insert.run('Robot', 'robot@example.org', 'Obat murah', Date.now() - 60_000, 'honeypot');
  db.close();
  const upgraded = await testServer({ DATABASE: path }, { seed: false });
  try {
    const list = async (status: string) =>
      ((await upgraded.api('GET', `/admin/queue?status=${status}`, { headers: editor })).body.comments as Array<{ body: string; spam_reason?: string }>).map((c) => [c.body, c.spam_reason]);
    assert.deepEqual(await list('pending'), [['Setuju! (dikirim cepat)', 'too_fast']]);
    assert.deepEqual(await list('spam'), [['Obat murah', 'honeypot']]);
  } finally {
    await upgraded.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});
