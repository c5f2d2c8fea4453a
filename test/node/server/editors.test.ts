/**
 * Named editors: `npm run editor -- add|remove|list` on the database the
 * server uses, while it serves; tokens kept hashed; the audit log names the
 * editor; a removed token is refused at once.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN, npmRun, solidPng, testServer, validStory, type TestServer } from './helpers.js';

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
  assert.deepEqual(me.body, { name: 'rina', role: 'editor' });
  assert.deepEqual((await server.api('GET', '/admin/me', { headers: as(ADMIN_TOKEN) })).body, { name: 'owner', role: 'owner' }, 'the server token is the owner');

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
  assert.match(listed.stdout, /^rina\teditor\tsince \d{4}-/m);
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
  // Newest first: the owner's read of the queue, the removed token's failed sign-in, the removal.
  const [read, failed, entry] = (await server.api('GET', '/admin/audit', { headers: as(ADMIN_TOKEN) })).body.items;
  assert.deepEqual([read.actor, read.action], ['owner', 'queue.read']);
  assert.deepEqual([failed.actor, failed.action], ['unknown', 'signin.fail']);
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

/** An account made from the command line; answers its token. */
async function account(name: string, ...flags: string[]): Promise<string> {
  const added = await editor('add', name, ...flags);
  assert.equal(added.code, 0, added.stderr);
  return added.stdout.trim().split('\n').pop()!;
}

test('roles: an editor moderates and edits but cannot erase an address, empty the spam, delete in bulk, delete an article or manage categories; an owner can', async () => {
  const editorToken = await account('sari');
  const ownerToken = await account('bu-ani', '--owner');
  assert.deepEqual((await server.api('GET', '/admin/me', { headers: as(ownerToken) })).body, { name: 'bu-ani', role: 'owner' });
  assert.match((await editor('list')).stdout, /^bu-ani\towner\t/m);

  const story = await server.api('POST', '/stories', { json: validStory({ title: 'Cerita untuk peran', email: 'warga@contoh.id' }) });
  const approved = await server.api('POST', `/admin/stories/${story.body.id}`, { json: { action: 'approve' }, headers: as(editorToken) });
  assert.equal(approved.status, 200, 'editors moderate');
  const article = approved.body.article.id;
  assert.equal((await server.api('PATCH', `/admin/articles/${article}`, { json: { published: false }, headers: as(editorToken) })).status, 200, 'and take articles off the site');
  const spam = await server.api('POST', '/stories', { json: validStory({ title: 'Cerita untuk spam peran' }) });
  await server.api('POST', `/admin/stories/${spam.body.id}`, { json: { action: 'spam' }, headers: as(editorToken) });

  const refused = [
    await server.api('POST', '/admin/erase', { json: { email: 'warga@contoh.id' }, headers: as(editorToken) }),
    await server.api('DELETE', '/admin/spam', { headers: as(editorToken) }),
    await server.api('POST', '/admin/bulk', { json: { action: 'delete', stories: [spam.body.id] }, headers: as(editorToken) }),
    await server.api('DELETE', `/admin/articles/${article}`, { headers: as(editorToken) }),
    await server.api('POST', '/admin/categories', { json: { name: 'Kategori editor' }, headers: as(editorToken) }),
    await server.api('PATCH', '/admin/categories/1', { json: { name: 'Nama lain' }, headers: as(editorToken) }),
    await server.api('DELETE', '/admin/categories/1', { headers: as(editorToken) }),
  ];
  assert.deepEqual(refused.map((r) => [r.status, r.body.error.code]), Array(refused.length).fill([403, 'owner_only']));
  assert.ok(await server.store.getStory(spam.body.id), 'nothing was deleted');
  assert.ok(await server.store.getAnyArticle(article));
  assert.equal((await server.api('GET', '/admin/categories', { headers: as(editorToken) })).status, 200, 'editors still read the categories');

  for (const token of [ownerToken, ADMIN_TOKEN]) {
    const lookup = await server.api('POST', '/admin/erase', { json: { email: 'warga@contoh.id' }, headers: as(token) });
    assert.equal(lookup.status, 200);
    assert.equal(lookup.body.erased, false);
  }
  const confirm = (await server.api('POST', '/admin/erase', { json: { email: 'warga@contoh.id' }, headers: as(ownerToken) })).body.confirm;
  const erased = await server.api('POST', '/admin/erase', { json: { email: 'warga@contoh.id', confirm }, headers: as(ownerToken) });
  assert.equal(erased.status, 200);
  assert.equal(erased.body.erased, true);
  const emptied = await server.api('DELETE', '/admin/spam', { headers: as(ADMIN_TOKEN) });
  assert.deepEqual(emptied.body.deleted, { stories: 1, comments: 0 });
  await editor('remove', 'sari');
  await editor('remove', 'bu-ani');
});

test('the audit log: each real change once, no line for a repeat; erase look-ups, queue reads, photo views and failed sign-ins on record', async () => {
  const audit = async (n: number) =>
    ((await server.api('GET', `/admin/audit?per_page=${n}`, { headers: as(ADMIN_TOKEN) })).body.items as Array<{ actor: string; action: string; item_type: string; item_id: string }>).map(
      (e) => [e.actor, e.action, e.item_type, e.item_id],
    );
  const token = await account('wulan');
  const story = await server.api('POST', '/stories', { json: validStory({ title: 'Cerita untuk log' }) });
  const id = story.body.id;
  // The same approval twice (two clicks, no key): one line. The same edit twice: one line.
  await server.api('POST', `/admin/stories/${id}`, { json: { action: 'approve' }, headers: as(token) });
  const again = await server.api('POST', `/admin/stories/${id}`, { json: { action: 'approve' }, headers: as(token) });
  assert.equal(again.status, 200);
  const article = again.body.article.id;
  for (let i = 0; i < 2; i++) await server.api('PATCH', `/admin/articles/${article}`, { json: { title: 'Judul log yang baru' }, headers: as(token) });
  await server.api('POST', '/admin/bulk', { json: { action: 'approve', stories: [id] }, headers: as(token) });
  const category = await server.api('POST', '/admin/categories', { json: { name: 'Kategori log' }, headers: as(ADMIN_TOKEN) });
  for (let i = 0; i < 2; i++) await server.api('PATCH', `/admin/categories/${category.body.category.id}`, { json: { name: 'Kategori log' }, headers: as(ADMIN_TOKEN) });
  assert.deepEqual(await audit(4), [
    ['owner', 'category.add', 'category', category.body.category.id],
    ['wulan', 'article.edit', 'article', article],
    ['wulan', 'story.approve', 'story', id],
    ['owner', 'editor.add', 'editor', 'wulan'],
  ]);

  // Reads of personal data, and a wrong token.
  await server.api('GET', '/admin/queue', { headers: as(token) });
  await server.api('POST', '/admin/erase', { json: { email: 'siapa@contoh.id' }, headers: as(ADMIN_TOKEN) });
  const photo = await server.api('POST', '/stories', { body: photoForm(), headers: {} });
  assert.equal(photo.status, 201);
  const queue = await server.api('GET', '/admin/queue?per_page=100', { headers: as(token) });
  const file = queue.body.stories.find((s: { id: string }) => s.id === photo.body.id).photo.src.split('/').pop();
  assert.equal((await server.app.request(`/api/v1/admin/photos/${file}`, { headers: as(token) })).status, 200);
  assert.equal((await server.api('GET', '/admin/queue', { headers: as('tebakan-yang-salah') })).status, 401);
  const [failed, viewed, read, lookup, firstRead] = await audit(5);
  assert.deepEqual(failed.slice(0, 3), ['unknown', 'signin.fail', 'signin']);
  assert.deepEqual(viewed, ['wulan', 'photo.view', 'photo', file]);
  assert.deepEqual(read, ['wulan', 'queue.read', 'queue', 'pending']);
  assert.deepEqual(lookup, ['owner', 'email.lookup', 'email', 's***@contoh.id']);
  assert.deepEqual(firstRead, ['wulan', 'queue.read', 'queue', 'pending']);
  await editor('remove', 'wulan');
});

function photoForm(): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(validStory({ title: 'Cerita berfoto untuk log', photo_alt: 'Foto warga' }))) form.append(name, String(value));
  form.append('photo', new Blob([new Uint8Array(solidPng(8, 8, [10, 20, 30]))]), 'foto.png');
  return form;
}

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
