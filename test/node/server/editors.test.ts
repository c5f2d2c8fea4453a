/**
 * Named editors: `npm run editor -- add|remove|list` on the database the
 * server uses, while it serves; tokens kept hashed; the audit log names the
 * editor; a removed token is refused at once.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN, npmRun, testServer, validStory, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await testServer({}, { seed: false });
});
after(() => server.close());

/** The command as an operator types it, on the server's database. */
const editor = (...args: string[]) => npmRun('editor', args, { DATABASE: server.config.databasePath, DATABASE_URL: server.config.databaseUrl ?? '' });

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

test('an editor added from the command line signs in with the token printed once; the log names them; removed, the token gets 401', async () => {
  const added = await editor('add', 'rina');
  assert.equal(added.code, 0, added.stderr);
  const token = added.stdout.trim().split('\n').pop()!;
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);

  const stored = await server.query<{ name: string; token_hash: string }>('SELECT name, token_hash FROM editors');
  assert.deepEqual(stored, [{ name: 'rina', token_hash: createHash('sha256').update(token).digest('hex') }], 'only the hash is kept');
  assert.ok(!JSON.stringify(await server.query('SELECT * FROM audit_log')).includes(token));

  const me = await server.api('GET', '/admin/me', { headers: as(token) });
  assert.deepEqual(me.body, { name: 'rina' });
  assert.deepEqual((await server.api('GET', '/admin/me', { headers: as(ADMIN_TOKEN) })).body, { name: 'owner' }, 'the server token is the owner');

  const story = await server.api('POST', '/stories', { json: validStory() });
  assert.equal((await server.api('POST', `/admin/stories/${story.body.id}`, { json: { action: 'approve' }, headers: as(token) })).status, 200);
  const log = await server.api('GET', '/admin/audit', { headers: as(ADMIN_TOKEN) });
  assert.deepEqual(
    log.body.items.slice(0, 2).map((e: { actor: string; action: string; item_id: string }) => [e.actor, e.action, e.item_id]),
    [
      ['rina', 'story.approve', story.body.id],
      ['owner', 'editor.add', 'rina'],
    ],
  );

  const listed = await editor('list');
  assert.match(listed.stdout, /^rina\tsince \d{4}-/m);
  assert.ok(!listed.stdout.includes(token), 'the list never shows a token');
  const twice = await editor('add', 'Rina');
  assert.equal(twice.code, 1);
  assert.match(twice.stderr, /already an editor named Rina/);

  const removed = await editor('remove', 'rina');
  assert.equal(removed.code, 0, removed.stderr);
  const refused = await server.api('GET', '/admin/queue', { headers: as(token) });
  assert.equal(refused.status, 401, 'refused at once, while the server runs');
  assert.equal((await server.api('GET', '/admin/queue', { headers: as(ADMIN_TOKEN) })).status, 200);
  assert.equal((await editor('remove', 'rina')).code, 1);
  const [entry] = (await server.api('GET', '/admin/audit', { headers: as(ADMIN_TOKEN) })).body.items;
  assert.deepEqual([entry.actor, entry.action, entry.item_id], ['owner', 'editor.remove', 'rina']);
});

test('names that are not plain words, "owner" and a missing name are refused with usage', async () => {
  for (const name of ['owner', 'a b']) {
    const result = await editor('add', name);
    assert.equal(result.code, 2, name);
    assert.match(result.stderr, /cannot be an editor's name/);
  }
  const usage = await editor('add');
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /usage: npm run editor -- add <name>/);
  assert.deepEqual(await server.query('SELECT COUNT(*) AS n FROM editors'), [{ n: 0 }]);
});

test("an editor's address is kept per editor from the command line and in /admin, and goes with the editor", async () => {
  const added = await editor('add', 'dewi');
  assert.equal(added.code, 0, added.stderr);
  const token = added.stdout.trim().split('\n').pop()!;
  const set = await editor('email', 'dewi', 'dewi@redaksi.example', '15');
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /a digest every 15 minutes at dewi@redaksi\.example/);
  assert.match((await editor('list')).stdout, /dewi\t.*\tdewi@redaksi\.example \(digest every 15 min\)/);
  const mine = await server.api('GET', '/admin/notifications', { headers: as(token) });
  assert.deepEqual(mine.body, { editor: 'dewi', mail: false, email: 'dewi@redaksi.example', stories: true, comments: true, digest_minutes: 15 });
  assert.equal((await server.api('GET', '/admin/notifications', { headers: as(ADMIN_TOKEN) })).body.email, null, 'each editor has their own');
  const bad = await editor('email', 'dewi', 'bukan-alamat');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /not an e-mail address/);
  assert.equal((await editor('email', 'tidak-ada', 'x@example.org')).code, 1);
  assert.equal((await editor('email', 'dewi', 'off')).code, 0);
  assert.equal((await server.api('GET', '/admin/notifications', { headers: as(token) })).body.email, null);
});
