import { BackendError } from './backend.js';
import { request, retryAfterSeconds, type HttpResponse, type RequestOptions } from './http.js';

/** WordPress caps `per_page` at 100 and answers 400 above it. */
export const MAX_PER_PAGE = 100;

/**
 * REST nonces by site, given by the page (the Kabar plugin prints one on the comment box of a
 * signed-in reader). WordPress authenticates its own pages' requests by cookie only together
 * with this nonce; the cookie goes only to the page's own origin, and so does the nonce.
 */
const nonces = new Map<string, string>();

/** The site a WordPress URL names: the site URL or its `/wp-json` root, without a trailing slash. */
export function wordPressSite(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/wp-json$/i, '').replace(/\/index\.php$/i, '');
}

/** Signs this page's requests to `site` in as its reader, with WordPress's REST nonce (`wp_create_nonce('wp_rest')`). */
export function useWordPressNonce(site: string, nonce: string): void {
  if (nonce) nonces.set(wordPressSite(site), nonce);
}

function sameOrigin(url: string): boolean {
  try {
    return typeof location !== 'undefined' && new URL(url, location.href).origin === location.origin;
  } catch {
    return false;
  }
}

/**
 * The WordPress REST root of a site, shared by the posts and the comments
 * parts of the adapter. Accepts the site URL or its `/wp-json` root. Sites
 * without pretty permalinks answer 404 (not a REST error) on `/wp-json/`;
 * then the same routes work through `?rest_route=`, and the adapter
 * remembers that for the rest of the page's life.
 */
export class WordPressApi {
  readonly site: string;
  private mode: 'pretty' | 'query' = 'pretty';
  /** Set once a route answered: from then on a failure is the failure, not a hint to try the other form. */
  private confirmed = false;

  constructor(url: string) {
    this.site = wordPressSite(url);
  }

  routeUrl(route: string, mode: 'pretty' | 'query' = this.mode): { url: string; query: Record<string, string> } {
    return mode === 'pretty'
      ? { url: `${this.site}/wp-json${route}`, query: {} }
      : { url: `${this.site}/`, query: { rest_route: route } };
  }

  async request<T>(route: string, options: RequestOptions = {}): Promise<HttpResponse<T>> {
    const call = async (mode: 'pretty' | 'query'): Promise<HttpResponse<T>> => {
      const { url, query } = this.routeUrl(route, mode);
      const nonce = nonces.get(this.site);
      const signed = nonce && sameOrigin(url) ? { 'X-WP-Nonce': nonce } : undefined;
      const send = (headers?: Record<string, string>) =>
        request<T>(url, { ...options, headers: { ...options.headers, ...headers }, query: { ...query, ...options.query }, mapError: options.mapError ?? mapWordPressError });
      try {
        return await send(signed);
      } catch (error) {
        // A page kept in a cache longer than its nonce lives: the reader goes on as a visitor.
        if (!signed || !(error instanceof BackendError) || error.code !== 'rest_cookie_invalid_nonce') throw error;
        nonces.delete(this.site);
        return send();
      }
    };
    try {
      const answer = await call(this.mode);
      this.confirmed = true;
      return answer;
    } catch (error) {
      if (this.mode === 'pretty' && !this.confirmed && error instanceof BackendError && isPermalinkMiss(error)) {
        let answer: HttpResponse<T>;
        try {
          answer = await call('query');
        } catch (second) {
          // Only a real REST answer from the fallback says more than the first failure did.
          throw second instanceof BackendError && second.code ? second : error;
        }
        this.mode = 'query';
        this.confirmed = true;
        return answer;
      }
      throw error;
    }
  }
}

/**
 * Signs that `/wp-json/` is not routed (no pretty permalinks): the site's own
 * 404 page, which is HTML (no REST `code`). Across origins that page carries no
 * CORS headers, so the browser reports it as a network failure: that is worth
 * one try through `?rest_route=` too, before the adapter knows which form works.
 */
function isPermalinkMiss(error: BackendError): boolean {
  if (error.kind === 'network') return true;
  return (error.kind === 'http' || error.kind === 'parse') && error.status === 404 && !error.code;
}

interface WordPressErrorBody {
  code?: string;
  message?: string;
  data?: { status?: number; params?: Record<string, string>; details?: Record<string, { code?: string }> };
}

/** WordPress's `{code, message, data}` errors, by code; the message (partly translated) is kept for logs only. */
export function mapWordPressError(status: number, body: unknown, headers: Headers): BackendError | undefined {
  const error = (body && typeof body === 'object' ? body : {}) as WordPressErrorBody;
  const code = typeof error.code === 'string' ? error.code : undefined;
  const detail = typeof error.message === 'string' ? error.message : undefined;
  if (status === 429) {
    return new BackendError('rate-limited', { status, code, detail, retryAfter: retryAfterSeconds(headers.get('Retry-After')) });
  }
  if (code === 'rest_invalid_param' || code === 'rest_missing_callback_param' || code === 'rest_comment_author_data_required') {
    const fields: Record<string, string> = {};
    for (const [name, reason] of Object.entries(error.data?.params ?? {})) fields[name] = error.data?.details?.[name]?.code ?? String(reason);
    return new BackendError('validation', { status, code, detail, fields });
  }
  return new BackendError('http', { status, code, detail });
}
