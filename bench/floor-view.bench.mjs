/**
 * First view against a floor: on the same emulated cheap phone as firstview.bench.mjs (400 kbps
 * both ways, 400 ms round trip, CPU / 4), how long until a partner's page shows its first cards
 * with `kabar-feed.js`, and its first comments with `kabar-comments.js`, each against a floor page
 * that fetches the same API answer with a few lines of inline script and no library at all. The
 * scripts come from the reference server (started as `npm start` starts it, on a fresh seeded
 * database), with the README's `preconnect` and `preload` of the first API answer. Cold visits, the
 * Kabar page and its floor in turns; prints the medians and the ratio to the floor (target:
 * 1.6 x at most). No figure gates anything.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromeArgs, ensureChromium } from '../scripts/chromium.mjs';
import { benchServer, firstCards, median } from './firstview.bench.mjs';

const RUNS = Number(process.env.KABAR_BENCH_RUNS ?? 5);
const THREAD = '/artikel/bank-sampah-rw-05-sukamaju';

/** Marks the first moment `found` holds, checked every frame from the start of the page (what firstCards waits for). */
const watch = (found) => `<script>(function watch() { if (${found}) window.__firstCards = performance.now(); else requestAnimationFrame(watch); })();</script>`;

const head = (title, links) => `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title>${links}`;

/** The pages: Kabar's and the floor's, for cards and for comments. */
function pages(kabar) {
  const api = `${kabar}/api/v1`;
  const articles = `${api}/articles?page=1&per_page=6`;
  const comments = `${api}/threads/${encodeURIComponent(THREAD)}/comments?page=1&per_page=20&sort=oldest`;
  const preconnect = `<link rel="preconnect" href="${kabar}" crossorigin>`;
  const preload = `<link rel="preload" as="fetch" href="${articles}" crossorigin>`;
  return {
    'cards, kabar-feed.js': head('Berita', `${preconnect}${preload}<script type="module" src="${kabar}/kabar-feed.js"></script>`) +
      watch("document.querySelector('kabar-article-feed')?.shadowRoot?.querySelector('article.card')") +
      `</head><body><h1>Berita warga</h1><kabar-article-feed backend="${api}" per-page="6"></kabar-article-feed></body></html>`,
    'cards, floor': head('Berita', `${preconnect}${preload}`) + watch("document.querySelector('#cards article')") +
      `</head><body><h1>Berita warga</h1><div id="cards"></div><script>
fetch(${JSON.stringify(articles)}).then((r) => r.json()).then((page) => {
  const list = document.getElementById('cards');
  for (const a of page.items) {
    const card = list.appendChild(document.createElement('article'));
    if (a.image) Object.assign(card.appendChild(document.createElement('img')), { src: a.image.src, alt: a.image.alt, width: a.image.width, height: a.image.height });
    Object.assign(card.appendChild(document.createElement('h2')).appendChild(document.createElement('a')), { href: a.url, textContent: a.title });
    card.appendChild(document.createElement('p')).textContent = a.excerpt;
  }
});</script></body></html>`,
    'comments, kabar-comments.js': head('Artikel', `${preconnect}<link rel="preload" as="fetch" href="${comments}" crossorigin><script type="module" src="${kabar}/kabar-comments.js"></script>`) +
      watch("document.querySelector('kabar-comment-box')?.shadowRoot?.querySelector('article [part=\"comment-body\"] p')") +
      `</head><body><h1>Bank sampah</h1><kabar-comment-box backend="${api}" thread="${THREAD}" loading="eager"></kabar-comment-box></body></html>`,
    'comments, floor': head('Artikel', `${preconnect}<link rel="preload" as="fetch" href="${comments}" crossorigin>`) + watch("document.querySelector('#comments article p')") +
      `</head><body><h1>Bank sampah</h1><div id="comments"></div><script>
fetch(${JSON.stringify(comments)}).then((r) => r.json()).then((page) => {
  const list = document.getElementById('comments');
  for (const c of page.items) {
    const item = list.appendChild(document.createElement('article'));
    item.appendChild(document.createElement('b')).textContent = c.author.name;
    const body = item.appendChild(document.createElement('div'));
    if (body.setHTML) body.setHTML(c.body_html); else body.textContent = c.body;
  }
});</script></body></html>`,
  };
}

export async function floorViewBench() {
  const kabar = await benchServer();
  const { origin, pagePort, pageOrigin } = kabar;
  const html = pages(origin);
  const names = Object.keys(html);
  const server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    if (html[name]) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html[name]);
    else res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(pagePort, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromeArgs });
  const times = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const name of names) {
        // A fresh context each time: a first visit, nothing cached.
        const context = await browser.newContext();
        times[name].push(await firstCards(context, `${pageOrigin}/${encodeURIComponent(name)}`));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
    await kabar.stop();
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name])]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await floorViewBench();
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`.padStart(7);
  console.log(`first view on a slow-3G phone (400 kbps, 400 ms RTT, CPU / 4), cold, median of ${RUNS} runs, script and API from the reference server:`);
  for (const what of ['cards', 'comments']) {
    const file = what === 'cards' ? 'kabar-feed.js' : 'kabar-comments.js';
    const kabar = result[`${what}, ${file}`];
    const floor = result[`${what}, floor`];
    console.log(`  first ${what.padEnd(8)} ${file.padEnd(18)} ${s(kabar)}   floor (inline fetch, no library) ${s(floor)}   ratio ${(kabar / floor).toFixed(2)} x   (target: 1.6 x at most)`);
  }
}
