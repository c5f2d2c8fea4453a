import type {
  Article,
  Comment,
  CommentCounts,
  ListArticlesQuery,
  ListCommentsQuery,
  NewComment,
  Page,
  StoryReceipt,
  StorySubmission,
  Term,
} from './types.js';

/** Options every backend call takes. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Sends carry one key per draft, so a retry never makes a second record. */
  idempotencyKey?: string;
  /** Called with the bytes sent so far and the total, for uploads. */
  onProgress?: (loaded: number, total: number) => void;
  /** Called with cached data first when a fresh answer is on its way (stale-while-revalidate). */
  onStale?: (value: unknown) => void;
}

/** What every adapter implements. An operation it cannot do throws `BackendError('unsupported')`. */
export interface Backend {
  /** A short label for logs and merged feeds, e.g. the site's host name. */
  readonly label: string;
  listArticles(query: ListArticlesQuery, options?: CallOptions): Promise<Page<Article>>;
  getArticle(id: string, options?: CallOptions): Promise<Article>;
  listCategories(options?: CallOptions): Promise<Term[]>;
  submitStory(story: StorySubmission, options?: CallOptions): Promise<StoryReceipt>;
  listComments(thread: string, query: ListCommentsQuery, options?: CallOptions): Promise<Page<Comment>>;
  postComment(comment: NewComment, options?: CallOptions): Promise<Comment>;
  countComments(threads: string[], options?: CallOptions): Promise<CommentCounts>;
}

export type BackendErrorKind =
  | 'network'
  | 'timeout'
  | 'http'
  | 'parse'
  | 'validation'
  | 'rate-limited'
  | 'unsupported'
  | 'aborted';

export interface BackendErrorInit {
  status?: number;
  /** A machine code: the server's (`comment_flood`, `too_few_paragraphs`) or ours. */
  code?: string;
  /** Per-field codes for `validation`, keyed by the field name of the model (camelCase). */
  fields?: Record<string, string>;
  /** Seconds to wait, for `rate-limited`. */
  retryAfter?: number;
  cause?: unknown;
  /** The server's own text: for logs only; elements never show it. */
  detail?: string;
}

/** The code of a `network` error whose cause is the API server refusing this page's origin (CORS). */
export const CORS_REFUSED = 'cors';

/** The code of an `http` error whose answer was a redirect: the send was passed on elsewhere, so not sent at all. */
export const REDIRECTED = 'redirected';

/** The code of an `http` error for a read answered from another site than the one asked (a cross-origin redirect). */
export const ANSWERED_ELSEWHERE = 'answered_elsewhere';

/** Set on every BackendError, by whichever copy of Kabar made it. */
const BRAND = Symbol.for('kabar.BackendError');

/** Every failure of the data layer. Elements show errors by `kind` and `code`, never by server text. */
export class BackendError extends Error {
  /**
   * `instanceof` holds for a BackendError from any copy of Kabar on the page: a custom backend
   * built against the npm package hands its errors to elements loaded from a feature file.
   */
  static override [Symbol.hasInstance](this: typeof BackendError, value: unknown): boolean {
    // A subclass keeps the ordinary test: not every BackendError is one of its kind.
    if (this !== BackendError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  readonly [BRAND] = true;
  readonly kind: BackendErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly fields?: Record<string, string>;
  readonly retryAfter?: number;
  readonly detail?: string;

  constructor(kind: BackendErrorKind, init: BackendErrorInit = {}) {
    super(`kabar: ${kind}${init.status ? ` ${init.status}` : ''}${init.code ? ` (${init.code})` : ''}`, {
      cause: init.cause,
    });
    this.name = 'BackendError';
    this.kind = kind;
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields;
    this.retryAfter = init.retryAfter;
    this.detail = init.detail;
  }

  /** Whether sending the same request again may succeed. A CORS refusal will not, until the server is configured. */
  get retryable(): boolean {
    return (
      (this.kind === 'network' && this.code !== CORS_REFUSED) ||
      this.kind === 'timeout' ||
      this.kind === 'rate-limited' ||
      (this.kind === 'http' && (this.status ?? 0) >= 500)
    );
  }
}

export function isBackendError(value: unknown): value is BackendError {
  return value instanceof BackendError;
}

/** Turns anything thrown into a BackendError, keeping one that already is. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return new BackendError('aborted', { cause: error });
  if (error instanceof DOMException && error.name === 'TimeoutError') return new BackendError('timeout', { cause: error });
  if (error instanceof SyntaxError) return new BackendError('parse', { cause: error });
  if (error instanceof TypeError) return new BackendError('network', { cause: error });
  return new BackendError('network', { cause: error });
}

/** The paging fields of a `Page`, as far as the backend said them. */
export interface PageInfo {
  page: number;
  perPage: number;
  total?: number;
  totalPages?: number;
  hasMore: boolean;
}

/**
 * Whether another page follows, decided one way for every adapter: from the
 * page count when the backend gave one, else from the total, else a full page
 * (or more, from a server that ignores the size asked for) means there may be more.
 */
export function pageInfo(page: number, perPage: number, count: number, total?: number, totalPages?: number): PageInfo {
  const pages = totalPages ?? (total !== undefined && perPage > 0 ? Math.ceil(total / perPage) : undefined);
  return {
    page,
    perPage,
    ...(total !== undefined ? { total } : {}),
    ...(totalPages !== undefined ? { totalPages } : {}),
    hasMore: pages !== undefined ? page < pages : count > 0 && count >= perPage,
  };
}

/**
 * A backend that can do nothing: adapters extend it and override what their
 * backend supports, so every other operation throws `unsupported`.
 */
export abstract class PartialBackend implements Backend {
  abstract readonly label: string;
  listArticles(_query: ListArticlesQuery, _options?: CallOptions): Promise<Page<Article>> {
    return Promise.reject(new BackendError('unsupported', { code: 'listArticles' }));
  }
  getArticle(_id: string, _options?: CallOptions): Promise<Article> {
    return Promise.reject(new BackendError('unsupported', { code: 'getArticle' }));
  }
  listCategories(_options?: CallOptions): Promise<Term[]> {
    return Promise.reject(new BackendError('unsupported', { code: 'listCategories' }));
  }
  submitStory(_story: StorySubmission, _options?: CallOptions): Promise<StoryReceipt> {
    return Promise.reject(new BackendError('unsupported', { code: 'submitStory' }));
  }
  listComments(_thread: string, _query: ListCommentsQuery, _options?: CallOptions): Promise<Page<Comment>> {
    return Promise.reject(new BackendError('unsupported', { code: 'listComments' }));
  }
  postComment(_comment: NewComment, _options?: CallOptions): Promise<Comment> {
    return Promise.reject(new BackendError('unsupported', { code: 'postComment' }));
  }
  countComments(_threads: string[], _options?: CallOptions): Promise<CommentCounts> {
    return Promise.reject(new BackendError('unsupported', { code: 'countComments' }));
  }
}
