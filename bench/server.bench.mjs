/**
 * Server benchmark, on autocannon. The reference server runs as `npm start`
 * runs it (a child process, rate limits off, a fresh database in a temp
 * directory); autocannon loads it with 10 connections for a few seconds per
 * figure, then loads a bare node:http server (another child process) that
 * answers the same path with the same bytes and headers as constants. The
 * ratio of the two, measured in the same run, is what Hono, the cache, SQLite
 * and the JSON mapping cost on top of Node's own HTTP. Requests ask for
 * `Accept-Encoding: br, gzip`, as browsers do.
 *
 * `npm run bench -- server` for the table; `npm run bench -- server --memory`
 * for the memory mode: the resident memory of the server after a million
 * requests spread over 10,000 distinct URLs.
 *
 * BENCH_SECONDS (default 5) sets the seconds of each figure.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { root } from '../scripts/build.mjs';
import { startKabar } from './kabar-server.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const HEADERS = { 'accept-encoding': 'br, gzip' };
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 1_000_000);
const MEMORY_URLS = 10_000;

async function startBare(answers) {
  const child = fork(join(root, 'bench', 'bare-server.mjs'), { stdio: 'inherit' });
  child.send(answers);
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.disconnect())) };
}

/** Headers worth replaying from the bare server: all but those node:http writes itself. */
const replayable = (headers) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)));

async function load(url, seconds) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: HEADERS });
  if (result.errors || result.non2xx) throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} answers that were not 2xx`);
  return result;
}

/**
 * Both servers in one-second turns, SECONDS turns each, so that whatever else the machine
 * is doing weighs on both figures alike. Rates are totals over the turns; p50 is the
 * median of the turns' medians and p99 the worst turn's.
 */
async function compare(bareUrl, kabarUrl) {
  const turns = { bare: [], kabar: [] };
  for (let i = 0; i < SECONDS; i++) {
    turns.bare.push(await load(bareUrl, 1));
    turns.kabar.push(await load(kabarUrl, 1));
  }
  const summary = (results) => {
    const medians = results.map((r) => r.latency.p50).sort((a, b) => a - b);
    return {
      rps: results.reduce((sum, r) => sum + r.requests.total, 0) / results.reduce((sum, r) => sum + r.duration, 0),
      p50: medians[Math.floor(medians.length / 2)],
      p99: Math.max(...results.map((r) => r.latency.p99)),
    };
  };
  return { base: summary(turns.bare), ours: summary(turns.kabar) };
}

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) / 1024;
  return { rss: mb('VmRSS'), peak: mb('VmHWM') };
}

async function table(kabar) {
  const articles = await (await fetch(`${kabar.url}/api/v1/articles?per_page=6`)).json();
  const threads = articles.items.map((a) => new URL(a.url).pathname);
  const rows = [
    { name: 'GET /articles?per_page=6', path: '/api/v1/articles?per_page=6', target: 0.5 },
    { name: 'GET /articles/{id}', path: `/api/v1/articles/${articles.items[0].id}` },
    { name: 'GET /comment-counts (6)', path: `/api/v1/comment-counts?${threads.map((t) => `thread=${encodeURIComponent(t)}`).join('&')}`, target: 0.3 },
    { name: 'GET /threads/{t}/comments', path: `/api/v1/threads/${encodeURIComponent(threads[0])}/comments`, target: 0.3 },
    { name: 'GET /kabar.js', path: '/kabar.js' },
  ];
  const answers = [];
  for (const row of rows) {
    const answer = await rawGet(kabar.url + row.path);
    row.status = answer.status;
    row.encoding = answer.headers['content-encoding'] ?? 'identity';
    row.bytes = answer.body.length;
    answers.push({ path: row.path, status: answer.status, headers: replayable(answer.headers), body: answer.body.toString('base64') });
  }
  const bare = await startBare(answers);
  try {
    console.log(`autocannon, ${CONNECTIONS} connections, ${SECONDS} s per figure in 1 s turns, Accept-Encoding: ${HEADERS['accept-encoding']}, loopback`);
    console.log(`| read | bytes sent | kabar req/s | p50 / p99 ms | bare node:http req/s | p50 / p99 ms | ratio | target |`);
    console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
    for (const row of rows) {
      if (row.status !== 200) {
        console.log(`| ${row.name} | answered ${row.status}: skipped | | | | | | |`);
        continue;
      }
      await load(bare.url + row.path, 1);
      await load(kabar.url + row.path, 1);
      const { base, ours } = await compare(bare.url + row.path, kabar.url + row.path);
      const ratio = ours.rps / base.rps;
      const target = row.target ? `>= ${row.target} ${ratio >= row.target ? 'met' : 'MISSED'}` : '';
      console.log(
        `| ${row.name} | ${row.bytes} ${row.encoding} | ${ours.rps.toFixed(0)} | ${ours.p50} / ${ours.p99} | ${base.rps.toFixed(0)} | ${base.p50} / ${base.p99} | ${ratio.toFixed(2)} | ${target} |`,
      );
    }
  } finally {
    await bare.stop();
  }
}

/** One answer as it went over the wire: its bytes not decoded (fetch would decode them). */
function rawGet(url) {
  return new Promise((resolve, reject) => {
    request(url, { headers: HEADERS }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

async function memory(kabar) {
  const urls = Array.from({ length: MEMORY_URLS }, (_, i) => {
    const n = Math.floor(i / 3);
    if (i % 3 === 0) return `/api/v1/articles?per_page=${1 + (n % 50)}&page=${1 + Math.floor(n / 50)}`;
    if (i % 3 === 1) return `/api/v1/comment-counts?thread=${encodeURIComponent(`/artikel/cerita-${n}`)}&thread=${encodeURIComponent(`/artikel/kabar-${n}`)}`;
    return `/api/v1/threads/${encodeURIComponent(`/artikel/cerita-${n}`)}/comments`;
  });
  let next = 0;
  const before = memoryOf(kabar.pid);
  const started = performance.now();
  const result = await autocannon({
    url: kabar.url,
    connections: CONNECTIONS,
    amount: MEMORY_REQUESTS,
    headers: HEADERS,
    requests: [{ setupRequest: (req) => ({ ...req, path: urls[next++ % urls.length] }) }],
  });
  const seconds = (performance.now() - started) / 1000;
  const after = memoryOf(kabar.pid);
  console.log(`memory: ${result.requests.total} requests over ${MEMORY_URLS} distinct URLs in ${seconds.toFixed(0)} s (${result.non2xx} not 2xx, ${result.errors} errors)`);
  console.log(`  server RSS before ${before.rss.toFixed(0)} MB, after ${after.rss.toFixed(0)} MB, peak ${after.peak.toFixed(0)} MB (bound: 250 MB)`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'kabar-bench-'));
const kabar = await startKabar(dataDir);
try {
  await (process.argv.includes('--memory') ? memory(kabar) : table(kabar));
} finally {
  await kabar.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
