/**
 * The whole server as one Hono app, built from a store and a configuration:
 * tests call `createApp(...).request()` in process, main.ts serves it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { accessLog } from './access-log.js';
import { api } from './api.js';
import { requestOrigin } from './client-address.js';
import type { Config } from './config.js';
import { withoutDemo } from './demo.js';
import { feedRoutes } from './feeds/routes.js';
import { healthz } from './health.js';
import { cors, databaseAway, fail, safeHeaders } from './http.js';
import { crawlerRoutes } from './pages/crawlers.js';
import { createNotices, type Notices } from './notify/index.js';
import { pages } from './routes/pages.js';
import { ResponseCache } from './response-cache.js';
import { bundles } from './static.js';
import { SourcePoller } from './sources/poller.js';
import { StoreUnavailableError, type Store } from './store/types.js';
import { inTimeZone } from './time.js';
import { uploadsFrom, type Uploads } from './uploads/index.js';
import { wordpressReplay } from './wordpress-replay.js';

const packageJson = new URL('../package.json', import.meta.url);
export const VERSION = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;

export interface AppOptions {
  store: Store;
  config: Config;
  /** The cache of public reads; pass one to call `bump()` after writing outside a request. */
  responseCache?: ResponseCache;
  /** Where the bundles are; the build's `dist/` by default. */
  distDir?: string;
  /** Where photos are kept; by default what `config.uploads` names. */
  uploads?: Uploads;
  /** The fetcher of partners' feeds; main.ts starts its schedule. By default one that fetches only when asked. */
  poller?: SourcePoller;
  /** E-mail and webhooks; made from `config.notify` when not given (its worker is started by the caller). */
  notices?: Notices;
}

/** The fetcher of partners' feeds for a store and configuration; its fetches empty the cache of public answers. */
export function pollerFor(store: Store, config: Config, responseCache: ResponseCache): SourcePoller {
  return new SourcePoller({
    store,
    onChange: () => responseCache.bump(),
    limits: { allowPrivate: config.sourcesAllowPrivate, userAgent: `Kabar/${VERSION} feed fetcher (${config.site.name}${config.publicUrl ? `; +${config.publicUrl}` : ''})` },
  });
}

export function createApp({
  store,
  config,
  responseCache = new ResponseCache(),
  distDir = fileURLToPath(new URL('../dist', import.meta.url)),
  uploads = uploadsFrom(config.uploads),
  poller = pollerFor(store, config, responseCache),
  notices = createNotices(store, config),
}: AppOptions): Hono {
  const originOf = (c: Context): string => requestOrigin(c, { publicUrl: config.publicUrl, trust: config.trustProxy });
  const app = new Hono();
  if (config.accessLog) app.use('*', accessLog());
  app.use('*', inTimeZone(config.timeZone));
  app.use('*', safeHeaders);
  if (!config.demo) app.use('*', withoutDemo);
  app.get('/healthz', healthz({ store, config }));
  app.use('/api/*', cors(config.allowedOrigins, originOf));
  app.use('/api/*', responseCache.middleware(store.dataVersion && (() => store.dataVersion!())));
  app.route('/api/v1', api({ store, config, originOf, uploads, poller, notices }));
  app.route('/wp-replay', wordpressReplay);
  app.route('/', feedRoutes({ store, site: config.site, originOf }));
  app.route('/', bundles({ distDir, version: VERSION }));
  app.route('/', crawlerRoutes({ store, originOf }));
  app.route('/', pages({ store, uploads, site: config.site, originOf }));
  app.notFound((c) => (c.req.path.startsWith('/api/') ? fail(c, 404, 'not_found', 'No such endpoint.') : c.text('Not found', 404)));
  app.onError((error, c) => {
    if (error instanceof StoreUnavailableError) return databaseAway(c, error);
    console.error('kabar: unexpected error', error);
    return c.req.path.startsWith('/api/') ? fail(c, 500, 'internal', 'Something went wrong on the server.') : c.text('Server error', 500);
  });
  return app;
}
