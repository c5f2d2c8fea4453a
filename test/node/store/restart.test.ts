/**
 * Two real server processes on one real PostgreSQL under a steady write load;
 * PostgreSQL is killed (SIGKILL, every backend with it) and started again on
 * its files. Both servers stay up, answer 503 with Retry-After while it is
 * away (cached reads, the bundle and /healthz still answer), write again soon
 * after it is back, and every story a server acknowledged is stored, once.
 * A third server started while the database is away waits for it instead of exiting.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startPostgres, type Cluster } from '../../../scripts/postgres.mjs';
import { startServer, type RunningServer } from '../../e2e/harness.js';
import { validStory } from '../server/helpers.js';

let cluster: Cluster;
let a: RunningServer;
let b: RunningServer;
let env: Record<string, string>;

before(async () => {
  // Durable: a commit acknowledged before the crash must survive it.
  cluster = await startPostgres({ durable: true });
  env = {
    DATABASE_URL: cluster.url,
    KABAR_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    // Each send names its own client in X-Forwarded-For, so the load is many readers, as in
    // production behind a proxy; every other setting is production's default.
    KABAR_TRUST_PROXY: '127.0.0.1',
  };
  [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await cluster?.stop();
});

interface Seen {
  at: number;
  server: 'a' | 'b';
  status: number;
  retryAfter: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('PostgreSQL killed and restarted under load: both servers stay up, 503 while it is away, writes again soon after, nothing acknowledged lost', async () => {
  const seen: Seen[] = [];
  const acknowledged = new Map<string, string>();
  let stopLoad = false;
  let sent = 0;

  // Six writers, each sending a story every 100 ms or so to either server, each retried under its
  // Idempotency-Key until it gets a definite answer, as the widgets do.
  const writer = async (w: number) => {
    for (let n = 0; !stopLoad; n++) {
      const title = `Cerita beban ${w}-${n}`;
      const key = `beban-${w}-${n}-${randomBytes(4).toString('hex')}`;
      await sleep(100);
      for (let attempt = 0; ; attempt++) {
        const name = (n + attempt) % 2 ? 'b' : 'a';
        const server = name === 'a' ? a : b;
        sent++;
        let status = 0;
        let retryAfter: string | null = null;
        let body: { id?: string } = {};
        try {
          const response = await fetch(`${server.apiUrl}/stories`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'X-Forwarded-For': `10.${w}.${(n >> 8) & 255}.${n & 255}` },
            body: JSON.stringify(validStory({ title, email: `penulis${w}@example.org` })),
          });
          status = response.status;
          retryAfter = response.headers.get('Retry-After');
          body = (await response.json()) as { id?: string };
        } catch {
          status = 0;
        }
        seen.push({ at: Date.now(), server: name, status, retryAfter });
        if (status === 201) {
          acknowledged.set(title, body.id!);
          break;
        }
        assert.ok(status === 503 || status === 0, `a send got ${status}`);
        if (stopLoad && attempt > 40) throw new Error(`${title} was never acknowledged`);
        await sleep(200);
      }
    }
  };

  // A public read each server has cached before the database goes.
  const read = (server: RunningServer) => fetch(`${server.apiUrl}/articles?per_page=5`);
  for (const server of [a, b]) assert.equal((await read(server)).status, 200);

  let beforeKill = 0;
  let killedAt = 0;
  let backAt = 0;
  let late: Promise<RunningServer> | undefined;
  const load = Promise.all(Array.from({ length: 6 }, (_, w) => writer(w)));
  // Awaited below, after the outage: a writer that fails meanwhile is reported there.
  load.catch(() => undefined);
  try {
    await sleep(3_000);
    beforeKill = acknowledged.size;

    await cluster.kill();
    killedAt = Date.now();
    await sleep(1_500);

    // While it is away: what needs no database still answers.
    for (const server of [a, b]) {
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 503);
      const report = (await health.json()) as { checks: { database: { status: string; problem: string } } };
      assert.match(report.checks.database.problem, /not answering/);
      assert.equal((await read(server)).status, 200, 'the last answer of a public read is still served');
      assert.equal((await fetch(`${server.url}/kabar.js`)).status, 200, 'the bundle is still served');
    }
    // A server started now waits for the database instead of exiting.
    late = startServer({ env });
    await sleep(3_000);

    await cluster.restart();
    backAt = Date.now();
    await sleep(4_000);
  } finally {
    stopLoad = true;
  }
  await load;
  const c = await late;

  const away = seen.filter((s) => s.at > killedAt && s.at < backAt);
  for (const name of ['a', 'b'] as const) {
    const mine = away.filter((s) => s.server === name);
    assert.ok(mine.some((s) => s.status === 503), `server ${name} answered 503 while the database was away`);
    assert.ok(
      mine.filter((s) => s.status === 503).every((s) => Number(s.retryAfter) >= 1),
      'every 503 says when to try again',
    );
    assert.equal(mine.filter((s) => s.status === 0).length, 0, `server ${name} never dropped a connection`);
    const firstWrite = seen.find((s) => s.server === name && s.at >= backAt && s.status === 201);
    assert.ok(firstWrite, `server ${name} wrote again after the database came back`);
    const recovery = firstWrite.at - backAt;
    console.log(`# server ${name}: ${mine.filter((s) => s.status === 503).length} answers 503 while away; first 201 ${recovery} ms after the database was back`);
    assert.ok(recovery < 10_000, `server ${name} wrote again within 10 s (${recovery} ms)`);
  }
  for (const server of [a, b, c]) assert.equal((await fetch(`${server.url}/healthz`)).status, 200);

  // Everything acknowledged is stored, once; nothing is stored that was not acknowledged.
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; title: string }>("SELECT id::text AS id, title FROM stories WHERE title LIKE 'Cerita beban %'");
    const stored = new Map<string, string[]>();
    for (const row of rows) stored.set(row.title, [...(stored.get(row.title) ?? []), row.id]);
    console.log(`# ${sent} sends, ${acknowledged.size} stories acknowledged (${beforeKill} before the kill), ${rows.length} stored`);
    assert.ok(acknowledged.size > beforeKill, 'the load went on after the restart');
    for (const [title, id] of acknowledged) assert.deepEqual(stored.get(title), [id], `${title} stored once, under the id acknowledged`);
    assert.equal(rows.length, acknowledged.size);
  } finally {
    await client.end();
    await c.stop();
  }
});
