/**
 * The widgets on a page with a strict Content-Security-Policy and Trusted Types enforced: no
 * 'unsafe-inline', no 'unsafe-eval', and only the two policy names the bundle needs
 * (`lit-html` from Lit, `kabar` from the sanitiser). A tiny server gives the page that header,
 * the built bundle and small Kabar API answers whose comments carry links and XSS attempts.
 *
 * Two pages: one with every element, and a probe page that drives the sanitiser, the markdown
 * pipeline and both directives directly, so the pipeline is checked under enforcement whatever
 * state the elements are in. Each runs twice: on Chromium's native Sanitizer API, and with
 * `Document.parseHTML` taken away first (Safari's case), where the sanitiser is DOMPurify, which
 * the feature files load from beside them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { ensureBundle } from '../../server/scripts.js';
import { launchBrowser } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What an embedding page needs for Kabar; the names are the policies Lit and the sanitiser create. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html kabar',
].join('; ');

// Reader content as the API stores it: markdown with a real link, an image, raw HTML and script
// URLs that must come out inert.
const COMMENT_BODY =
  'Terima kasih **infonya**! Sumber: [dinas air](https://example.org/air)\n' +
  '<img src=x onerror=alert(1)> [klik](javascript:alert(2)) <script>alert(3)</script>';
const REPLY_BODY = 'Sama-sama, Bu.\n\n![pelacak](https://tracker.example/pixel.gif) <svg onload=alert(4)></svg>';

const api: Record<string, unknown> = {
  '/api/v1/articles': {
    items: [
      {
        id: 'a1',
        url: '/berita/air-bersih',
        title: 'Air Bersih Masuk Dusun Ngemplak',
        excerpt: 'Setelah dua puluh tahun menunggu, pipa sampai ke rumah warga.',
        published_at: '2025-03-01T09:00:00+07:00',
        author: { name: 'Rina Marlina' },
        image: { src: '/media/a1.png', width: 2, height: 1, alt: 'Pipa air di depan rumah warga' },
        categories: [{ id: 2, slug: 'komunitas', name: 'Komunitas' }],
        tags: [],
        comment_count: 2,
      },
    ],
    page: 1,
    per_page: 10,
    total: 1,
    total_pages: 1,
  },
  '/api/v1/categories': { items: [{ id: 2, slug: 'komunitas', name: 'Komunitas' }] },
  '/api/v1/threads/t1/comments': {
    items: [
      {
        id: 'c1',
        thread: 't1',
        parent_id: null,
        author: { name: 'Sumiati', url: 'javascript:alert(5)' },
        body: COMMENT_BODY,
        created_at: '2025-03-01T10:00:00+07:00',
        status: 'approved',
      },
      {
        id: 'c2',
        thread: 't1',
        parent_id: 'c1',
        author: { name: 'Agus Setiawan', url: 'https://example.org/agus' },
        body: REPLY_BODY,
        created_at: '2025-03-01T11:00:00+07:00',
        status: 'approved',
      },
    ],
    page: 1,
    per_page: 20,
    total: 2,
    total_pages: 1,
  },
  '/api/v1/comment-counts': { counts: { t1: 2 } },
};

// A classic script, so it runs before the module bundle; inline scripts would be blocked.
const WATCH_JS = `window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});`;

// Safari's case: no native Sanitizer API. A classic script of its own (inline ones are blocked).
const NO_NATIVE_JS = `delete Document.parseHTML;`;

/** The two sanitiser paths each page runs on; the query names the second. */
const PATHS = [
  ['the native Sanitizer API', ''],
  ['DOMPurify (no Document.parseHTML)', '?no-native'],
] as const;

const page = (title: string, script: string, body: string, noNative = false) =>
  `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${title}</title>` +
  `<script src="/watch.js"></script>${noNative ? '<script src="/no-native.js"></script>' : ''}<script type="module" src="${script}"></script></head><body>${body}</body></html>`;

/** Each element as the pages embed it, by tag. */
const ELEMENT_HTML: Record<string, string> = {
  'kabar-article-feed': '<kabar-article-feed backend="/api/v1"></kabar-article-feed>',
  'kabar-comment-count': '<kabar-comment-count backend="/api/v1" thread="t1"></kabar-comment-count>',
  'kabar-comment-box': '<kabar-comment-box backend="/api/v1" thread="t1" loading="eager"></kabar-comment-box>',
  'kabar-story-form': '<kabar-story-form backend="/api/v1"></kabar-story-form>',
};

/** Every element with kabar.js, and each feature file alone with its own elements. */
const FILES: Record<string, string[]> = {
  'kabar.js': ['kabar-article-feed', 'kabar-comment-count', 'kabar-comment-box', 'kabar-story-form'],
  'kabar-feed.js': ['kabar-article-feed'],
  'kabar-comments.js': ['kabar-comment-count', 'kabar-comment-box'],
  'kabar-story.js': ['kabar-story-form'],
};
const pagePath = (file: string) => (file === 'kabar.js' ? '/' : `/${file}.html`);
const elementsPage = (file: string, noNative: boolean) =>
  page('Kabar under a strict CSP', `/${file}`, `<main>${FILES[file].map((tag) => ELEMENT_HTML[tag]).join('\n')}</main>`, noNative);

const probePage = (noNative: boolean) => page('Sanitiser under a strict CSP', '/probe.js', '<main id="out"></main>', noNative);

/** Drives the pipeline the way the elements do: fragments into the page, directives in a Lit template. */
function probeSource(): string {
  const core = (name: string) => JSON.stringify(join(root, 'src/core', name));
  return `
import { html, render } from 'lit';
import { htmlToText, safeHtml, sanitizeHtml } from ${core('sanitize.ts')};
import { markdown, markdownReady, renderMarkdown } from ${core('markdown.ts')};
const out = document.getElementById('out');
await markdownReady();
out.append(renderMarkdown(${JSON.stringify(COMMENT_BODY)}));
out.append(sanitizeHtml('<p>WordPress <img src="/media/a1.png" alt="foto" onerror="alert(6)"> <a href="javascript:alert(7)">x</a><svg onload="alert(8)"></svg></p>'));
const lit = document.createElement('div');
out.append(lit);
render(html\`<section>\${safeHtml('<em>dari WordPress</em>')} \${markdown(${JSON.stringify(REPLY_BODY)})}</section>\`, lit);
out.dataset.text = htmlToText('Bank Sampah &#8220;Berseri&#8221; &#038; Koperasi &hellip;');
out.dataset.done = 'yes';
`;
}

async function buildProbe(): Promise<string> {
  const id = '\0kabar-csp-probe';
  const result = await viteBuild({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [
      {
        name: 'kabar-csp-probe',
        resolveId: (source: string) => (source.endsWith('kabar-csp-probe') ? id : undefined),
        load: (source: string) => (source === id ? probeSource() : undefined),
      },
    ],
    // One file: the lazily loaded renderer and DOMPurify inside it.
    build: { write: false, minify: false, lib: { entry: 'kabar-csp-probe', formats: ['es'], fileName: 'probe' }, rolldownOptions: { output: { codeSplitting: false } } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Array<{ output: Array<{ type: string; code?: string }> }>;
  const chunk = outputs[0]?.output.find((item) => item.type === 'chunk');
  assert.ok(chunk?.code, 'the probe bundle was built');
  return chunk.code;
}

// 2x1 PNG for the article image: same origin, so img-src 'self' allows it.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwyBDAAx3gP9ZVyVwgAAAABJRU5ErkJggg==', 'base64');

let server: Server;
let origin: string;
let browser: Browser;
const apiRequests: string[] = [];

before(async () => {
  await ensureBundle();
  const probe = await buildProbe();
  const files: Record<string, [type: string, body: string | Buffer]> = {
    '/probe.html': ['text/html', probePage(false)],
    '/probe.html?no-native': ['text/html', probePage(true)],
    '/watch.js': ['text/javascript', WATCH_JS],
    '/no-native.js': ['text/javascript', NO_NATIVE_JS],
    '/probe.js': ['text/javascript', probe],
    '/media/a1.png': ['image/png', PNG],
  };
  for (const file of Object.keys(FILES)) {
    files[`/${file}`] = ['text/javascript', readFileSync(join(root, 'dist', file))];
    files[pagePath(file)] = ['text/html', elementsPage(file, false)];
    files[`${pagePath(file)}?no-native`] = ['text/html', elementsPage(file, true)];
  }
  // What the feature files load on demand, from beside them.
  for (const file of ['kabar-markdown.js', 'kabar-purify.js']) files[`/${file}`] = ['text/javascript', readFileSync(join(root, 'dist', file))];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const headers = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
    if (pathname.startsWith('/api/')) {
      apiRequests.push(`${req.method} ${req.url}`);
      const answer = req.method === 'GET' ? api[pathname] : undefined;
      res
        .writeHead(answer ? 200 : 404, { ...headers, 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify(answer ?? { error: { code: 'not_found', message: 'Not found' } }));
      return;
    }
    const file = files[pathname + (new URL(req.url ?? '/', 'http://localhost').search === '?no-native' ? '?no-native' : '')];
    if (file) res.writeHead(200, { ...headers, 'content-type': file[0] }).end(file[1]);
    else res.writeHead(pathname === '/favicon.ico' ? 204 : 404, headers).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Opens a page and collects page errors, console errors and CSP violations. */
async function open(path: string): Promise<{ tab: Page; problems: () => Promise<string[]> }> {
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await tab.goto(origin + path);
  return {
    tab,
    problems: async () => [...errors, ...(await tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).map((v) => `violation: ${v}`)],
  };
}

/**
 * Everything the page's shadow roots say about safety, collected in the page. No named inner
 * functions: the test runner's compiler would wrap them in a helper the page does not have.
 */
function inspectShadowRoots(tags: string[]) {
  const roots: ShadowRoot[] = [];
  for (const queue: ParentNode[] = [document]; queue.length; ) {
    for (const el of queue.shift()!.querySelectorAll('*')) {
      if (el.shadowRoot) {
        roots.push(el.shadowRoot);
        queue.push(el.shadowRoot);
      }
    }
  }
  const report = Object.fromEntries(
    tags.map((tag) => {
      const shadow = document.querySelector(tag)?.shadowRoot;
      const rendersItself = !!shadow && ([...shadow.querySelectorAll('*')].some((el) => el.localName !== 'slot' && el.localName !== 'style') || !!shadow.textContent?.trim());
      return [tag, { defined: !!customElements.get(tag), rendersItself }];
    }),
  );
  const unsafe: string[] = [];
  for (const el of roots.flatMap((shadow) => [...shadow.querySelectorAll('*')])) {
    if (['script', 'iframe', 'object', 'embed', 'svg', 'math'].includes(el.localName)) unsafe.push(`<${el.localName}>`);
    const image = el.localName === 'img';
    for (const { name, value } of el.attributes) {
      const scriptUrl = /^\s*(javascript|vbscript):/i.test(value) || (!image && /^\s*data:/i.test(value));
      if (/^on/i.test(name) || name === 'srcdoc' || scriptUrl) unsafe.push(`<${el.localName} ${name}="${value}">`);
    }
  }
  const readerLinks = roots.flatMap((shadow) => [...shadow.querySelectorAll('a')].filter((a) => a.textContent?.trim() === 'dinas air').map((a) => a.rel));
  const images = roots.flatMap((shadow) => [...shadow.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? ''));
  return { report, unsafe, readerLinks, images };
}


/** Waits until the text shows in the element's shadow root (elements render in their own time). */
async function waitForText(tab: Page, tag: string, text: string): Promise<void> {
  await tab.waitForFunction(
    ([name, wanted]) => document.querySelector(name)?.shadowRoot?.textContent?.includes(wanted) ?? false,
    [tag, text],
    { timeout: 15_000 },
  );
}

for (const [path, query] of PATHS) test(`on ${path}, the sanitiser, markdown and both directives work under Trusted Types with only the "kabar" policy`, async () => {
  const { tab, problems } = await open(`/probe.html${query}`);
  assert.equal(await tab.evaluate(() => 'parseHTML' in Document), query === '', 'the page runs on the path named');
  await tab.waitForFunction(() => document.getElementById('out')?.dataset.done === 'yes', null, { timeout: 15_000 });
  const seen = await tab.evaluate(() => {
    const out = document.getElementById('out')!;
    return {
      text: out.dataset.text,
      strong: out.querySelector('strong')?.textContent,
      rels: [...out.querySelectorAll('a')].map((a) => `${a.textContent}|${a.getAttribute('href')}|${a.rel}`),
      images: [...out.querySelectorAll('img')].map((img) => img.getAttribute('src')),
      dangerous: [...out.querySelectorAll('script, svg, [onerror], [onload], a[href^="javascript:"]')].length,
      lit: out.querySelector('section')?.textContent?.replace(/\s+/g, ' ').trim(),
    };
  });
  // Chromium reports script-src-attr for every inline handler attribute the moment any HTML parser
  // meets one, even in an inert document whose handlers can never run (DOMParser, <template>,
  // createHTMLDocument alike). The hostile WordPress HTML above carries two (onerror, onload):
  // those reports say "blocked", nothing ran, and the sanitiser removed both attributes. Markdown
  // never causes them, because raw HTML in markdown is escaped before parsing.
  const reported = await problems();
  const others = reported.filter((p) => !p.includes('script-src-attr') && !p.includes('Executing inline event handler'));
  assert.deepEqual(others, [], 'no Trusted Types or other CSP violation and no error');
  assert.ok(reported.filter((p) => p.startsWith('violation:')).length <= 2, `at most the two inert handler reports: ${reported.join(' | ')}`);
  assert.equal(seen.text, 'Bank Sampah “Berseri” & Koperasi …');
  assert.equal(seen.strong, 'infonya');
  assert.deepEqual(seen.rels, [
    'dinas air|https://example.org/air|ugc nofollow noopener',
    'x|null|', // the WordPress javascript: link keeps its words, loses its href
    'pelacak|https://tracker.example/pixel.gif|ugc nofollow noopener',
  ]);
  assert.deepEqual(seen.images, [`${origin}/media/a1.png`], 'only the same-origin WordPress image loads; the reader image is a link');
  assert.equal(seen.dangerous, 0);
  assert.match(seen.lit ?? '', /^dari WordPress Sama-sama, Bu\. pelacak/);

  // The policy really is enforced, and the sanitiser really used "kabar": creating it again is
  // refused (no 'allow-duplicates'), and DOMPurify's default "dompurify" was never needed.
  const enforcement = await tab.evaluate(() => {
    const tt = (window as unknown as { trustedTypes: { createPolicy(name: string, rules: object): unknown } }).trustedTypes;
    const attempts: Array<[string, () => unknown]> = [
      ['innerHTML', () => (document.createElement('div').innerHTML = '<b>x</b>')],
      ['kabarAgain', () => tt.createPolicy('kabar', {})],
      ['dompurify', () => tt.createPolicy('dompurify', {})],
    ];
    return Object.fromEntries(
      attempts.map(([name, attempt]) => {
        try {
          attempt();
          return [name, 'allowed'];
        } catch {
          return [name, 'refused'];
        }
      }),
    );
  });
  assert.deepEqual(enforcement, { innerHTML: 'refused', kabarAgain: 'refused', dompurify: 'refused' });
  await tab.close();
});

for (const [file, TAGS] of Object.entries(FILES)) for (const [path, query] of PATHS) {
  const which = file === 'kabar.js' ? 'every element' : `each element of ${file}, alone,`;
  test(`on ${path}, ${which} loads and renders under the strict policy with no violation and no error`, async (t) => {
    const { tab, problems } = await open(pagePath(file) + query);
    await tab.waitForFunction((tags) => tags.every((tag) => customElements.get(tag)), TAGS, { timeout: 15_000 });
    await tab.waitForLoadState('networkidle');
    const first = await tab.evaluate(inspectShadowRoots, TAGS);

    // An element that renders itself must show what the API gave it; one still rendering only its
    // light DOM (a bare <slot>) has nothing of its own to check yet.
    const expected: Record<string, string[]> = {
      'kabar-article-feed': ['Air Bersih Masuk Dusun Ngemplak'],
      'kabar-comment-count': ['2'],
      'kabar-comment-box': ['Terima kasih infonya', 'dinas air', 'Sama-sama, Bu.', 'pelacak'],
      'kabar-story-form': [],
    };
    t.diagnostic(`rendering themselves: ${TAGS.filter((tag) => first.report[tag].rendersItself).join(', ') || 'none yet'}`);
    for (const tag of TAGS) {
      assert.ok(first.report[tag].defined, `${tag} is defined`);
      if (!first.report[tag].rendersItself) continue;
      for (const text of expected[tag]) await waitForText(tab, tag, text);
    }
    if (first.report['kabar-story-form']?.rendersItself)
      assert.ok(await tab.evaluate(() => !!document.querySelector('kabar-story-form')!.shadowRoot!.querySelector('form')), 'the story form has a real <form>');

    const seen = await tab.evaluate(inspectShadowRoots, TAGS);
    assert.deepEqual(seen.unsafe, [], 'no script, handler or script URL in any shadow root');
    assert.ok(
      seen.images.every((src) => src.startsWith(`${origin}/`) || src.startsWith('/') || src.startsWith('data:')),
      `only same-origin images: ${seen.images.join(', ')}`,
    );
    if (seen.report['kabar-comment-box']?.rendersItself) {
      assert.deepEqual(seen.readerLinks, ['ugc nofollow noopener'], 'the link in a reader comment');
      assert.ok(apiRequests.some((r) => r.startsWith('GET /api/v1/threads/t1/comments')), 'the comments were requested');
    }
    assert.deepEqual(await problems(), [], 'no CSP or Trusted Types violation and no error');
    await tab.close();
  });
}
