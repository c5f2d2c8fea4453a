/**
 * HTTP building blocks shared by the routes: the error shape, safe headers,
 * the CORS allow-list, the 429 answer, ETag answers and the admin token check.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { BROWSER_KEY_HEADER } from '../src/core/browser-key.js';

export type ErrorCode =
  | 'invalid_json'
  | 'invalid_query'
  | 'validation_failed'
  | 'invalid_parent'
  | 'unauthorized'
  | 'owner_only'
  | 'origin_not_allowed'
  | 'not_found'
  | 'duplicate'
  | 'already_moderated'
  | 'category_in_use'
  | 'confirmation_mismatch'
  | 'idempotency_key_reused'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'storage_failed'
  | 'rate_limited'
  | 'unavailable'
  | 'request_timeout'
  | 'internal';

export function errorBody(code: ErrorCode, message: string, fields?: Record<string, string>) {
  return { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}) } };
}

export function fail(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
): Response {
  return c.json(errorBody(code, message, fields), status);
}

/**
 * Headers every answer carries, whatever it is: Hono's set, without the ones
 * that are not ours to decide here. Cross-Origin-Resource-Policy: the bundles
 * and photos are loaded by partners' pages and say so themselves. HSTS: an
 * operator's choice, made where TLS ends. A header a route set itself (the
 * moderation page's `X-Frame-Options: DENY`) stays.
 */
export const safeHeaders: MiddlewareHandler = secureHeaders({
  referrerPolicy: 'strict-origin-when-cross-origin',
  crossOriginResourcePolicy: false,
  strictTransportSecurity: false,
  overwrite: false,
});

/** The policy of the server's own pages: no inline script or style, Trusted Types enforced. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  // https: lets the demo's WordPress page read a partner site straight from the browser.
  "connect-src 'self' https:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "require-trusted-types-for 'script'",
  // lit-html: Lit's templates. kabar: the sanitiser's own policy, handed to DOMPurify so a page's
  // own DOMPurify cannot collide with it.
  'trusted-types lit-html kabar',
].join('; ');

// CORS ----------------------------------------------------------------------

/** `http://localhost:*` allows every port of that host; `*` allows every origin. */
export function originAllowed(origin: string, allowList: string[], ownOrigin: string): boolean {
  if (origin === ownOrigin) return true;
  return allowList.some((entry) => {
    if (entry === '*') return true;
    if (entry.endsWith(':*')) {
      const prefix = entry.slice(0, -1);
      return origin.startsWith(prefix) && /^\d+$/.test(origin.slice(prefix.length));
    }
    return entry === origin;
  });
}

/**
 * Ours rather than `hono/cors`, because ours is stricter: `hono/cors` only
 * leaves the Allow-Origin header out for a page it does not allow, and the
 * browser still delivers that page's "simple" POSTs; ours refuses any write
 * from such a page with 403 `origin_not_allowed` (see the HTTP tests).
 */
export function cors(allowList: string[], ownOrigin: (c: Context) => string): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    c.header('Vary', 'Origin', { append: true });
    const allowed = origin !== undefined && originAllowed(origin, allowList, ownOrigin(c));
    if (origin !== undefined && !allowed && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      // Without this a disallowed page could still send "simple" multipart posts blind.
      return fail(c, 403, 'origin_not_allowed', 'This origin may not send to this server.');
    }
    if (allowed) {
      c.header('Access-Control-Allow-Origin', allowList.includes('*') ? '*' : origin);
      c.header('Access-Control-Expose-Headers', 'ETag, Retry-After');
    }
    if (c.req.method === 'OPTIONS') {
      if (allowed) {
        c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        c.header('Access-Control-Allow-Headers', `Content-Type, Idempotency-Key, ${BROWSER_KEY_HEADER}, Authorization, If-None-Match`);
        c.header('Access-Control-Max-Age', '600');
      }
      return c.body(null, 204);
    }
    await next();
  };
}

// Rate limits ----------------------------------------------------------------

export function tooManyRequests(c: Context, retryAfter: number): Response {
  c.header('Retry-After', String(retryAfter));
  return fail(c, 429, 'rate_limited', `Too many requests; try again in ${retryAfter} s.`);
}

// The database away ------------------------------------------------------------

/** Seconds a client waits before asking again while the database is away: about how long a restart takes. */
export const DATABASE_RETRY_AFTER = 5;

let lastAwayLog = 0;

/**
 * The answer while the database is away (see StoreUnavailableError): 503 with `Retry-After`,
 * nothing decided, so the same request (the same Idempotency-Key) may be sent again. Logged
 * at most every 10 s, not once per request of an outage.
 */
export function databaseAway(c: Context, error: Error): Response {
  const now = Date.now();
  if (now - lastAwayLog > 10_000) {
    lastAwayLog = now;
    console.error(`kabar: the database is not answering (${error.message}); answering 503 until it is back`);
  }
  c.header('Retry-After', String(DATABASE_RETRY_AFTER));
  c.header('Cache-Control', 'no-store');
  if (!c.req.path.startsWith('/api/')) return c.text('The database is not answering; try again in a few seconds.', 503);
  return fail(c, 503, 'unavailable', 'The database is not answering; nothing was kept. Try again in a few seconds.');
}

// Caching --------------------------------------------------------------------

const weakEtag: MiddlewareHandler = etag({ weak: true });

/** A JSON answer with a weak ETag from its content; a matching If-None-Match gets 304. */
export async function jsonWithEtag(c: Context<Env, string>, body: unknown, cacheControl: string): Promise<Response> {
  c.header('Cache-Control', cacheControl);
  await weakEtag(c, async () => {
    c.res = c.json(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  return c.res;
}

// Admin ------------------------------------------------------------------------

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Compares digests, so neither the length nor the content of the token leaks through timing. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  return timingSafeEqual(digest(given ?? ''), digest(expected)) && given !== undefined;
}

export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
