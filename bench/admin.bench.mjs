/**
 * Moderation at scale: a database with 20,000 items waiting for review
 * (10,000 stories and 10,000 comments), the real server on it, and the time
 * to open /admin in Chromium until the first page of the queue is shown, and
 * to fetch that page from the API. Each figure is printed beside a baseline
 * measured in the same run on the same server: opening the sign-in page (no
 * queue at all), and a page of articles. No assertion on timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { startKabar } from './kabar-server.mjs';

register();
const { SqliteStore } = await import('../server/store/sqlite.ts');
const { chromiumFlags, chromiumPath } = await import('../test/e2e/chromium.ts');
const { chromium } = await import('playwright-core');

const STORIES = 10_000;
const COMMENTS = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TOKEN = 'bench-admin-token-0123456789';

function seed(path) {
  const store = new SqliteStore(path);
  const now = Date.now();
  const story = store.db.prepare(
    `INSERT INTO stories (name, email, title, body, received_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const comment = store.db.prepare(
    `INSERT INTO comments (thread, parent_id, author_name, author_email, body, status, created_at) VALUES (?, NULL, ?, ?, ?, 'pending', ?)`,
  );
  const body = 'Paragraf pertama sebuah cerita warga tentang kampungnya.\n\nParagraf kedua dengan rincian kegiatan minggu ini.';
  store.db.transaction(() => {
    for (let i = 0; i < STORIES; i++) story.run(`Penulis ${i}`, `penulis${i}@example.org`, `Cerita warga nomor ${i}`, body, now - i * 1000);
    for (let i = 0; i < COMMENTS; i++) comment.run(`/artikel/topik-${i % 200}`, `Pembaca ${i}`, `pembaca${i}@example.org`, `Komentar nomor ${i}.`, now - i * 1000);
  })();
  store.close();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeFetch(url, headers = {}) {
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    if (i > 0) times.push(performance.now() - started); // the first run warms up
  }
  return median(times);
}

/** Milliseconds from navigation until `ready` holds on the page, median of RUNS fresh pages. */
async function timeOpen(browser, url, token, ready) {
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext();
    if (token) await context.addInitScript((value) => sessionStorage.setItem('kabar-admin-token', value), token);
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url);
    await page.waitForFunction(ready);
    if (i > 0) times.push(performance.now() - started);
    await context.close();
  }
  return median(times);
}

const dataDir = mkdtempSync(join(tmpdir(), 'kabar-bench-admin-'));
try {
  let started = performance.now();
  seed(join(dataDir, 'bench.db'));
  console.log(`seeded ${STORIES.toLocaleString('en')} pending stories and ${COMMENTS.toLocaleString('en')} pending comments in ${(performance.now() - started).toFixed(0)} ms`);
  const kabar = await startKabar(dataDir, { KABAR_ADMIN_TOKEN: TOKEN });
  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: await chromiumFlags() });
  try {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const queue = await timeFetch(`${kabar.url}/api/v1/admin/queue`, auth);
    const articles = await timeFetch(`${kabar.url}/api/v1/articles`);
    // Both wait for the page to have loaded; the queue also for its first page to be on screen and announced.
    const signIn = await timeOpen(browser, `${kabar.url}/admin`, undefined, () => document.readyState === 'complete' && !document.querySelector('#login')?.hidden);
    const open = await timeOpen(
      browser,
      `${kabar.url}/admin`,
      TOKEN,
      () => document.readyState === 'complete' && document.querySelectorAll('#stories li').length > 0 && /menunggu/.test(document.querySelector('#status')?.textContent ?? ''),
    );
    console.log(`median of ${RUNS} runs each`);
    console.log(`  GET /admin/queue (first page of 20,000)   ${queue.toFixed(1).padStart(7)} ms   GET /articles ${articles.toFixed(1).padStart(6)} ms   ratio ${(queue / articles).toFixed(2)}`);
    console.log(`  open /admin until the queue is shown      ${open.toFixed(0).padStart(7)} ms   sign-in page  ${signIn.toFixed(0).padStart(6)} ms   ratio ${(open / signIn).toFixed(2)}`);
    console.log(`  target: under 1000 ms to open /admin with 20,000 pending: ${open < 1000 ? 'met' : 'NOT met'}`);
  } finally {
    await browser.close();
    await kabar.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
