/**
 * `npm run migrate`: a site built through the API on SQLite (seeded articles,
 * a published story with its photo, a story waiting with its private photo,
 * comments approved and pending, an editor, the audit log) is copied into
 * PostgreSQL, and a server on the copy answers what the SQLite server answered.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApp } from '../../../server/app.js';
import { loadConfig } from '../../../server/config.js';
import { heldPhotosDir } from '../../../server/uploads/local.js';
import { PostgresStore } from '../../../server/store/postgres.js';
import { ADMIN_TOKEN, npmRun, readAnswer, solidPng, testServer, thread, validComment, validStory, type TestServer } from '../server/helpers.js';
import { KEY, testBucket } from '../server/s3-bucket.js';
import { freshDatabase, type FreshDatabase } from './postgres-support.js';

const editor = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const bucket = testBucket();

let site: TestServer;
let database: FreshDatabase;
let target: string;

before(async () => {
  site = await testServer();
  database = await freshDatabase();
  target = mkdtempSync(join(tmpdir(), 'kabar-migrated-'));
});

after(async () => {
  await site?.close();
  await database?.drop();
  rmSync(target, { recursive: true, force: true });
});

const migrate = (...args: string[]) => npmRun('migrate', args);

async function sendStory(title: string, withPhoto: boolean): Promise<string> {
  const form = new FormData();
  for (const [name, value] of Object.entries(validStory({ title, photo_alt: 'Kotak berwarna' }))) form.append(name, String(value));
  if (withPhoto) form.append('photo', new Blob([new Uint8Array(solidPng(24, 16, [10, 120, 200]))], { type: 'image/png' }), 'foto.png');
  const sent = await site.api('POST', '/stories', { body: form });
  assert.equal(sent.status, 201);
  return sent.body.id as string;
}

/** What a reader and an editor see, as the API answers it. */
async function view(request: (path: string, init?: RequestInit) => Promise<Response>) {
  const read = async (path: string, init?: RequestInit) => (await readAnswer(await request(`/api/v1${path}`, init))).body as unknown;
  const articles = (await read('/articles?per_page=50')) as { items: Array<{ id: string; url: string; image?: { src: string } }> };
  const first = articles.items[0];
  return {
    articles,
    article: await read(`/articles/${first.id}`),
    categories: await read('/categories'),
    comments: await read(`${thread(new URL(first.url).pathname.replace('/artikel/', ''))}?per_page=100`),
    counts: await read(`/comment-counts?${articles.items.map((a) => `thread=${encodeURIComponent(new URL(a.url).pathname)}`).join('&')}`),
    queue: await read('/admin/queue?per_page=100', { headers: editor }),
    // Reading the queue is itself logged (it shows senders' addresses): those lines, made by each server's own reads here, are left out.
    log: ((await read('/admin/audit?per_page=100', { headers: editor })) as { items: Array<{ action: string }> }).items.filter((entry) => entry.action !== 'queue.read'),
    photo: first.image ? (await request(new URL(first.image.src).pathname)).status : undefined,
  };
}

test('a SQLite site migrates to PostgreSQL with its ids, rows and photos, and a server on the copy answers the same', async () => {
  const published = await sendStory('Cerita yang terbit dengan foto', true);
  await sendStory('Cerita yang masih menunggu dengan foto', true);
  assert.equal((await site.api('POST', `/admin/stories/${published}`, { json: { action: 'approve' }, headers: editor })).status, 200);
  const articles = (await site.api('GET', '/articles?per_page=1')).body as { items: Array<{ url: string }> };
  const path = thread(new URL(articles.items[0].url).pathname.replace('/artikel/', ''));
  const approved = await site.api('POST', path, { json: validComment({ body: 'Komentar yang disetujui editor.' }) });
  await site.api('POST', path, { json: validComment({ body: 'Komentar yang masih menunggu.', author_email: 'lain@example.org' }) });
  assert.equal((await site.api('POST', `/admin/comments/${approved.body.id}`, { json: { action: 'approve' }, headers: editor })).status, 200);
  const before = await view((path, init) => Promise.resolve(site.app.request(`http://127.0.0.1${path}`, init)));
  assert.ok(before.photo === 200, 'the published article has its photo');

  const uploads = join(target, 'uploads');
  const held = heldPhotosDir(target);
  const done = await migrate(
    '--from',
    `sqlite:${site.config.databasePath}`,
    '--to',
    database.url,
    '--uploads-from',
    site.config.uploadsDir,
    '--uploads-to',
    uploads,
    '--uploads-from',
    heldPhotosDir(site.config.dataDir),
    '--uploads-to',
    held,
  );
  assert.equal(done.code, 0, done.stderr + done.stdout);
  for (const table of ['articles', 'stories', 'comments', 'media', 'audit_log', 'idempotency']) assert.match(done.stdout, new RegExp(`^ok +${table} +\\d+ -> \\d+$`, 'm'));
  assert.doesNotMatch(done.stdout, /DIFF/);
  assert.deepEqual(readdirSync(uploads).sort(), readdirSync(site.config.uploadsDir).sort());
  assert.deepEqual(readdirSync(held).sort(), readdirSync(heldPhotosDir(site.config.dataDir)).sort());

  const store = await PostgresStore.open(database.url);
  try {
    const config = loadConfig({ DATABASE: join(target, 'kabar.db'), DATABASE_URL: database.url, KABAR_ADMIN_TOKEN: ADMIN_TOKEN, KABAR_ACCESS_LOG: 'off' });
    const copy = createApp({ store, config });
    const after = await view((path, init) => Promise.resolve(copy.request(`http://127.0.0.1${path}`, init)));
    assert.deepEqual(after, before);

    // New records continue after the copied ids.
    const next = await copy.request('http://127.0.0.1/api/v1/stories', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(validStory({ title: 'Cerita pertama di PostgreSQL' })),
    });
    assert.equal(next.status, 201);
    assert.ok(Number(((await next.json()) as { id: string }).id) > Number(published));
  } finally {
    await store.end();
  }

  // A second run finds the copy and refuses to mix two sites.
  const again = await migrate('--from', `sqlite:${site.config.databasePath}`, '--to', database.url);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already holds a site/);
});

test('with --uploads-url the photos go into the bucket, each to its own place; a bucket address that cannot work stops the run before anything is copied', async () => {
  await sendStory('Cerita yang menunggu untuk bucket', true);
  const photos = ['--public-photos', site.config.uploadsDir, '--private-photos', heldPhotosDir(site.config.dataDir)];
  const into = await freshDatabase();
  try {
    const refused = await npmRun('migrate', ['--from', `sqlite:${site.config.databasePath}`, '--to', into.url, '--uploads-url', 's3://', ...photos], KEY);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^kabar: --uploads-url: /m);
    const wrongKey = await npmRun('migrate', ['--from', `sqlite:${site.config.databasePath}`, '--to', into.url, '--uploads-url', await bucket.uploadsUrl('situs'), ...photos], { ...KEY, AWS_ACCESS_KEY_ID: 'KUNCI-YANG-SALAH' });
    assert.equal(wrongKey.code, 2, 'a bucket that refuses the key stops the run before the tables are copied');
    const halfAsked = await migrate('--from', `sqlite:${site.config.databasePath}`, '--to', into.url, '--uploads-url', await bucket.uploadsUrl('situs'));
    assert.equal(halfAsked.code, 2, 'a bucket without the photo folders is a usage error');

    const done = await npmRun('migrate', ['--from', `sqlite:${site.config.databasePath}`, '--to', into.url, '--uploads-url', await bucket.uploadsUrl('situs'), ...photos], KEY);
    assert.equal(done.code, 0, done.stderr + done.stdout);
    assert.doesNotMatch(done.stdout, /DIFF/);
    assert.match(done.stdout, /^ok .* \(public\): (\d+) files -> \1$/m);
    assert.match(done.stdout, /^ok .* \(private\): (\d+) files -> \1$/m);
    const there = bucket.view('situs');
    assert.deepEqual((await there.files('public')).sort(), readdirSync(site.config.uploadsDir).sort());
    assert.deepEqual((await there.files('private')).sort(), readdirSync(heldPhotosDir(site.config.dataDir)).sort());
    assert.ok((await there.files('private')).length > 0, 'a photo waiting for an editor was copied, and stays private');
  } finally {
    await into.drop();
  }
});
