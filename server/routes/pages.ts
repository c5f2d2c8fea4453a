/**
 * What a browser opens on the reference server: the demo pages, the article
 * pages that articles' `url` points at, the moderation page and
 * the uploaded photos. Every page is served under a strict CSP with Trusted Types.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import { PAGE_CSP } from '../http.js';
import { articlePage, feedLinks, siteHeader } from '../pages/article.js';
import type { SiteSettings } from '../site-config.js';
import type { Store } from '../store/types.js';
import { UPLOAD_NAME, type Uploads } from '../uploads/types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const demoDir = join(root, 'demo');
const publicDir = join(root, 'server', 'public');

/** Markup from `hono/html`: every interpolated value escaped unless it is markup itself. */
type Markup = ReturnType<typeof html>;

async function page(c: Context, body: Markup, status: 200 | 404 = 200): Promise<Response> {
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Cache-Control', 'no-cache');
  return c.html(await body, status);
}

/** A file `serveStatic` found, leaving with its headers: a page under the pages' CSP. */
function sent(found: Response, cacheControl: string, headers: Record<string, string> = {}): Response {
  const isPage = found.headers.get('Content-Type')?.startsWith('text/html');
  if (isPage) found.headers.set('Content-Security-Policy', PAGE_CSP);
  found.headers.set('Cache-Control', isPage && cacheControl !== 'no-store' ? 'no-cache' : cacheControl);
  for (const [name, value] of Object.entries(headers)) found.headers.set(name, value);
  return found;
}

/**
 * The files of one folder through `serveStatic`, which refuses `..`, encoded
 * slashes and malformed escapes; a miss is answered by `missing`.
 */
function filesIn(dir: string, prefix: string, cacheControl: string, missing: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const serve = serveStatic({ root: dir, rewriteRequestPath: (path) => path.slice(prefix.length) });
  return async (c) => {
    const found = await serve(c, async () => {});
    return found ? sent(found, cacheControl) : missing(c);
  };
}

const notFoundPage = (site: SiteSettings): Markup => {
  const en = site.language === 'en';
  return html`<!doctype html>
<html lang="${site.language}"><head><meta charset="utf-8"><title>${en ? 'Not found' : 'Tidak ditemukan'} · ${site.name}</title>
<link rel="stylesheet" href="/assets/site.css">
${feedLinks(site)}</head>
<body>${siteHeader(site)}<main class="article"><h1>${en ? 'Page not found' : 'Halaman tidak ditemukan'}</h1><p><a href="/">${en ? 'Back to the front page' : 'Kembali ke beranda'}</a></p></main></body></html>
`;
};

export function pages({ store, uploads, site, originOf }: { store: Store; uploads: Uploads; site: SiteSettings; originOf: (c: Context) => string }): Hono {
  const app = new Hono();

  app.get('/', (c) => c.redirect('/demo/', 302));
  app.get('/demo', (c) => c.redirect('/demo/', 301));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/demo/*', filesIn(demoDir, '/demo', 'no-cache', (c) => page(c, notFoundPage(site), 404)));
  app.get('/assets/*', filesIn(publicDir, '/assets', 'public, max-age=300', (c) => c.text('Not found', 404)));

  const adminPage = serveStatic({ path: join(publicDir, 'admin.html') });
  app.get('/admin', async (c) => {
    const found = await adminPage(c, async () => {});
    return found ? sent(found, 'no-store', { 'X-Frame-Options': 'DENY' }) : c.text('Not found', 404);
  });
  app.get('/admin/', (c) => c.redirect('/admin', 301));
  // The login form posts here only when admin.js has not taken it over yet: back to the page,
  // with the token left in the body it came in, never in a URL.
  app.post('/admin', (c) => c.redirect('/admin', 303));

  app.get('/artikel/:slug', async (c) => {
    const article = await store.getArticleBySlug(c.req.param('slug'));
    return article ? page(c, articlePage(article, site, originOf(c))) : page(c, notFoundPage(site), 404);
  });

  app.get('/uploads/:file', async (c) => {
    const name = c.req.param('file');
    const media = UPLOAD_NAME.test(name) ? await store.getMedia(name) : undefined;
    const elsewhere = media ? uploads.publicUrl(name) : undefined;
    if (elsewhere) {
      // The store also knows the photos of stories still waiting: only a public one is sent there.
      if (!(await uploads.has('public', name))) return c.text('Not found', 404);
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
