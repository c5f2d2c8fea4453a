/**
 * Rate limits and request fingerprints that stay cheap whatever a client sends:
 * token buckets in a bounded LRU (constant work per request, constant memory),
 * or kept in a store that several servers share (one allowance for all of them),
 * a request hash that refuses absurd nesting instead of overflowing the stack,
 * and the body size each route accepts, known before any body is read.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** How many distinct keys one bucket store remembers; the least recently seen are forgotten first. */
export const DEFAULT_MAX_KEYS = 50_000;

interface Bucket {
  tokens: number;
  at: number;
}

export type Taken = { ok: true } | { ok: false; retryAfter: number };

/**
 * Where a route takes a token from: buckets in this process, or buckets shared through the store.
 * `via` is the store's open write transaction when the token is taken inside one.
 */
export interface Limiter {
  take(key: string, via?: BucketStore | number): Taken | Promise<Taken>;
}

/** Seconds until a bucket holding `tokens` (fewer than one) has a whole token again. */
export const retryAfterSeconds = (tokens: number, refillMs: number): number => Math.max(1, Math.ceil(((1 - tokens) * refillMs) / 1000));

/**
 * In-memory token buckets: `capacity` at once, one more every `refillMs`.
 * Forgetting a key hands it a full bucket, which is what an idle key has anyway;
 * only a flood of fresh keys can push out a busy one, and each of those costs its sender.
 */
export class TokenBuckets implements Limiter {
  private readonly buckets: LRUCache<string, Bucket>;

  constructor(
    readonly capacity: number,
    readonly refillMs: number,
    maxKeys = DEFAULT_MAX_KEYS,
  ) {
    this.buckets = new LRUCache<string, Bucket>({ max: maxKeys });
  }

  /** How many keys are remembered now (never more than `maxKeys`). */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes a token for `key` (`now` for tests); when none is left, says how many seconds until one is. */
  take(key: string, at?: BucketStore | number): Taken {
    const now = typeof at === 'number' ? at : Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) / this.refillMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfter: retryAfterSeconds(bucket.tokens, this.refillMs) };
  }
}

/** A store that keeps token buckets for every server on its database. */
export interface BucketStore {
  takeToken(bucket: string, key: string, capacity: number, refillMs: number): Promise<Taken>;
}

/**
 * Token buckets in the store: every server sharing the database draws from
 * one allowance per client, so two servers give a client what one would.
 */
export class SharedBuckets implements Limiter {
  constructor(
    private readonly store: BucketStore,
    readonly name: string,
    readonly capacity: number,
    readonly refillMs: number,
  ) {}

  take(key: string, via?: BucketStore | number): Promise<Taken> {
    return (typeof via === 'object' ? via : this.store).takeToken(this.name, key, this.capacity, this.refillMs);
  }
}

/** Deeper than this, a request is not something a form sends: it is refused, not hashed. */
export const MAX_NESTING = 32;

/** True when `value` nests arrays or objects deeper than `max` (checked without recursion). */
export function nestedTooDeep(value: unknown, max = MAX_NESTING): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A stable hash of what a request asked for, to tell a retry from a reused idempotency key. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** The largest JSON body any route reads. */
export const JSON_LIMIT = 64 * 1024;

/** A story with a photo: the photo and up to 1 MB of fields and multipart framing. */
export const multipartLimit = (maxPhotoBytes: number): number => maxPhotoBytes + 1024 * 1024;

/** The largest body a request may carry, from its method, path and type alone. */
export function bodyLimitFor(method: string, path: string, contentType: string, maxPhotoBytes: number): number {
  if (method === 'POST' && /^\/api\/v1\/stories\/?$/.test(path) && /^multipart\/form-data\b/i.test(contentType)) {
    return multipartLimit(maxPhotoBytes);
  }
  return JSON_LIMIT;
}
