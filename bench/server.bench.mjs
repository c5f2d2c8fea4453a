/**
 * Server benchmark: requests per second of the reference server for the two
 * hottest reads (a page of articles, a page's comment counts), against a bare
 * node:http server that answers the very same bytes, run in the same process on
 * the same machine. The ratio says what Hono, SQLite and the JSON mapping cost
 * on top of the floor of Node's own HTTP. Loopback only, a bounded number of
 * requests, no assertion on timing.
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKabar } from './kabar-server.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const CONCURRENCY = 16;

function startBaseline(answers) {
  const server = createServer((req, res) => {
    const answer = answers.get(req.url) ?? { status: 404, headers: {}, body: '' };
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((r) => server.close(r)) }),
    ),
  );
}

async function load(url, count) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const response = await fetch(url);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return count / ((performance.now() - started) / 1000);
}

const paths = ['/api/v1/articles?per_page=12', '/api/v1/comment-counts?thread=/artikel/bank-sampah-rw-05-sukamaju&thread=/artikel/x&thread=/artikel/y'];
const dataDir = mkdtempSync(join(tmpdir(), 'kabar-bench-'));
const kabar = await startKabar(dataDir);
try {
  const answers = new Map();
  for (const path of paths) {
    const response = await fetch(kabar.url + path);
    const headers = { 'content-type': response.headers.get('content-type') ?? 'application/json' };
    answers.set(path, { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) });
  }
  const baseline = await startBaseline(answers);
  try {
    console.log(`${REQUESTS} requests per figure, ${CONCURRENCY} at a time, loopback`);
    for (const path of paths) {
      await load(kabar.url + path, 200);
      await load(baseline.url + path, 200);
      const base = await load(baseline.url + path, REQUESTS);
      const ours = await load(kabar.url + path, REQUESTS);
      const name = path.split('?')[0];
      console.log(
        `  ${name.padEnd(24)} kabar ${ours.toFixed(0).padStart(6)} req/s   bare node:http ${base.toFixed(0).padStart(6)} req/s   ratio ${(base / ours).toFixed(2)} x the floor's cost`,
      );
    }
  } finally {
    await baseline.stop();
  }
} finally {
  await kabar.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
