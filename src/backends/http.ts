/**
 * The one module that talks to the network. Adapters describe a request;
 * this module makes it survive slow mobile networks (timeouts, retries with
 * backoff for requests that are safe to repeat), makes repeat views cheap
 * (a memory + sessionStorage cache with ETag revalidation and
 * stale-while-revalidate) and turns every failure into a `BackendError`.
 *
 * Nothing a reader writes leaves for a place she did not send it to: a send
 * (any method but GET and HEAD) never follows a redirect (`redirect: 'manual'`;
 * a 3xx is an error, and its target hears nothing), and a read accepts an
 * answer only from the origin it asked, or from the same host upgraded to
 * https, so a compromised or misconfigured server cannot pass readers on to
 * another site's content.
 */
import { ANSWERED_ELSEWHERE, BackendError, CORS_REFUSED, REDIRECTED, toBackendError } from './backend.js';
import { deleteCache, readCache, writeCache, type CacheEntry } from './cache.js';
import { backoffDelay, sleep } from '../core/timing.js';

export { backoffDelay, sleep };

export type QueryValue = string | number | boolean | undefined | null | Array<string | number>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is (FormData, Blob, string). */
  body?: BodyInit;
  signal?: AbortSignal;
  /** Milliseconds before the request fails with `timeout`. Default 15 s; uploads 120 s. */
  timeoutMs?: number;
  /**
   * Reads (GET/HEAD) give up after this long in all, across every try and wait, so a reader sees
   * content or an explained error within it. Default 20 s for reads; sends have none (a send keeps
   * its own patient policy, its draft is safe).
   */
  deadlineMs?: number;
  /** Retries after the first try for retryable failures. Default 2 for GET/HEAD and for sends with an idempotency key, else 0. */
  retries?: number;
  /** Sent as `Idempotency-Key`; makes a POST retryable. */
  idempotencyKey?: string;
  /** GET only: keep the answer in memory and sessionStorage, revalidate with ETag. */
  cache?: boolean;
  /** Cache lifetime before an entry counts as stale. Default 60 s. */
  maxAgeMs?: number;
  /** With `cache`: called at once with a stale cached body while the network refreshes it. */
  onStale?: (body: unknown) => void;
  /** `json` (default) fails with `parse` on a non-JSON answer; `text` returns the text. */
  responseType?: 'json' | 'text';
  /** Upload progress: a FormData or Blob body then goes through XMLHttpRequest (small JSON bodies stay on fetch). */
  onProgress?: (loaded: number, total: number) => void;
  /** Maps an error answer to a BackendError; returning undefined uses the default mapping. */
  mapError?: (status: number, body: unknown, headers: Headers) => BackendError | undefined;
  /** Answers larger than this fail with `parse` (code `too_large`). Default 5 MB. */
  maxBytes?: number;
  /** What the console suggests (a sentence, no full stop) when the host refuses this origin (CORS), in place of the server setting. */
  corsHint?: string;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  url: string;
  /** True when the body came from the cache without a network answer. */
  fromCache: boolean;
  /** True when the server answered 304 and the cached body was reused. */
  notModified?: boolean;
  /** True when the network failed and a stale cached body stood in for the answer. */
  stale?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** How long a read may take in all, retries included. */
export const READ_DEADLINE_MS = 20_000;
export const UPLOAD_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_AGE_MS = 60_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface RetryTiming {
  /** First backoff; each retry doubles it, with jitter. */
  baseMs: number;
  /** Longest backoff. */
  maxMs: number;
  /** A `Retry-After` longer than this is not waited out here: the error goes to the caller, who may wait patiently. */
  maxRetryAfterMs: number;
  /** How waiting is done; tests replace it to record the delays instead of spending them. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const timing: RetryTiming = { baseMs: 400, maxMs: 5_000, maxRetryAfterMs: 10_000, sleep };

/** Adjusts the retry timing for the whole page; returns the previous settings so tests can restore them. */
export function setRetryTiming(next: Partial<RetryTiming>): RetryTiming {
  const previous = { ...timing };
  Object.assign(timing, next);
  return previous;
}

/** `Retry-After` in seconds, from either of its forms (delta seconds or an HTTP date). */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Builds a URL with query parameters; arrays repeat the name. */
export function buildUrl(base: string, query: Record<string, QueryValue> = {}): string {
  const url = new URL(base, typeof document !== 'undefined' ? document.baseURI : undefined);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(name, String(v)));
    else url.searchParams.set(name, String(value));
  }
  return url.href;
}

interface ErrorBody {
  code?: string;
  message?: string;
  fields?: Record<string, string>;
}

/** A per-field reason may come as a code, `{code}` or a list of either; the first code wins. */
function fieldCode(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return fieldCode(value[0]);
  if (value && typeof value === 'object' && typeof (value as { code?: unknown }).code === 'string') return (value as { code: string }).code;
  return undefined;
}

/** Reads Kabar's `{error: {code, message, fields}}` and WordPress's `{code, message, data}`. */
function readErrorBody(body: unknown): ErrorBody {
  if (!body || typeof body !== 'object') return {};
  const outer = body as { error?: unknown; code?: unknown; message?: unknown };
  const inner = (outer.error && typeof outer.error === 'object' ? outer.error : outer) as {
    code?: unknown;
    message?: unknown;
    fields?: unknown;
  };
  const result: ErrorBody = {};
  if (typeof inner.code === 'string') result.code = inner.code;
  if (typeof inner.message === 'string') result.message = inner.message;
  if (inner.fields && typeof inner.fields === 'object') {
    const fields: Record<string, string> = {};
    for (const [name, reason] of Object.entries(inner.fields)) fields[name] = fieldCode(reason) ?? 'invalid';
    if (Object.keys(fields).length) result.fields = fields;
  }
  return result;
}

/** The default mapping of an error answer; adapters may refine it through `mapError`. */
export function errorFromResponse(status: number, body: unknown, headers: Headers): BackendError {
  const { code, message: detail, fields } = readErrorBody(body);
  const retryAfter = retryAfterSeconds(headers.get('Retry-After'));
  if (status === 429) return new BackendError('rate-limited', { status, code, detail, retryAfter });
  if (fields) return new BackendError('validation', { status, code, detail, fields });
  return new BackendError('http', { status, code, detail, retryAfter });
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * fetch cannot report upload progress, so an upload that wants it goes
 * through XMLHttpRequest, wrapped to answer with a real `Response`: the rest
 * of the pipeline (size guard, parsing, error mapping) stays the same.
 */
function xhrFetch(url: string, init: RequestInit, onProgress: (loaded: number, total: number) => void): Promise<Response> {
  return new Promise((resolve, reject) => {
    const signal = init.signal;
    const xhr = new XMLHttpRequest();
    xhr.open(init.method ?? 'GET', url);
    new Headers(init.headers).forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.responseType = 'arraybuffer';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status > 599) return reject(new TypeError('Network request failed'));
      // XMLHttpRequest always follows redirects: the least it can do is never take an answer from elsewhere as a success.
      if (xhr.responseURL && xhr.responseURL !== new URL(url, document.baseURI).href) {
        return reject(new BackendError('http', { status: xhr.status, code: REDIRECTED, detail: xhr.responseURL }));
      }
      const body = NULL_BODY_STATUSES.has(xhr.status) ? null : (xhr.response as ArrayBuffer | null);
      resolve(new Response(body, { status: xhr.status, statusText: xhr.statusText, headers: parseHeaders(xhr.getAllResponseHeaders()) }));
    };
    xhr.onerror = () => reject(new TypeError('Network request failed'));
    // The caller tells a timeout from an abort by its own flags, so one error serves both.
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null);
  });
}

/**
 * Reads the body as text, refusing more than `maxBytes`: a misconfigured
 * server or a proxy's error page must not eat a phone's memory and data plan.
 */
async function readText(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = () => new BackendError('parse', { status: response.status, code: 'too_large' });
  const declared = Number(response.headers.get('Content-Length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** Whether an answer from `answered` may stand for a read of `asked`: the same origin, or the same host moved to https. */
export function sameSource(asked: string, answered: string): boolean {
  if (!answered) return true; // a Response made in memory (a service worker's, a test's) has no URL
  const from = new URL(asked);
  const to = new URL(answered);
  return to.origin === from.origin || (to.host === from.host && from.protocol === 'http:' && to.protocol === 'https:');
}

/** Files go up slowly on a mobile network: they get a longer timeout and, when asked, progress. */
function isUpload(body: BodyInit | undefined): boolean {
  return body instanceof FormData || body instanceof Blob;
}

const INVALID = Symbol('invalid JSON');

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

function fromEntry<T>(entry: CacheEntry, url: string, extra: Partial<HttpResponse<T>>): HttpResponse<T> {
  return { status: 200, headers: new Headers(entry.headers), body: entry.body as T, url, fromCache: false, ...extra };
}

interface Attempt {
  url: string;
  init: { method: string; headers: Headers; body?: BodyInit };
  options: RequestOptions;
  timeoutMs: number;
  /** The cached entry being revalidated, if any. */
  entry?: CacheEntry;
  cacheable: boolean;
}

/** One try: send, read within the size limit, interpret the answer. */
async function attempt<T>({ url, init, options, timeoutMs, entry, cacheable }: Attempt): Promise<HttpResponse<T>> {
  // Our own controller, so a timeout can be told apart from the caller's abort.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The request took too long', 'TimeoutError'));
  }, timeoutMs);
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) throw new BackendError('aborted', { cause: options.signal.reason });
    const send = init.method !== 'GET' && init.method !== 'HEAD';
    const requestInit: RequestInit = { ...init, signal: controller.signal, redirect: send ? 'manual' : 'follow' };
    const response = options.onProgress && isUpload(init.body)
      ? await xhrFetch(url, requestInit, options.onProgress)
      : await fetch(url, requestInit);
    // A browser shows a send's redirect only as an opaque answer (status 0): either way it was not received.
    const redirected = send ? response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400) : !sameSource(url, response.url);
    if (redirected) {
      await response.body?.cancel().catch(() => undefined);
      throw new BackendError('http', { status: response.status, code: send ? REDIRECTED : ANSWERED_ELSEWHERE, detail: response.url || undefined });
    }
    const text = await readText(response, options.maxBytes ?? DEFAULT_MAX_BYTES);

    if (response.status === 304 && entry) {
      const refreshed: CacheEntry = { ...entry, storedAt: Date.now(), etag: response.headers.get('ETag') ?? entry.etag };
      writeCache(url, refreshed);
      return fromEntry<T>(refreshed, url, { notModified: true });
    }

    const parsed = options.responseType === 'text' ? text : parseJson(text);
    if (!response.ok) {
      const body = parsed === INVALID ? text : parsed;
      throw options.mapError?.(response.status, body, response.headers) ?? errorFromResponse(response.status, body, response.headers);
    }
    // A 2xx that is not JSON is someone else's page (a captcha, a login wall, a proxy): never a success.
    if (parsed === INVALID) {
      throw new BackendError('parse', { status: response.status, code: 'invalid_json', detail: response.headers.get('Content-Type') ?? undefined });
    }
    const cacheControl = response.headers.get('Cache-Control') ?? '';
    if (cacheable && response.status === 200 && !/no-store/i.test(cacheControl)) {
      writeCache(url, {
        body: parsed,
        // Readable only when the server exposes it to this origin; then it also accepts it back (see request()).
        etag: response.headers.get('ETag') ?? undefined,
        headers: [...response.headers],
        storedAt: Date.now(),
      });
    }
    return { status: response.status, headers: response.headers, body: parsed as T, url: response.url || url, fromCache: false };
  } catch (error) {
    if (error instanceof BackendError) throw error;
    if (options.signal?.aborted) throw new BackendError('aborted', { cause: error });
    if (timedOut) throw new BackendError('timeout', { cause: error });
    const failure = toBackendError(error);
    if (failure.kind === 'network' && (await refusedByCors(url, controller.signal))) {
      warnCorsOnce(url, options.corsHint);
      throw new BackendError('network', { code: CORS_REFUSED, cause: error });
    }
    throw failure;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * fetch fails the same way when a server is unreachable and when it answered
 * without allowing this page's origin. A `no-cors` request to the same URL
 * tells them apart: it succeeds (with an opaque answer) whenever the server
 * answers at all. Same-origin requests and an offline phone skip the probe.
 */
async function refusedByCors(url: string, signal: AbortSignal): Promise<boolean> {
  if (typeof location === 'undefined' || signal.aborted) return false;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return false;
  if (new URL(url).origin === location.origin) return false;
  try {
    await fetch(url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal });
    return true;
  } catch {
    return false;
  }
}

const corsWarned = new Set<string>();

/** Tells the site owner, once per API origin, which origin the server must allow. */
function warnCorsOnce(url: string, hint?: string): void {
  const api = new URL(url).origin;
  if (corsWarned.has(api)) return;
  corsWarned.add(api);
  console.warn(
    `kabar: ${api} does not allow requests from ${location.origin}. ` +
      (hint ? `${hint}.` : `On a Kabar server add ${location.origin} to KABAR_ALLOWED_ORIGINS; on WordPress allow it in the site's CORS setting.`),
  );
}

/** The one place that calls fetch. Every failure becomes a BackendError. */
export async function request<T = unknown>(url: string, options: RequestOptions = {}): Promise<HttpResponse<T>> {
  const method = options.method ?? 'GET';
  const href = buildUrl(url, options.query);
  const headers = new Headers(options.headers);
  if (options.responseType !== 'text' && !headers.has('Accept')) headers.set('Accept', 'application/json');
  let body = options.body;
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.json);
  }
  if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);

  const idempotent = method === 'GET' || method === 'HEAD' || !!options.idempotencyKey;
  // A POST without a key might have reached the server: sending it again could make a second record.
  const retries = idempotent ? Math.max(0, options.retries ?? 2) : 0;
  const timeoutMs = options.timeoutMs ?? (isUpload(body) ? UPLOAD_TIMEOUT_MS : DEFAULT_TIMEOUT_MS);

  const cacheable = !!options.cache && method === 'GET';
  const entry = cacheable ? readCache(href) : undefined;
  if (entry) {
    if (Date.now() - entry.storedAt < (options.maxAgeMs ?? DEFAULT_MAX_AGE_MS)) {
      return fromEntry<T>(entry, href, { fromCache: true });
    }
    // Paint the old answer now; the fresh one resolves the promise. A microtask, so the
    // caller has finished setting up before it hears anything, and always before the answer.
    const onStale = options.onStale;
    if (onStale) {
      queueMicrotask(() => {
        if (!options.signal?.aborted) onStale(entry.body);
      });
    }
    // Servers that expose their ETag to this origin also allow it back; others (WordPress
    // across origins) never show it, so no header is sent that their CORS preflight would refuse.
    if (entry.etag) headers.set('If-None-Match', entry.etag);
  }

  const read = method === 'GET' || method === 'HEAD';
  const deadline = options.deadlineMs ?? (read ? READ_DEADLINE_MS : undefined);
  const endsAt = deadline === undefined ? Infinity : Date.now() + deadline;
  const job: Attempt = { url: href, init: { method, headers, body }, options, timeoutMs, entry, cacheable };
  for (let retry = 0; ; retry++) {
    try {
      // Each try gets what is left of the whole, so three slow tries cannot add up past the deadline.
      return await attempt<T>({ ...job, timeoutMs: Math.max(0, Math.min(timeoutMs, endsAt - Date.now())) });
    } catch (thrown) {
      const error = toBackendError(thrown);
      if (retry < retries && error.retryable) {
        const waitMs = error.retryAfter !== undefined ? error.retryAfter * 1000 : backoffDelay(retry, timing.baseMs, timing.maxMs);
        if (waitMs <= timing.maxRetryAfterMs && Date.now() + waitMs < endsAt) {
          await timing.sleep(waitMs, options.signal).catch((reason: unknown) => {
            throw toBackendError(reason);
          });
          continue;
        }
      }
      // On a dead connection (or behind a captive portal's HTML page) a stale answer beats
      // an error: the reader has already seen it.
      if (entry && (error.retryable || error.kind === 'parse')) return fromEntry<T>(entry, href, { fromCache: true, stale: true });
      // The server itself said the old answer is wrong (gone, forbidden): never paint it again.
      if (entry && (error.kind === 'http' || error.kind === 'validation')) deleteCache(href);
      throw error;
    }
  }
}
