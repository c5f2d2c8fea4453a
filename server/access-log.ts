/**
 * One line per request on stdout, for the operator:
 *
 *   2026-12-01T10:21:10.123Z GET /api/v1/articles 200 3.2ms
 *
 * Method, path, status and duration only: never the query string (searches,
 * e-mail addresses in links), never a header (tokens), and a path segment that
 * holds an e-mail address is written as `[email]`. `KABAR_ACCESS_LOG=off`
 * turns it off (a log collector in front may already keep one).
 */
import type { MiddlewareHandler } from 'hono';

const MAX_PATH = 300;
const EMAIL_IN_SEGMENT = /[^/]*(@|%40)[^/]*/gi;

/** The path as it was sent (percent-escapes kept, so nothing can break the line), without query or fragment. */
export function loggedPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.slice(start).search(/[?#]/);
  const path = (end < 0 ? url.slice(start) : url.slice(start, start + end)).replace(EMAIL_IN_SEGMENT, '[email]');
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}

export function accessLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = (performance.now() - started).toFixed(1);
      write(`${new Date().toISOString()} ${c.req.method} ${loggedPath(c.req.url)} ${c.res.status} ${ms}ms`);
    }
  };
}
