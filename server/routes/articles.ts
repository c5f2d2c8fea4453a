/** Reading the published articles and their categories. */
import { Hono } from 'hono';
import { fail, jsonWithEtag } from '../http.js';
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
    const result = await store.listArticles({ page, perPage, category, tag, q });
    const origin = originOf(c);
    return jsonWithEtag(c, paged(result.items.map((a) => wireArticle(a, origin)), page, perPage, result.total), ARTICLES_CACHE);
  });

  app.get('/articles/:id', async (c) => {
    const article = await store.getArticle(c.req.param('id'));
    if (!article) return fail(c, 404, 'not_found', 'No such article.');
    return jsonWithEtag(c, wireArticle(article, originOf(c), true), ARTICLES_CACHE);
  });

  app.get('/categories', async (c) => jsonWithEtag(c, { items: await store.listCategories() }, 'public, max-age=300, stale-while-revalidate=3600'));

  return app;
}
