/**
 * What crawlers read: `robots.txt` (everything public may be indexed; the
 * editors' page and the API's editors' side not) and `sitemap.xml` of the
 * published articles, built with fast-xml-parser's builder (values escaped by it).
 */
import { XMLBuilder } from 'fast-xml-parser';
import { Hono, type Context } from 'hono';
import type { Store } from '../store/types.js';
import { articlePath } from '../wire.js';

/** The most URLs one sitemap may list (sitemaps.org). */
const MAX_URLS = 50_000;
const PAGE = 1_000;

export function crawlerRoutes({ store, originOf }: { store: Store; originOf: (c: Context) => string }): Hono {
  const app = new Hono();

  app.get('/robots.txt', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.text(['User-agent: *', 'Disallow: /admin', 'Disallow: /api/v1/admin/', '', `Sitemap: ${originOf(c)}/sitemap.xml`, ''].join('\n'));
  });

  app.get('/sitemap.xml', async (c) => {
    const origin = originOf(c);
    const urls: Array<{ loc: string; lastmod: string }> = [];
    for (let page = 1; urls.length < MAX_URLS; page++) {
      const { items } = await store.listArticles({ page, perPage: PAGE });
      for (const article of items) urls.push({ loc: origin + articlePath(article.slug), lastmod: new Date(article.updatedAt ?? article.publishedAt).toISOString() });
      if (items.length < PAGE) break;
    }
    const xml = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true }).build({
      '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
      urlset: { '@xmlns': 'http://www.sitemaps.org/schemas/sitemap/0.9', url: urls.slice(0, MAX_URLS) },
    });
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(xml, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });

  return app;
}
