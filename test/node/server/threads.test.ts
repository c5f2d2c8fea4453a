/** Threads keyed by site and path: the origin of each comment is kept, and path-only threads from before keep working. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../server/store/sqlite.js';
import { ADMIN_TOKEN, onPostgres, testServer, validComment, type TestServer } from './helpers.js';

/** The partner sites of these tests, allowed as any partner must be. */
const ALLOWED = { KABAR_ALLOWED_ORIGINS: 'https://mitra.example,https://satu.example,https://dua.example' };
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const threadPath = (thread: string) => `/threads/${encodeURIComponent(thread)}/comments`;
const servers: TestServer[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'kabar-threads-'));
after(async () => {
  for (const server of servers) await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function approve(server: TestServer, id: string): Promise<void> {
  const answer = await server.api('POST', `/admin/comments/${id}`, { json: { action: 'approve' }, headers: admin });
  assert.equal(answer.status, 200);
}

/** A database as it was before comments had an origin, holding one approved path-only comment. */
function legacyDatabase(): string {
  const path = join(scratch, 'legacy.db');
  const db = new Database(path);
  // The schema up to the migration that gave comments an origin, whatever came after it.
  const before = MIGRATIONS.indexOf('ALTER TABLE comments ADD COLUMN origin TEXT;');
  for (const migration of MIGRATIONS.slice(0, before)) db.exec(migration);
  db.pragma(`user_version = ${before}`);
  db.prepare(
    `INSERT INTO comments (thread, parent_id, author_name, author_email, body, status, created_at)
     VALUES ('/berita/rapat-warga', NULL, 'Lama', 'lama@example.org', 'Komentar dari sebelum pembaruan.', 'approved', ?)`,
  ).run(Date.now() - 86_400_000);
  db.close();
  return path;
}

test('a path-only thread from before the upgrade still answers for its path on a site-keyed thread, and takes replies', { skip: onPostgres && 'it upgrades an old SQLite file' }, async () => {
  const server = await testServer({ ...ALLOWED, DATABASE: legacyDatabase() }, { seed: false });
  servers.push(server);
  const thread = 'https://mitra.example/berita/rapat-warga';
  const listed = await server.api('GET', threadPath(thread));
  assert.deepEqual(
    listed.body.items.map((c: { body: string }) => c.body),
    ['Komentar dari sebelum pembaruan.'],
  );
  const counts = await server.api('GET', `/comment-counts?thread=${encodeURIComponent(thread)}`);
  assert.deepEqual(counts.body.counts, { [thread]: 1 });
  // The old path-only name keeps working too.
  assert.equal((await server.api('GET', threadPath('/berita/rapat-warga'))).body.total, 1);

  const reply = await server.api('POST', threadPath(thread), {
    json: validComment({ parent_id: listed.body.items[0].id, body: 'Balasan setelah pembaruan.' }),
    headers: { Origin: 'https://mitra.example' },
  });
  assert.equal(reply.status, 201);
});

test('two sites with the same path keep separate threads; the queue links each thread’s page', async () => {
  const server = await testServer(ALLOWED, { seed: false });
  servers.push(server);
  const a = 'https://satu.example/berita/rapat-warga';
  const b = 'https://dua.example/berita/rapat-warga';
  const posted = await server.api('POST', threadPath(a), { json: validComment({ body: 'Dari situs satu.' }), headers: { Origin: 'https://satu.example' } });
  assert.equal(posted.status, 201);
  const pathOnly = await server.api('POST', threadPath('/berita/lain'), {
    json: validComment({ body: 'Utas lama dari situs dua.' }),
    headers: { Origin: 'https://dua.example' },
  });
  assert.equal(pathOnly.status, 201);

  const queue = await server.api('GET', '/admin/queue', { headers: admin });
  const urls = Object.fromEntries(queue.body.comments.map((c: { body: string; thread_url: string | null }) => [c.body, c.thread_url]));
  assert.equal(urls['Dari situs satu.'], a);
  assert.equal(urls['Utas lama dari situs dua.'], 'https://dua.example/berita/lain', 'a path-only thread is linked on the site it came from');
  assert.equal((await server.store.getComment(posted.body.id))?.origin, 'https://satu.example');

  await approve(server, posted.body.id);
  assert.equal((await server.api('GET', threadPath(a))).body.total, 1);
  assert.equal((await server.api('GET', threadPath(b))).body.total, 0);
});
