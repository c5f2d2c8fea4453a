/**
 * First view on a cheap phone: how long until a partner's page shows its first cards, on an
 * emulated slow-3G connection (400 kbps both ways, 400 ms round trip) with the CPU slowed 4x, in
 * Chromium through the DevTools protocol. One page loads `kabar-feed.js`, the other `kabar.js`;
 * both read six articles from the reference server, started as `npm start` starts it on a fresh
 * database, so whatever the server does for delivery (compression, caching) is measured as it
 * is. Cold is a first visit (empty cache); warm is the same reader coming back. For reference the
 * same pages also run with the files from a plain static host beside the page (gzip -9, an ETag,
 * `no-cache`). Each page also runs with the README's `preload` of the first articles, in turns
 * with the page without it. Prints the median of several runs, the ratio of the feed file to
 * kabar.js and that of the page with `preload` to the page without; no figure gates anything.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureBuilt, root } from '../scripts/build.mjs';
import { chromeArgs, ensureChromium } from '../scripts/chromium.mjs';

const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const CPU_SLOWDOWN = 4;
const RUNS = Number(process.env.KABAR_BENCH_RUNS ?? 3);
const FILES = ['kabar-feed.js', 'kabar.js'];
/** Where the script comes from: the reference server, or a static host beside the page. */
const HOSTS = ['reference server', 'static host, gzip'];

export function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** `npm start`'s command on a temp database; resolves with its origin once it listens. */
export async function startKabar(env) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const origin = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /Kabar listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1].replace(/\/$/, ''));
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  return { child, origin };
}

/**
 * A partner's page on its own origin, as the README's snippet writes it: the articles come from
 * the Kabar server (connected to early by `preconnect`), the script from `scripts`. With
 * `preload`, the page also asks for the first page of articles while the script downloads.
 */
const partnerPage = (kabar, scripts, file, preload) => `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>Berita warga</title>
<link rel="preconnect" href="${kabar}" crossorigin>
${preload ? `<link rel="preload" as="fetch" href="${kabar}/api/v1/articles?page=1&per_page=6" crossorigin>` : ''}
<script type="module" src="${scripts}/${file}"></script>
<script>
  (function watch() {
    var feed = document.querySelector('kabar-article-feed');
    var card = feed && feed.shadowRoot && feed.shadowRoot.querySelector('article.card');
    if (card) window.__firstCards = performance.now();
    else requestAnimationFrame(watch);
  })();
</script></head>
<body><h1>Berita warga</h1><kabar-article-feed backend="${kabar}/api/v1" per-page="6"></kabar-article-feed></body></html>`;

/** Milliseconds from navigation to the first card, on the emulated phone. */
export async function firstCards(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstCards !== undefined, null, { timeout: 60_000, polling: 100 });
  const ms = await page.evaluate(() => window.__firstCards);
  await page.close();
  return ms;
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The built files, a Kabar server on a fresh database, and the port of a partner's page that it
 * allows; `stop()` ends the server and removes its data.
 */
export async function benchServer() {
  await ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'kabar-bench-'));
  const pagePort = await freePort();
  const pageOrigin = `http://127.0.0.1:${pagePort}`;
  const { child, origin } = await startKabar({
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    DATABASE: join(dataDir, 'kabar.db'),
    // The partner page's origin, as a real deployment lists its partners.
    KABAR_ALLOWED_ORIGINS: pageOrigin,
  });
  return {
    origin,
    pagePort,
    pageOrigin,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function firstViewBench() {
  const kabar = await benchServer();
  const { origin, pagePort, pageOrigin } = kabar;
  const statics = Object.fromEntries(
    FILES.map((file) => {
      const body = readFileSync(join(root, 'dist', file));
      return [`/static/${file}`, { gz: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` }];
    }),
  );
  const pages = createServer((req, res) => {
    const [, host, file, preload] = /^\/(server|static)\/([\w.-]+)\.html(\?preload)?$/.exec(req.url ?? '') ?? [];
    const asset = statics[req.url ?? ''];
    if (FILES.includes(file)) {
      const scripts = host === 'server' ? origin : `${pageOrigin}/static`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(partnerPage(origin, scripts, file, !!preload));
    } else if (asset && req.headers['if-none-match'] === asset.etag) res.writeHead(304, { etag: asset.etag }).end();
    else if (asset)
      res
        .writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': 'gzip', etag: asset.etag, 'cache-control': 'no-cache' })
        .end(asset.gz);
    else res.writeHead(404).end();
  });
  await new Promise((resolve) => pages.listen(pagePort, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromeArgs });
  const results = {};
  try {
    for (const host of HOSTS) {
      results[host] = {};
      for (const file of FILES) {
        const url = `${pageOrigin}/${host === HOSTS[0] ? 'server' : 'static'}/${file}.html`;
        // The page with and without `preload`, in turns, so a busy machine weighs on both alike.
        const times = { cold: [], warm: [], preloadCold: [], preloadWarm: [] };
        for (let run = 0; run < RUNS; run++) {
          for (const [page, cold, warm] of [[url, 'cold', 'warm'], [`${url}?preload`, 'preloadCold', 'preloadWarm']]) {
            const context = await browser.newContext();
            times[cold].push(await firstCards(context, page));
            times[warm].push(await firstCards(context, page));
            await context.close();
          }
        }
        results[host][file] = Object.fromEntries(Object.entries(times).map(([kind, ms]) => [kind, median(ms)]));
      }
    }
  } finally {
    await browser.close();
    pages.close();
    await kabar.stop();
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await firstViewBench();
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`.padStart(7);
  console.log(`first cards on a slow-3G phone (400 kbps, 400 ms RTT, CPU / ${CPU_SLOWDOWN}), median of ${RUNS} runs, articles from the reference server:`);
  for (const host of HOSTS) {
    console.log(`  script from the ${host}:`);
    const byFile = results[host];
    for (const file of FILES) {
      const { cold, warm, preloadCold, preloadWarm } = byFile[file];
      console.log(`    ${file.padEnd(16)} cold ${s(cold)}   warm ${s(warm)}   with preload: cold ${s(preloadCold)} (${(preloadCold / cold).toFixed(2)} x)   warm ${s(preloadWarm)}`);
    }
    const ratio = (kind) => (byFile['kabar-feed.js'][kind] / byFile['kabar.js'][kind]).toFixed(2);
    console.log(`    kabar-feed.js / kabar.js: cold ${ratio('cold')} x, warm ${ratio('warm')} x`);
  }
}
