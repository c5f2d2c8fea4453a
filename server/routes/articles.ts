/** Reading the published articles and their categories. */
import { Hono } from 'hono';
import { fail, jsonWithEtag } from '../http.js';
import { wirePartnerItem } from '../sources/wire.js';
import { PARTNER_ID } from '../store/sources-sql.js';
import { paged, wireArticle } from '../wire.js';
import type { RouteContext } from './context.js';
import { paging } from './request.js';

const ARTICLES_CACHE = 'public, max-age=60, stale-while-revalidate=300';

export function articleRoutes({ store, originOf }: RouteContext): Hono {
  const app = new Hono();

  app.get('/articles', async (c) => {
    const pages = paging(c, 10, 50);
    if (!pages.ok) return pages.response;
    const { page, perPage } = pages.value;
    const category = c.req.query('category') || undefined;
    const tag = c.req.query('tag') || undefined;
    const q = c.req.query('q')?.trim().slice(0, 200) || undefined;
    // A partner source's id (only its items), or `own` (only this site's articles).
    const source = c.req.query('source') || undefined;
    if (source !== undefined && source !== 'own' && !/^\d{1,16}$/.test(source)) {
      return fail(c, 400, 'invalid_query', 'source is a source id or "own".', { source: 'invalid' });
    }
    const result = await store.listFeed({ page, perPage, category, tag, q, source });
    const origin = originOf(c);
    const items = result.items.map((entry) => (entry.kind === 'article' ? wireArticle(entry.article, origin) : wirePartnerItem(entry.item)));
    return jsonWithEtag(c, paged(items, page, perPage, result.total), ARTICLES_CACHE);
  });

  app.get('/articles/:id', async (c) => {
    const id = c.req.param('id');
    if (PARTNER_ID.test(id)) {
      const item = await store.getSourceItem(id);
      return item ? jsonWithEtag(c, wirePartnerItem(item), ARTICLES_CACHE) : fail(c, 404, 'not_found', 'No such article.');
    }
    const article = await store.getArticle(id);
    if (!article) return fail(c, 404, 'not_found', 'No such article.');
    return jsonWithEtag(c, wireArticle(article, originOf(c), true), ARTICLES_CACHE);
  });

  app.get('/categories', async (c) => jsonWithEtag(c, { items: await store.listCategories() }, 'public, max-age=300, stale-while-revalidate=3600'));

  return app;
}
