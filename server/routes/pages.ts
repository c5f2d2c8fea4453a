/**
 * What a browser opens on the reference server: the demo pages, the article
 * pages that articles' `url` points at, the moderation page and
 * the uploaded photos. Every page is served under a strict CSP with Trusted Types.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { PAGE_CSP } from '../http.js';
import { plainText } from '../publish.js';
import type { ArticleRecord, Store } from '../store/types.js';
import { pageDate } from '../time.js';
import { UPLOAD_NAME, type Uploads } from '../uploads/types.js';
import { rfc3339 } from '../wire.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const demoDir = join(root, 'demo');
const publicDir = join(root, 'server', 'public');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Reads `relative` inside `dir`, refusing anything that would step outside it. */
async function fileIn(dir: string, relative: string): Promise<{ body: Buffer; type: string } | undefined> {
  const path = resolve(dir, `.${sep}${relative}`);
  if (!path.startsWith(dir + sep)) return undefined;
  const type = TYPES[extname(path).toLowerCase()];
  if (!type) return undefined;
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return { body: await readFile(path), type };
  } catch {
    return undefined;
  }
}

function page(c: Context, body: string | Buffer, status: 200 | 404 = 200): Response {
  c.header('Content-Type', 'text/html; charset=utf-8');
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Cache-Control', 'no-cache');
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), status);
}

function asset(c: Context, file: { body: Buffer; type: string }, cacheControl = 'no-cache'): Response {
  if (file.type.startsWith('text/html')) return page(c, file.body);
  c.header('Content-Type', file.type);
  c.header('Cache-Control', cacheControl);
  return c.body(new Uint8Array(file.body));
}

// HTML with every interpolated value escaped unless it is already Html.
class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    const parts = Array.isArray(value) ? value : [value];
    out += parts.map((v) => (v instanceof Html ? v.value : v === undefined || v === null || v === false ? '' : escapeHtml(String(v)))).join('');
    out += strings[i + 1];
  });
  return new Html(out);
}

/** Plain text with its bare http(s) URLs as links (a writer's original article, a source). */
function linkified(text: string): Html[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/).map((part, i) =>
    i % 2 ? html`<a href="${part}" rel="ugc nofollow noopener">${part}</a>` : html`${part}`,
  );
}

function articlePage(article: ArticleRecord): string {
  const paragraphs = article.body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map(plainText)
    .filter(Boolean);
  const image = article.image;
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${article.title} · Kabar</title>
<meta name="description" content="${article.excerpt}">
${article.author ? html`<meta name="author" content="${article.author.name}">` : ''}
<link rel="canonical" href="${`/artikel/${article.slug}`}">
<link rel="stylesheet" href="/assets/site.css">
<script type="module" src="/kabar.js"></script>
</head>
<body>
<header class="site"><a href="/demo/">Kabar</a> <span>· berita komunitas</span></header>
<main class="article">
<article>
<p class="kicker">${article.categories.map((c) => c.name).join(' · ')}</p>
<h1 dir="auto">${article.title}</h1>
<p class="byline">${article.author ? html`Oleh <bdi class="author">${article.author.name}</bdi> · ` : ''}<time datetime="${rfc3339(article.publishedAt)}">${pageDate(article.publishedAt)}</time></p>
${image ? html`<img class="hero" src="${`/uploads/${image.media.file}`}" alt="${image.alt}"${image.media.width ? html` width="${image.media.width}"` : ''}${image.media.height ? html` height="${image.media.height}"` : ''}>` : ''}
${paragraphs.map((p) => html`<p dir="auto">${linkified(p)}</p>\n`)}
${article.tags.length ? html`<p class="tags">Tag: ${article.tags.map((t, i) => html`${i ? ', ' : ''}<bdi>${t.name}</bdi>`)}</p>` : ''}
</article>
<section class="comments" aria-label="Komentar">
<kabar-comment-box theme="auto" backend="/api/v1" thread="${article.thread}">
<p>Komentar dimuat dengan JavaScript.</p>
</kabar-comment-box>
</section>
</main>
</body>
</html>
`.value;
}

const notFoundPage = html`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Tidak ditemukan · Kabar</title>
<link rel="stylesheet" href="/assets/site.css"></head>
<body><main class="article"><h1>Halaman tidak ditemukan</h1><p><a href="/demo/">Kembali ke beranda</a></p></main></body></html>
`.value;

export function pages({ store, uploads }: { store: Store; uploads: Uploads }): Hono {
  const app = new Hono();

  app.get('/', (c) => c.redirect('/demo/', 302));
  app.get('/demo', (c) => c.redirect('/demo/', 301));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/demo/*', async (c) => {
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path.slice('/demo/'.length)) || 'index.html';
    } catch {
      return page(c, notFoundPage, 404); // a malformed %-escape names no file
    }
    const file = await fileIn(demoDir, relative.endsWith('/') ? `${relative}index.html` : relative);
    return file ? asset(c, file) : page(c, notFoundPage, 404);
  });

  app.get('/assets/:file', async (c) => {
    const file = await fileIn(publicDir, c.req.param('file'));
    return file ? asset(c, file, 'public, max-age=300') : c.text('Not found', 404);
  });

  app.get('/admin', async (c) => {
    const file = await fileIn(publicDir, 'admin.html');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
    return file ? page(c, file.body) : c.text('Not found', 404);
  });
  app.get('/admin/', (c) => c.redirect('/admin', 301));
  // The login form posts here only when admin.js has not taken it over yet: back to the page,
  // with the token left in the body it came in, never in a URL.
  app.post('/admin', (c) => c.redirect('/admin', 303));

  app.get('/artikel/:slug', async (c) => {
    const article = await store.getArticleBySlug(c.req.param('slug'));
    return article ? page(c, articlePage(article)) : page(c, notFoundPage, 404);
  });

  app.get('/uploads/:file', async (c) => {
    const name = c.req.param('file');
    const media = UPLOAD_NAME.test(name) ? await store.getMedia(name) : undefined;
    const elsewhere = media ? uploads.publicUrl(name) : undefined;
    if (elsewhere) {
      // Served by a CDN or a public bucket: the browser keeps this answer as long as the photo.
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      return c.redirect(elsewhere, 301);
    }
    // Only the public place is read here: a photo waiting for an editor is not found.
    const bytes = media ? await uploads.read('public', name) : undefined;
    if (!media || !bytes) return c.text('Not found', 404);
    // The type stored when the bytes were sniffed, never one guessed from the name; nothing in it may run.
    c.header('Content-Type', media.type);
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    c.header('Content-Disposition', 'inline');
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(bytes);
  });

  return app;
}
