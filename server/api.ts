/**
 * The Kabar API v1, assembled from one module per resource: articles,
 * stories, comments and the editors' side. Validation comes from the rules
 * module the forms use, so the server refuses exactly what the forms refuse.
 */
import { Hono } from 'hono';
import { fail } from './http.js';
import { mailRoutes } from './notify/routes.js';
import { adminRoutes } from './routes/admin.js';
import { articleRoutes } from './routes/articles.js';
import { commentRoutes } from './routes/comments.js';
import { routeContext, type ApiOptions } from './routes/context.js';
import { storyRoutes } from './routes/stories.js';

export type { ApiOptions } from './routes/context.js';

export function api(options: ApiOptions): Hono {
  const context = routeContext(options);
  const app = new Hono();
  app.use(async (c, next) => {
    const refused = await context.limited(c, context.limits.requests, context.clientOf(c));
    if (refused) return refused;
    await next();
  });
  app.route('/', articleRoutes(context));
  app.route('/', storyRoutes(context));
  app.route('/', commentRoutes(context));
  app.route('/admin', adminRoutes(context));
  if (options.notices) app.route('/mail', mailRoutes(context, options.notices));
  app.notFound((c) => fail(c, 404, 'not_found', 'No such endpoint.'));
  return app;
}
