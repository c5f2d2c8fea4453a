/**
 * Two real server processes (server/main.ts, production defaults, two ports)
 * on one PostgreSQL database, as behind a load balancer: one key is one
 * record whichever server a retry reaches, a client's story allowance is the
 * same as on one server, and an approval on one is in the next read on the other.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startServer, type RunningServer } from '../../e2e/harness.js';
import { validStory } from '../server/helpers.js';
import { freshDatabase, type FreshDatabase } from './postgres-support.js';

let database: FreshDatabase;
let a: RunningServer;
let b: RunningServer;

before(async () => {
  database = await freshDatabase();
  const env = {
    DATABASE_URL: database.url,
    KABAR_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    // Behind a load balancer the servers trust it for the client's address; here each test
    // names its client in X-Forwarded-For. Every other setting is production's default.
    KABAR_TRUST_PROXY: '127.0.0.1',
  };
  a = await startServer({ env });
  b = await startServer({ env });
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
});

const sendStory = (server: RunningServer, client: string, key: string, story: Record<string, unknown>, browser?: string) =>
  fetch(`${server.apiUrl}/stories`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'X-Forwarded-For': client, ...(browser ? { 'Kabar-Browser-Key': browser } : {}) },
    body: JSON.stringify(story),
  });

const admin = (server: RunningServer, path: string, init: RequestInit = {}) =>
  fetch(`${server.apiUrl}/admin${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
  });

async function pendingTitles(server: RunningServer): Promise<string[]> {
  const queue = (await (await admin(server, '/queue?per_page=100')).json()) as { stories: Array<{ title: string }> };
  return queue.stories.map((s) => s.title);
}

test('50 concurrent sends of one story under one key, split across two servers, make one record and one answer', async () => {
  const story = validStory({ title: 'Satu kunci, dua server', email: 'satu.kunci@example.org' });
  const answers = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const response = await sendStory(i % 2 ? b : a, `203.0.113.${i + 1}`, 'kunci-bersama', story);
      return { status: response.status, body: await response.text() };
    }),
  );
  assert.deepEqual(new Set(answers.map((x) => x.status)), new Set([201]));
  assert.equal(new Set(answers.map((x) => x.body)).size, 1, 'every send gets the same answer');
  for (const server of [a, b]) {
    assert.equal((await pendingTitles(server)).filter((t) => t === 'Satu kunci, dua server').length, 1, 'one record, the same on both servers');
  }
});

test('twenty concurrent sends under one key from one phone (one address, one browser), split across two servers: twenty 2xx, one record, one allowance spent', async () => {
  const story = validStory({ title: 'Dua puluh kali dari satu ponsel', email: 'satu.ponsel@example.org' });
  const answers = await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      const response = await sendStory(i % 2 ? b : a, '198.51.100.20', 'kunci-satu-ponsel', story, 'ponsel-satu-kunci-0001');
      return { status: response.status, body: await response.text() };
    }),
  );
  console.log(`twenty copies under one key: statuses ${[...new Set(answers.map((x) => x.status))].join(', ')}`);
  assert.deepEqual(answers.map((x) => x.status), Array<number>(20).fill(201));
  assert.equal(new Set(answers.map((x) => x.body)).size, 1, 'every copy gets the same answer');
  for (const server of [a, b]) {
    assert.equal((await pendingTitles(server)).filter((t) => t === story.title).length, 1, 'one record, the same on both servers');
  }
  // One of the browser's five sends was spent, not twenty: four more stories go in.
  for (let i = 0; i < 4; i++) {
    const next = await sendStory(i % 2 ? a : b, '198.51.100.20', `kunci-berikut-${i}`, validStory({ title: `Cerita berikut ${i}`, email: 'satu.ponsel@example.org' }), 'ponsel-satu-kunci-0001');
    assert.equal(next.status, 201);
  }
});

test("one browser's story allowance across two servers is one server's: 5, not 10", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) {
    const response = await sendStory(i % 2 ? b : a, '198.51.100.7', `jatah-${i}`, validStory({ title: `Cerita jatah nomor ${i}`, email: 'jatah@example.org' }), 'peramban-jatah-0001');
    statuses.push(response.status);
    if (response.status === 429) assert.ok(Number(response.headers.get('Retry-After')) >= 1);
  }
  assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429, 429, 429, 429, 429]);
});

test('a story approved on one server is in the very next read on the other', async () => {
  const title = 'Disetujui di server A, dibaca di server B';
  const sent = await sendStory(a, '192.0.2.44', 'setuju-a', validStory({ title, email: 'setuju@example.org' }));
  assert.equal(sent.status, 201);
  const { id } = (await sent.json()) as { id: string };
  // B has the first page in its cache of public answers before the approval.
  const titlesOnB = async () => ((await (await fetch(`${b.apiUrl}/articles?per_page=5`)).json()) as { items: Array<{ title: string }> }).items.map((x) => x.title);
  assert.ok(!(await titlesOnB()).includes(title));
  assert.ok(!(await titlesOnB()).includes(title));

  const approved = await admin(a, `/stories/${id}`, { method: 'POST', body: JSON.stringify({ action: 'approve' }) });
  assert.equal(approved.status, 200);
  assert.equal((await titlesOnB())[0], title);
});
