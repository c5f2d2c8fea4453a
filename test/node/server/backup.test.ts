/**
 * `npm run backup` while the real server takes writes, and `npm run restore`:
 * refused while the server runs, then bringing the site back as it was.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import * as tar from 'tar';
import { restore } from '../../../server/backup.js';
import { createApp } from '../../../server/app.js';
import { loadConfig } from '../../../server/config.js';
import { dataPaths } from '../../../server/operations-config.js';
import { SqliteStore } from '../../../server/store/sqlite.js';
import { admin, startServer, type RunningServer } from '../../e2e/harness.js';
import { solidPng, validComment, validStory } from './helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** `npm run <script> -- <file>` against the server's data directory, as an operator runs it. */
function npmRun(script: 'backup' | 'restore', file: string, server: RunningServer): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', file], { cwd: root, env: { ...process.env, DATABASE: server.dbPath } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('a backup taken while comments keep arriving holds every acknowledged one; restore brings the site back', async () => {
  // The writer sends a comment every few milliseconds from one address, dozens a second: the
  // per-client limits would refuse most of them, so they are off here; the
  // fill-time rule keeps its production value (the comments say 30 s).
  // Rate limits off in this test alone: its writer posts comments faster than a reader may,
  // to race the backup; a reader's allowance is not what it checks.
  const server = await startServer({ env: { KABAR_MIN_FILL_MS: '3000', KABAR_RATE_LIMIT: 'off' } });
  const scratch = mkdtempSync(join(tmpdir(), 'kabar-backup-test-'));
  let writing = true;
  try {
    // A story with a photo: the photo must come back with the database.
    const png = solidPng(48, 32, [200, 80, 40]);
    const form = new FormData();
    for (const [name, value] of Object.entries(validStory({ title: 'Cerita dengan foto sebelum cadangan', photo_alt: 'Kotak jingga' }))) form.append(name, String(value));
    form.append('photo', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'foto.png');
    const story = await fetch(`${server.apiUrl}/stories`, { method: 'POST', body: form });
    assert.equal(story.status, 201);
    const storyId = ((await story.json()) as { id: string }).id;

    const articles = (await (await fetch(`${server.apiUrl}/articles?per_page=1`)).json()) as { total: number; items: Array<{ url: string }> };
    const thread = new URL(articles.items[0].url).pathname;
    const postComment = async (key: string, body: string): Promise<string> => {
      const response = await fetch(`${server.apiUrl}/threads/${encodeURIComponent(thread)}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(validComment({ body })),
      });
      assert.equal(response.status, 201);
      return ((await response.json()) as { id: string }).id;
    };
    const acknowledged: string[] = [];
    // Paced, so that the writes keep arriving all through the backup without taking the cores
    // it runs on: flat out, the writer's load grew with the backup's time on a busy machine.
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        acknowledged.push(await postComment(`tulis-${i}`, `Komentar nomor ${i} selama pencadangan.`));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));

    const file = join(scratch, 'kabar-cadangan.tar.gz');
    const before = [...acknowledged];
    const made = await npmRun('backup', file, server);
    const duringBackup = acknowledged.length - before.length;
    writing = false;
    await writer;
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /^kabar: backup written to .*kabar-cadangan\.tar\.gz \(.*, \d+ photos, \d+ of them private\)\n$/);
    assert.ok(duringBackup > 0, 'the writer kept writing while the backup ran');
    const afterBackup = await postComment('sesudah', 'Komentar sesudah pencadangan selesai.');

    // The copy opens, passes SQLite's integrity check and holds every comment acknowledged before the backup.
    const unpacked = join(scratch, 'unpacked');
    mkdirSync(unpacked);
    await tar.extract({ file, cwd: unpacked });
    assert.deepEqual(readdirSync(unpacked).sort(), ['backup.json', 'kabar.db', 'private-uploads', 'uploads']);
    const copy = new Database(join(unpacked, 'kabar.db'), { readonly: true });
    try {
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
      const ids = new Set((copy.prepare('SELECT id FROM comments').all() as Array<{ id: number }>).map((row) => String(row.id)));
      const missing = before.filter((id) => !ids.has(id));
      assert.deepEqual(missing, [], 'acknowledged before the backup, missing from it');
    } finally {
      copy.close();
    }

    // A restore while the server runs on the data directory is refused and changes nothing.
    const refused = await npmRun('restore', file, server);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /restore failed: .*kabar\.db is in use, most likely by a running Kabar server: stop it first/);
    assert.deepEqual(readdirSync(server.dataDir).filter((name) => name.includes('before-restore')), []);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);

    await server.stop();
    const restored = await npmRun('restore', file, server);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /kept what was there before: .*kabar\.db\.before-restore-/);
    await server.restart();

    // The site works on the restored data: articles, the story and its photo, the acknowledged comments.
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    const after = (await (await fetch(`${server.apiUrl}/articles?per_page=1`)).json()) as { total: number };
    assert.equal(after.total, articles.total);
    const queue = await admin(server, 'GET', '/queue');
    const restoredStory = queue.body.stories.find((s: { id: string }) => s.id === storyId);
    assert.ok(restoredStory, 'the story is back in the queue');
    // A pending story's photo is private: editors fetch it with their token.
    const photo = await fetch(`${server.url}${new URL(restoredStory.photo.src).pathname}`, {
      headers: { Authorization: `Bearer ${server.adminToken}` },
    });
    assert.equal(photo.status, 200);
    assert.deepEqual(Buffer.from(await photo.arrayBuffer()), png);
    const approved = await admin(server, 'POST', `/comments/${before[0]}`, { action: 'approve' });
    assert.equal(approved.status, 200);
    const listed = (await (await fetch(`${server.apiUrl}/threads/${encodeURIComponent(thread)}/comments?sort=newest`)).json()) as { items: Array<{ id: string }> };
    assert.ok(listed.items.some((c) => c.id === before[0]));
    // What came after the backup is not in it: the restore replaced the data.
    assert.equal((await admin(server, 'POST', `/comments/${afterBackup}`, { action: 'approve' })).status, 404);
  } finally {
    writing = false;
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('three backups taken while an editor approves and rejects photo stories all succeed, and each restores with every photo it refers to served', async () => {
  // Rate limits off in this test alone: one editor and one sender move photos far faster than a
  // reader may send stories, to race the backups; a reader's allowance is not what it checks.
  const server = await startServer({ env: { KABAR_RATE_LIMIT: 'off' } });
  const scratch = mkdtempSync(join(tmpdir(), 'kabar-backup-moderation-'));
  let moderating = true;
  let moderated = 0;
  try {
    const sendPhotoStory = async (i: number): Promise<string> => {
      const form = new FormData();
      for (const [name, value] of Object.entries(validStory({ title: `Cerita berfoto nomor ${i}`, email: `foto${i}@example.org`, photo_alt: 'Kotak berwarna' }))) {
        form.append(name, String(value));
      }
      form.append('photo', new Blob([new Uint8Array(solidPng(24, 16, [i % 256, (i * 7) % 256, 90]))], { type: 'image/png' }), 'foto.png');
      const response = await fetch(`${server.apiUrl}/stories`, { method: 'POST', body: form });
      assert.equal(response.status, 201);
      return ((await response.json()) as { id: string }).id;
    };
    // The editor: each story approved (its photo moves to the public folder) or rejected (its photo deleted).
    const editor = (async () => {
      for (let i = 0; moderating; i++) {
        const id = await sendPhotoStory(i);
        const answer = await admin(server, 'POST', `/stories/${id}`, { action: i % 2 ? 'reject' : 'approve' });
        assert.equal(answer.status, 200);
        moderated++;
      }
    })();
    while (moderated < 4) await new Promise((resolve) => setTimeout(resolve, 20));

    const files: string[] = [];
    for (let n = 0; n < 3; n++) {
      const file = join(scratch, `cadangan-${n}.tar`);
      const at = moderated;
      const made = await npmRun('backup', file, server);
      assert.equal(made.code, 0, made.stderr);
      assert.equal(made.stderr, '', 'no photo the database refers to is missing');
      files.push(file);
      console.log(`# backup ${n + 1}: ${moderated - at} stories moderated while it ran; ${made.stdout.trim()}`);
    }
    moderating = false;
    await editor;

    for (const [n, file] of files.entries()) {
      const dir = join(scratch, `pulih-${n}`);
      const env = { DATABASE: join(dir, 'kabar.db'), KABAR_ADMIN_TOKEN: server.adminToken, KABAR_ACCESS_LOG: 'off' };
      await restore(dataPaths(env), file);
      const config = loadConfig(env);
      const store = new SqliteStore(config.databasePath);
      try {
        const app = createApp({ store, config });
        const photos = store.db
          .prepare(
            `SELECT m.file, m.type, EXISTS (SELECT 1 FROM articles a WHERE a.image_file = m.file AND a.unpublished_at IS NULL) AS public FROM media m
             WHERE EXISTS (SELECT 1 FROM stories s WHERE s.photo_file = m.file) OR EXISTS (SELECT 1 FROM articles a WHERE a.image_file = m.file)`,
          )
          .all() as Array<{ file: string; type: string; public: number }>;
        assert.ok(photos.some((p) => p.public) && photos.some((p) => p.type === 'image/png'), 'the backup holds published photo stories');
        for (const photo of photos) {
          // Published photos are public; the others (stories waiting, spam) for editors only.
          const response = photo.public
            ? await app.request(`http://127.0.0.1/uploads/${photo.file}`)
            : await app.request(`http://127.0.0.1/api/v1/admin/photos/${photo.file}`, { headers: { Authorization: `Bearer ${server.adminToken}` } });
          assert.equal(response.status, 200, `${photo.file} (${photo.public ? 'public' : 'private'}) is served after restoring backup ${n + 1}`);
          assert.ok((await response.arrayBuffer()).byteLength > 0);
        }
        // Exactly those photos: nothing the database no longer refers to came along.
        const kept = [...readdirSync(config.uploadsDir), ...readdirSync(join(config.dataDir, 'private-uploads'))];
        assert.equal(kept.length, photos.length, `backup ${n + 1} holds the ${photos.length} photos its database refers to`);
      } finally {
        store.close();
      }
    }
  } finally {
    moderating = false;
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
