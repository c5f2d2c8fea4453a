/**
 * Partner sources, for editors (under `/api/v1/admin` behind the token check):
 * list them with their fetch state, add one (`{url, label}`), remove one, and
 * fetch one now. Any editor may manage them: adding a partner's feed is
 * everyday editorial work, and a source only ever adds links to the public list.
 */
import { Hono } from 'hono';
import type { AdminEnv } from '../editors.js';
import { fail } from '../http.js';
import type { SourcePoller } from '../sources/poller.js';
import { sourceInput } from '../sources/validate.js';
import { wireSource } from '../sources/wire.js';
import type { Store } from '../store/types.js';
import { readJson } from './request.js';

export interface SourceRouteOptions {
  store: Store;
  allowPrivate: boolean;
  /** The fetcher: a new source is fetched at once. */
  poller: SourcePoller;
}

export function sourceRoutes({ store, allowPrivate, poller }: SourceRouteOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/sources', async (c) => c.json({ items: (await store.listSources()).map(wireSource) }));

  app.post('/sources', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return json.response;
    const input = sourceInput(json.value, allowPrivate);
    if (!input.ok) return fail(c, 422, 'validation_failed', 'Some fields need attention.', input.errors);
    const result = await store.addSource({ url: input.url, label: input.label, intervalMs: input.intervalMs, addedAt: Date.now(), addedBy: c.get('editor') });
    if (!result.ok) return fail(c, 409, 'duplicate', 'This feed is already a source.');
    // Not awaited: the editor gets the answer now, the first items come within the fetch deadline.
    void poller.fetchNow(result.source.id);
    return c.json({ source: wireSource(result.source) }, 201);
  });

  app.get('/sources/:id', async (c) => {
    const source = await store.getSource(c.req.param('id'));
    return source ? c.json({ source: wireSource(source) }) : fail(c, 404, 'not_found', 'No such source.');
  });

  /** Fetches the source now and answers its state afterwards. */
  app.post('/sources/:id/fetch', async (c) => {
    const source = await poller.fetchNow(c.req.param('id'));
    return source ? c.json({ source: wireSource(source) }) : fail(c, 404, 'not_found', 'No such source.');
  });

  app.delete('/sources/:id', async (c) => {
    const removed = await store.removeSource(c.req.param('id'), c.get('editor'));
    return removed ? c.json({ deleted: true as const }) : fail(c, 404, 'not_found', 'No such source.');
  });

  return app;
}
