/** The real server process: nothing lost to SIGKILL, a clean stop on SIGTERM, config kept across restarts. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../../server/config.js';
import { admin, startServer } from '../../e2e/harness.js';
import { validStory } from './helpers.js';

test('SIGKILL right after a 201 loses nothing: after a restart the story is in the queue', async () => {
  const server = await startServer();
  try {
    const response = await fetch(`${server.apiUrl}/stories`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'before-the-kill' },
      body: JSON.stringify(validStory({ title: 'Terkirim sesaat sebelum server mati' })),
    });
    assert.equal(response.status, 201);
    const receipt = (await response.json()) as { id: string };
    await server.kill();
    await server.restart();
    const queue = await admin(server, 'GET', '/queue');
    assert.ok(queue.body.stories.some((s: { id: string; title: string }) => s.id === receipt.id && s.title === 'Terkirim sesaat sebelum server mati'));
    // And the key still answers the same after the crash.
    const retry = await fetch(`${server.apiUrl}/stories`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'before-the-kill' },
      body: JSON.stringify(validStory({ title: 'Terkirim sesaat sebelum server mati' })),
    });
    assert.deepEqual(await retry.json(), receipt);
  } finally {
    await server.stop();
  }
});

test('SIGTERM closes the server and the database cleanly (the WAL is checkpointed away)', async () => {
  const server = await startServer();
  const posted = await fetch(`${server.apiUrl}/threads/t/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author_name: 'Sinta', author_email: 'sinta@example.org', body: 'Halo.' }),
  });
  assert.equal(posted.status, 201);
  assert.ok(existsSync(`${server.dbPath}-wal`));
  await server.stop();
  assert.equal(existsSync(`${server.dbPath}-wal`), false);
  await assert.rejects(fetch(`${server.apiUrl}/articles`));
});

test('without KABAR_ADMIN_TOKEN a token is generated once, kept private in the data directory, and reused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kabar-config-'));
  try {
    const env = { DATABASE: join(dir, 'sub', 'kabar.db') };
    const first = loadConfig(env);
    const second = loadConfig(env);
    assert.equal(first.adminToken, second.adminToken);
    assert.ok(first.adminToken.length >= 32);
    assert.equal(statSync(join(dir, 'sub', 'admin-token')).mode & 0o777, 0o600);
    assert.equal(loadConfig({ ...env, KABAR_ADMIN_TOKEN: 'dari-lingkungan-cukup-panjang' }).adminToken, 'dari-lingkungan-cukup-panjang');
    assert.equal(first.port, 8787);
    assert.equal(first.host, '127.0.0.1');
    assert.equal(first.uploadsDir, join(dir, 'sub', 'uploads'));
    assert.throws(() => loadConfig({ ...env, PORT: 'delapan' }), /PORT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
