/**
 * `KABAR_DEMO=off`: the demo pages, the recorded WordPress site and the
 * front-page redirect to the demo are not there at all (404), whatever module
 * serves them; the API, the article pages, /admin and the bundle stay.
 */
import type { MiddlewareHandler } from 'hono';

const DEMO_PATH = /^\/((demo|wp-replay)(\/.*)?)?$/;

export const withoutDemo: MiddlewareHandler = async (c, next) => (DEMO_PATH.test(c.req.path) ? c.notFound() : next());
