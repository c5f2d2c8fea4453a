// PROVISIONAL: signatures are final; timeouts, retries, ETag and the cache are being written.
import { BackendError, toBackendError } from './backend.js';

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
  /** Upload progress; the request then goes through XMLHttpRequest. */
  onProgress?: (loaded: number, total: number) => void;
  /** Maps an error answer to a BackendError; returning undefined uses the default mapping. */
  mapError?: (status: number, body: unknown, headers: Headers) => BackendError | undefined;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  url: string;
  /** True when the body came from the cache without a network answer. */
  fromCache: boolean;
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

/** The one place that calls fetch. Every failure becomes a BackendError. */
export async function request<T = unknown>(url: string, options: RequestOptions = {}): Promise<HttpResponse<T>> {
  const headers = new Headers(options.headers);
  headers.set('Accept', 'application/json');
  let body = options.body;
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.json);
  }
  if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
  try {
    const response = await fetch(buildUrl(url, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
    const text = await response.text();
    const parsed = options.responseType === 'text' ? text : text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      throw options.mapError?.(response.status, parsed, response.headers) ?? new BackendError('http', { status: response.status });
    }
    return { status: response.status, headers: response.headers, body: parsed as T, url: response.url, fromCache: false };
  } catch (error) {
    throw toBackendError(error);
  }
}
