/**
 * `npm run soak [-- --seconds N]`: the reference server under a mixed load for a while
 * (5 minutes by default), with rate limits on, from many loopback addresses
 * (127.0.0.2 and up), killed twice with SIGKILL and restarted. Every write carries
 * an Idempotency-Key and is retried under it until it gets a definite answer, so
 * at the end each record the server stored must have been acknowledged once.
 * Prints acknowledged vs stored writes, 5xx answers outside the kills, RSS at start and end.
 * With `--postgres` the server runs on a PostgreSQL of its own (scripts/postgres.mjs), and the
 * second kill is PostgreSQL's (SIGKILL to it and every backend, then started again on its files):
 * the server must stay up through it, answering 503 meanwhile.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres } from './postgres.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argSeconds = process.argv.indexOf('--seconds');
const seconds = argSeconds > 0 ? Number(process.argv[argSeconds + 1]) : 300;
if (!Number.isFinite(seconds) || seconds < 10) throw new Error('--seconds takes a number of at least 10');
const CLIENTS = 40;
const THREADS = ['/artikel/soak-satu', '/artikel/soak-dua', '/artikel/soak-tiga'];
const marker = `soak-${randomBytes(4).toString('hex')}`;
const dir = mkdtempSync(join(tmpdir(), 'kabar-soak-'));
const cluster = process.argv.includes('--postgres') ? await startPostgres({ durable: true }) : undefined;
const env = {
  ...process.env,
  HOST: '127.0.0.1',
  DATABASE: join(dir, 'kabar.db'),
  ...(cluster ? { DATABASE_URL: cluster.url } : {}),
  KABAR_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
  KABAR_RATE_LIMIT: 'on',
  // Every soak client types instantly; the fill-time rule would drop them all as bots.
  KABAR_MIN_FILL_MS: '0',
  NODE_ENV: 'production',
};

let child;
let port = 0;
let up = false;

function startServer() {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let listening = false;
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${out}`)), 90_000);
    child.stdout.on('data', (chunk) => {
      if (listening) return;
      out += chunk;
      const match = /Kabar listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) {
        // Once: the access log goes on writing here, and `up` is not this handler's to set again.
        listening = true;
        clearTimeout(timer);
        port = Number(match[1]);
        up = true;
        resolve();
      }
    });
  });
}

const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);

async function kill() {
  up = false;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const agents = Array.from({ length: CLIENTS }, (_, i) => new Agent({ keepAlive: true, localAddress: `127.0.0.${i + 2}` }));

/** One HTTP exchange; resolves with the status and parsed body, or `{ status: 0 }` when the connection failed. */
function call(client, method, path, body, headers = {}) {
  return new Promise((resolve) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      { host: '127.0.0.1', port, method, path, agent: agents[client], timeout: 15_000, headers: { ...(data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          let parsed;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode, body: parsed, wasUp: up });
        });
        res.on('error', () => resolve({ status: 0 }));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0 }));
    req.end(data);
  });
}

const stats = { reads: 0, writes: 0, acknowledged: new Set(), refused: {}, fiveHundreds: 0, connectionErrors: 0 };

/** A write retried under its key until the answer is definite (anything but a lost connection or a 5xx in a kill). */
async function write(client, path, body, deadline) {
  const key = `${marker}-${randomBytes(8).toString('hex')}`;
  stats.writes++;
  for (let attempt = 0; ; attempt++) {
    const answer = await call(client, 'POST', path, body, { 'Idempotency-Key': key });
    if (answer.status >= 500 && answer.wasUp) stats.fiveHundreds++;
    if (answer.status === 201) {
      stats.acknowledged.add(`${path.includes('stories') ? 'story' : 'comment'}:${answer.body.id}`);
      return;
    }
    if (answer.status && answer.status < 500) {
      stats.refused[answer.status] = (stats.refused[answer.status] ?? 0) + 1;
      return;
    }
    stats.connectionErrors++;
    // Unknown outcome: the same key again once the server is back (bounded: 2 minutes past the end).
    if (Date.now() > deadline + 120_000) throw new Error(`a write stayed without an answer: ${key}`);
    await sleep(Math.min(2_000, 100 * 2 ** attempt));
  }
}

async function client(index, deadline) {
  for (let n = 0; Date.now() < deadline; n++) {
    const roll = Math.random();
    const thread = THREADS[n % THREADS.length];
    if (roll < 0.6) {
      const paths = ['/api/v1/articles?per_page=5', `/api/v1/threads/${encodeURIComponent(thread)}/comments`, `/api/v1/comment-counts?thread=${encodeURIComponent(thread)}`, '/demo/'];
      const answer = await call(index, 'GET', paths[n % paths.length]);
      stats.reads++;
      if (answer.status >= 500 && answer.wasUp) stats.fiveHundreds++;
      if (!answer.status) stats.connectionErrors++;
    } else if (roll < 0.88) {
      await write(index, `/api/v1/threads/${encodeURIComponent(thread)}/comments`, {
        author_name: `Pembaca ${index}`,
        author_email: `pembaca${index}@example.org`,
        body: `Komentar ${marker} nomor ${index}-${n}.`,
      }, deadline);
    } else {
      await write(index, '/api/v1/stories', {
        name: `Penulis ${index}`,
        email: `penulis${index}@example.org`,
        title: `Kabar ${marker} ${index}-${n}`,
        body: 'Paragraf pertama tentang kegiatan warga.\n\nParagraf kedua dengan rinciannya.',
        consent: true,
      }, deadline);
    }
    await sleep(20 + Math.random() * 80);
  }
}

// Build the bundle first when it is stale, so the server's memory at start is the server's own.
spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', "import { ensureBundle } from './server/scripts.ts'; await ensureBundle();"], { cwd: root, stdio: 'inherit' });
await startServer();
await sleep(1_000);
const rssStart = rssKb();
const started = Date.now();
const deadline = started + seconds * 1000;
console.log(`soak: ${seconds} s, ${CLIENTS} clients on 127.0.0.2-${CLIENTS + 1}, server on port ${port}`);

const killer = (async () => {
  for (const at of [1 / 3, 2 / 3]) {
    await sleep(Math.max(0, started + seconds * 1000 * at - Date.now()));
    if (cluster && at > 0.5) {
      // The database goes instead: the server stays up and answers 503 until it is back.
      up = false;
      await cluster.kill();
      console.log(`soak: PostgreSQL SIGKILL at ${Math.round((Date.now() - started) / 1000)} s, restarting it in 5 s`);
      await sleep(5_000);
      await cluster.restart();
      const back = Date.now();
      while ((await call(0, 'GET', '/healthz')).status !== 200) await sleep(100);
      up = true;
      console.log(`soak: PostgreSQL back; the server's /healthz said ok ${Date.now() - back} ms later (server pid ${child.pid}, never restarted)`);
      continue;
    }
    await kill();
    console.log(`soak: SIGKILL at ${Math.round((Date.now() - started) / 1000)} s, restarting`);
    await startServer();
  }
})();
await Promise.all([killer, ...Array.from({ length: CLIENTS }, (_, i) => client(i, deadline))]);
const rssEnd = rssKb();
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
for (const agent of agents) agent.destroy();

let stored;
if (cluster) {
  const db = new pg.Client({ connectionString: cluster.url });
  await db.connect();
  stored = new Set([
    ...(await db.query('SELECT id FROM stories WHERE title LIKE $1', [`%${marker}%`])).rows.map((r) => `story:${r.id}`),
    ...(await db.query('SELECT id FROM comments WHERE body LIKE $1', [`%${marker}%`])).rows.map((r) => `comment:${r.id}`),
  ]);
  await db.end();
  await cluster.stop();
} else {
  const db = new Database(env.DATABASE, { readonly: true });
  stored = new Set([
    ...db.prepare('SELECT id FROM stories WHERE title LIKE ?').all(`%${marker}%`).map((r) => `story:${r.id}`),
    ...db.prepare('SELECT id FROM comments WHERE body LIKE ?').all(`%${marker}%`).map((r) => `comment:${r.id}`),
  ]);
  db.close();
}
rmSync(dir, { recursive: true, force: true });

const missing = [...stats.acknowledged].filter((id) => !stored.has(id));
const unacknowledged = [...stored].filter((id) => !stats.acknowledged.has(id));
console.log(`soak: reads ${stats.reads}, writes ${stats.writes}, refused ${JSON.stringify(stats.refused)}, connection errors during kills ${stats.connectionErrors}`);
console.log(`soak: acknowledged ${stats.acknowledged.size}, stored ${stored.size} (acknowledged but missing ${missing.length}, stored but never acknowledged ${unacknowledged.length})`);
console.log(`soak: 5xx outside the kills ${stats.fiveHundreds}`);
console.log(`soak: server RSS at start ${Math.round(rssStart / 1024)} MB, at end ${Math.round(rssEnd / 1024)} MB`);
process.exit(missing.length || unacknowledged.length || stats.fiveHundreds ? 1 : 0);
