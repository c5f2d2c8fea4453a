/**
 * Finished answers of the public reads (articles, one article, categories, a
 * thread's approved comments, comment counts), kept in memory: body, its
 * compressed forms and its ETag, keyed by the normalised URL. A hit costs no
 * query beyond the data version, no JSON and no hashing.
 *
 * Freshness does not depend on the store: every write bumps a data version
 * (one middleware, after any non-GET request under `/api/` that was not
 * refused with a 4xx), and a bump empties the cache, so an approval is in the
 * very next read. An answer computed while a write happened is not kept.
 * Code that writes outside a request calls `bump()`. The store keeps a data
 * version that every write by another process moves on (PostgreSQL: a row
 * every committed write updates; SQLite: its `data_version`, which counts
 * other connections' commits, as `npm run import` and the editor CLI make):
 * each public read asks it first (one primary-key read, or one pragma) and a
 * change empties this cache, so a write elsewhere is in the next read. A short
 * time-to-live bounds what anything else could leave stale. While that store's
 * database is away, the last answer of a read is sent however old it is (the
 * writes it misses cannot happen either); a read never answered gets the 503.
 *
 * Per-request headers are never replayed: CORS is set for each request by
 * the middleware before this one, and only the answer's own headers
 * (Content-Type, ETag, Cache-Control) are kept.
 *
 * A hit is answered before the API's per-client request limit: it costs less
 * than counting it. Every miss goes through the limit as before.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { LRUCache } from 'lru-cache';
import { Representation, reply, type Sent } from './compress.js';
import { StoreUnavailableError } from './store/types.js';

/** The reads whose answers are the same for everyone. */
const PUBLIC_READ = /^\/api\/v1\/(?:articles(?:\/[^/]+)?|categories|comment-counts|threads\/[^/]+\/comments)$/;
const KEPT_HEADERS = ['Content-Type', 'Cache-Control'] as const;
/** JSON smaller than this goes uncompressed: a packet either way. */
const COMPRESS_FROM = 1024;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Entry {
  representation: Representation;
  headers: Record<string, string>;
  key: string;
}

export interface ResponseCacheOptions {
  /** At most this many answers. */
  maxEntries?: number;
  /** At most this many bytes of bodies (with their compressed forms). */
  maxBytes?: number;
  /** Kept at most this long, for writes this process cannot see. */
  ttlMs?: number;
}

/**
 * The URL with its query parameters sorted, so `?a=1&b=2` and `?b=2&a=1` share one answer.
 * Sorted as written (`name=value` strings), without decoding: cheap on every read.
 */
export function cacheKey(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0 || !url.includes('&', mark)) return url;
  return `${url.slice(0, mark)}?${url.slice(mark + 1).split('&').sort().join('&')}`;
}

export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  private dataVersion = 0;

  /**
   * The last answer of each read on a shared store, kept across bumps and without a time
   * limit: sent only while that store's database is away (a bounded few, the most read).
   */
  private readonly lastKnown: LRUCache<string, Entry>;

  constructor({ maxEntries = 5_000, maxBytes = 48 * 1024 * 1024, ttlMs = 30_000 }: ResponseCacheOptions = {}) {
    this.lastKnown = new LRUCache<string, Entry>({
      max: Math.ceil(maxEntries / 5),
      maxSize: Math.ceil(maxBytes / 3),
      sizeCalculation: (entry) => entry.representation.weight + entry.key.length * 2 + 256,
    });
    this.entries = new LRUCache<string, Entry>({
      max: maxEntries,
      maxSize: maxBytes,
      sizeCalculation: (entry) => entry.representation.weight + entry.key.length * 2 + 256,
      ttl: ttlMs,
      // No timers: an entry's age is checked when it is read.
      ttlAutopurge: false,
    });
  }

  /** How many answers are kept now. */
  get size(): number {
    return this.entries.size;
  }

  get version(): number {
    return this.dataVersion;
  }

  /** The data changed: no answer kept so far may be sent again. */
  bump(): void {
    this.dataVersion += 1;
    this.entries.clear();
  }

  /** The store's data version when this cache last looked. */
  private sharedVersion: number | undefined;

  /** Empties the cache when the shared data version moved since the last look. */
  private async follow(sharedVersion: () => Promise<number>): Promise<void> {
    const version = await sharedVersion();
    if (version !== this.sharedVersion) {
      this.sharedVersion = version;
      this.bump();
    }
  }

  /**
   * Mount on `/api/*`, after CORS and before the API. `sharedVersion`: the store's
   * data version, when other servers write to the same database.
   */
  middleware(sharedVersion?: () => Promise<number>): MiddlewareHandler {
    return async (c, next) => {
      const method = c.req.method;
      if (!SAFE_METHODS.has(method)) {
        await next();
        // A refusal (4xx) changed nothing, nor did a 503: the database was away or nothing was kept.
        if (c.res.status < 400 || (c.res.status >= 500 && c.res.status !== 503)) this.bump();
        return;
      }
      if (method !== 'GET' || !PUBLIC_READ.test(c.req.path)) return next();
      c.header('Vary', 'Accept-Encoding', { append: true });
      const key = cacheKey(c.req.url);
      if (sharedVersion) {
        try {
          await this.follow(sharedVersion);
        } catch (error) {
          // The database is away: what was last read is better than a 503, however old.
          const kept = error instanceof StoreUnavailableError && this.lastKnown.get(key);
          if (kept) return this.answer(c, kept);
          throw error;
        }
      }
      const hit = this.entries.get(key);
      if (hit) return this.answer(c, hit);

      const version = this.dataVersion;
      await next();
      const res = c.res;
      if (res.status !== 200) return;
      const etag = res.headers.get('ETag');
      if (!etag) return;
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = res.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      const entry: Entry = { representation: new Representation(new Uint8Array(await res.arrayBuffer()), etag, COMPRESS_FROM), headers, key };
      if (this.dataVersion === version) {
        this.entries.set(key, entry);
        if (sharedVersion) this.lastKnown.set(key, entry);
      }
      // Hono carries the route's headers (CORS among them) over to the answer that replaces it.
      const sent = this.sent(c, entry);
      c.res = new Response(sent.body, { status: sent.status, headers: { ...entry.headers, ...sent.headers } });
    };
  }

  private sent(c: Context, entry: Entry): Sent {
    return entry.representation.send(c.req.header('Accept-Encoding'), c.req.header('If-None-Match'));
  }

  private answer(c: Context, entry: Entry): Response {
    return reply(c, this.sent(c, entry), entry.headers);
  }
}
