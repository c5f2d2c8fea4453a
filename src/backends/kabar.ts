import { snakeToCamel, storyPayload } from './story-wire.js';
import { BackendError, PartialBackend, pageInfo, type Backend, type CallOptions } from './backend.js';
import { dropCache } from './cache.js';
import { buildUrl, errorFromResponse, request, type RequestOptions } from './http.js';
import { BROWSER_KEY_HEADER, browserKey } from '../core/browser-key.js';
import type {
  Article,
  Comment,
  CommentCounts,
  ListArticlesQuery,
  ListCommentsQuery,
  NewComment,
  Page,
  Person,
  StoryReceipt,
  StorySubmission,
  Term,
} from './types.js';

/** How long answers count as fresh before they are revalidated (stale ones still paint first). */
const FRESH_MS = {
  articles: 60_000,
  categories: 10 * 60_000,
  comments: 15_000,
  counts: 30_000,
} as const;

/** Browsers and proxies start refusing URLs past about 2,000 characters. */
const MAX_URL_CHARS = 2_000;

/** Codes for answers whose status says it all, when the server gives no code of its own. */
const STATUS_CODES: Record<number, string> = { 409: 'duplicate', 413: 'too_large', 415: 'unsupported_media_type' };

type Wire = Record<string, unknown>;

/** A 2xx whose body is not the expected shape is a failure: never a silent success. */
function malformed(what: string): BackendError {
  return new BackendError('parse', { code: 'unexpected_shape', detail: what });
}

function object(value: unknown, what: string): Wire {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw malformed(what);
  return value as Wire;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function id(value: unknown, what: string): string {
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw malformed(`${what}.id`);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Avatars are loaded by the page: anything but https could be mixed content or a tracker over plain http. */
function httpsOnly(value: unknown): string | undefined {
  const url = text(value);
  if (!url) return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function mapPerson(value: unknown): Person | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const wire = value as Wire;
  const name = text(wire.name);
  if (name === undefined) return undefined;
  const person: Person = { name };
  const url = text(wire.url);
  if (url) person.url = url;
  const avatar = httpsOnly(wire.avatar);
  if (avatar) person.avatar = avatar;
  return person;
}

function mapTerms(value: unknown): Term[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((term) => {
    if (!term || typeof term !== 'object') return [];
    const wire = term as Wire;
    const name = text(wire.name);
    if (name === undefined) return [];
    return [{ id: id(wire.id, 'term'), slug: text(wire.slug) ?? '', name }];
  });
}

export function mapArticle(value: unknown): Article {
  const wire = object(value, 'article');
  const title = text(wire.title);
  const publishedAt = text(wire.published_at);
  if (title === undefined || publishedAt === undefined) throw malformed('article');
  const article: Article = {
    id: id(wire.id, 'article'),
    url: text(wire.url) ?? '',
    title,
    excerpt: text(wire.excerpt) ?? '',
    publishedAt,
    categories: mapTerms(wire.categories),
    tags: mapTerms(wire.tags),
  };
  const updatedAt = text(wire.updated_at);
  if (updatedAt) article.updatedAt = updatedAt;
  const author = mapPerson(wire.author);
  if (author) article.author = author;
  if (wire.image && typeof wire.image === 'object') {
    const image = wire.image as Wire;
    const src = text(image.src);
    if (src) {
      article.image = { src, alt: text(image.alt) ?? '' };
      const srcset = text(image.srcset);
      if (srcset) article.image.srcset = srcset;
      const width = count(image.width);
      const height = count(image.height);
      if (width) article.image.width = width;
      if (height) article.image.height = height;
    }
  }
  const commentCount = count(wire.comment_count);
  if (commentCount !== undefined) article.commentCount = commentCount;
  if (typeof wire.comments_open === 'boolean') article.commentsOpen = wire.comments_open;
  if (typeof wire.sticky === 'boolean') article.sticky = wire.sticky;
  const body = text(wire.body);
  if (body !== undefined) article.body = body;
  // A partner's item the server fetched: its card names the partner, and `url` is the original.
  const source = wire.source && typeof wire.source === 'object' ? text((wire.source as Wire).label) : undefined;
  if (source) article.sourceLabel = source;
  // Rendered once by the server (Kabar 0.2+); shown through the sanitiser. Without it the
  // widget renders `body` itself, loading the markdown parser.
  const bodyHtml = text(wire.body_html);
  if (bodyHtml !== undefined) article.html = bodyHtml;
  return article;
}

export function mapComment(value: unknown, thread?: string): Comment {
  const wire = object(value, 'comment');
  const createdAt = text(wire.created_at);
  const author = mapPerson(wire.author);
  if (createdAt === undefined || !author) throw malformed('comment');
  const comment: Comment = {
    id: id(wire.id, 'comment'),
    thread: text(wire.thread) ?? thread ?? '',
    parentId: wire.parent_id === null || wire.parent_id === undefined || wire.parent_id === '' ? null : id(wire.parent_id, 'comment.parent'),
    author,
    createdAt,
    // Anything the server does not call approved is treated as awaiting moderation.
    status: wire.status === 'approved' ? 'approved' : 'pending',
  };
  const body = text(wire.body);
  if (body !== undefined) comment.body = body;
  const bodyHtml = text(wire.body_html);
  if (bodyHtml !== undefined) comment.html = bodyHtml;
  return comment;
}

function mapPage<T>(value: unknown, mapItem: (item: unknown) => T): Page<T> {
  const wire = object(value, 'page');
  if (!Array.isArray(wire.items)) throw malformed('page.items');
  const items = wire.items.map(mapItem);
  const page = count(wire.page) ?? 1;
  const perPage = count(wire.per_page) ?? items.length;
  return { items, ...pageInfo(page, perPage, items.length, count(wire.total), count(wire.total_pages)) };
}

/** A story receipt, `{id, status, received_at}`, as the Kabar API and the WordPress plugin send it. */
export function mapReceipt(value: unknown): StoryReceipt {
  const wire = object(value, 'receipt');
  const status = wire.status === 'published' || wire.status === 'sent' ? wire.status : 'pending';
  return { id: id(wire.id, 'receipt'), status, receivedAt: text(wire.received_at) ?? new Date().toISOString() };
}

/** Kabar's error answers, with field names in the model's camelCase and codes for bare statuses. */
export function mapKabarError(status: number, body: unknown, headers: Headers): BackendError {
  const error = errorFromResponse(status, body, headers);
  const fields = error.fields
    ? Object.fromEntries(Object.entries(error.fields).map(([name, code]) => [snakeToCamel(name), code]))
    : undefined;
  return new BackendError(error.kind, {
    status,
    code: error.code ?? STATUS_CODES[status],
    fields,
    retryAfter: error.retryAfter,
    detail: error.detail,
  });
}

interface CountWaiter {
  threads: string[];
  signal?: AbortSignal;
  resolve: (counts: CommentCounts) => void;
  reject: (error: unknown) => void;
}

/**
 * What every part of the Kabar API v1 adapter shares: the API root and its calls. The adapter
 * only maps shapes: timeouts, retries, caching and error kinds come from `http`. Each feature
 * file carries only the parts its elements use (see `resolve-*.ts`); `KabarBackend` has them all.
 */
export class KabarBase extends PartialBackend {
  readonly label: string;
  /** The API root without a trailing slash, resolved against the page. */
  readonly base: string;

  constructor(url: string) {
    super();
    const trimmed = url.trim().replace(/\/+$/, '');
    try {
      // Absolute, so cache keys and invalidation prefixes match the URLs http builds.
      this.base = buildUrl(trimmed || '.').replace(/\/+$/, '');
      this.label = new URL(this.base).hostname;
    } catch {
      this.base = trimmed;
      this.label = trimmed;
    }
  }

  protected url(path: string): string {
    return `${this.base}${path}`;
  }

  protected async call<W>(path: string, options: RequestOptions): Promise<W> {
    const answer = await request<W>(path, { ...options, mapError: mapKabarError });
    return answer.body;
  }

  /** A cached read whose stale answer is mapped before the caller sees it. */
  protected read<T>(path: string, map: (body: unknown) => T, options: CallOptions, maxAgeMs: number, query?: RequestOptions['query']): Promise<T> {
    const onStale = options.onStale;
    return this.call<unknown>(path, {
      query,
      signal: options.signal,
      cache: true,
      maxAgeMs,
      onStale: onStale
        ? (body) => {
            let value: T;
            try {
              value = map(body);
            } catch {
              return; // A cached answer that no longer maps is simply not painted.
            }
            onStale(value);
          }
        : undefined,
    }).then(map);
  }

}

/** Articles and categories: all the feed file carries. */
export class KabarArticles extends KabarBase {
  override listArticles(query: ListArticlesQuery, options: CallOptions = {}): Promise<Page<Article>> {
    return this.read(this.url('/articles'), (body) => mapPage(body, mapArticle), options, FRESH_MS.articles, {
      page: query.page,
      per_page: query.perPage,
      category: query.category,
      tag: query.tag,
      q: query.search,
    });
  }

  override getArticle(articleId: string, options: CallOptions = {}): Promise<Article> {
    return this.read(this.url(`/articles/${encodeURIComponent(articleId)}`), mapArticle, options, FRESH_MS.articles);
  }

  override listCategories(options: CallOptions = {}): Promise<Term[]> {
    return this.read(this.url('/categories'), (body) => mapTerms(object(body, 'categories').items), options, FRESH_MS.categories);
  }

}

/** Articles, categories and the story form's sending: all the story file carries. */
export class KabarStories extends KabarArticles {
  override async submitStory(story: StorySubmission, options: CallOptions = {}): Promise<StoryReceipt> {
    const body = await this.call<unknown>(this.url('/stories'), {
      method: 'POST',
      ...storyPayload(story),
      headers: { [BROWSER_KEY_HEADER]: browserKey() },
      signal: options.signal,
      idempotencyKey: options.idempotencyKey,
      onProgress: options.onProgress,
    });
    return mapReceipt(body);
  }
}

/** Comments and comment counts: all the comments file carries. */
export class KabarThreads extends KabarBase {
  private pendingCounts?: CountWaiter[];

  private threadPath(thread: string): string {
    return this.url(`/threads/${encodeURIComponent(thread)}/comments`);
  }

  override listComments(thread: string, query: ListCommentsQuery, options: CallOptions = {}): Promise<Page<Comment>> {
    return this.read(this.threadPath(thread), (body) => mapPage(body, (item) => mapComment(item, thread)), options, FRESH_MS.comments, {
      page: query.page,
      per_page: query.perPage,
      sort: query.sort,
    });
  }

  override async postComment(comment: NewComment, options: CallOptions = {}): Promise<Comment> {
    const path = this.threadPath(comment.thread);
    const body = await this.call<unknown>(path, {
      method: 'POST',
      json: {
        parent_id: comment.parentId ?? null,
        author_name: comment.authorName,
        author_email: comment.authorEmail,
        author_url: comment.authorUrl || undefined,
        body: comment.body,
        website: comment.website,
        elapsed_ms: comment.elapsedMs,
        ...(comment.notify ? { notify: true } : {}),
      },
      headers: { [BROWSER_KEY_HEADER]: browserKey() },
      signal: options.signal,
      idempotencyKey: options.idempotencyKey,
    });
    // The thread and its count changed: the next read must not paint the old ones as fresh.
    dropCache(path);
    dropCache(this.url('/comment-counts'));
    const wire = object(body, 'comment');
    return mapComment(wire.comment && typeof wire.comment === 'object' ? wire.comment : wire, comment.thread);
  }

  /**
   * Counts for many threads. Calls made in the same task (a page of
   * `<kabar-comment-count>` elements rendering) are merged into one request,
   * split only when the URL would grow too long.
   */
  override countComments(threads: string[], options: CallOptions = {}): Promise<CommentCounts> {
    const unique = [...new Set(threads)];
    if (!unique.length) return Promise.resolve({});
    if (options.signal?.aborted) return Promise.reject(new BackendError('aborted', { cause: options.signal.reason }));
    return new Promise((resolve, reject) => {
      if (!this.pendingCounts) {
        const waiters: CountWaiter[] = (this.pendingCounts = []);
        setTimeout(() => {
          this.pendingCounts = undefined;
          this.flushCounts(waiters);
        }, 0);
      }
      this.pendingCounts.push({ threads: unique, signal: options.signal, resolve, reject });
    });
  }

  private flushCounts(all: CountWaiter[]): void {
    const aborted = (waiter: CountWaiter) => new BackendError('aborted', { cause: waiter.signal?.reason });
    const waiters = all.filter((waiter) => {
      if (waiter.signal?.aborted) waiter.reject(aborted(waiter));
      return !waiter.signal?.aborted;
    });
    if (!waiters.length) return;

    // The shared request stops only when every caller that wanted it has gone.
    const controller = new AbortController();
    let listening = waiters.length;
    const chunkOf = new Map<string, Promise<CommentCounts>>();
    for (const chunk of this.chunkThreads([...new Set(waiters.flatMap((waiter) => waiter.threads))])) {
      const answer = this.fetchCounts(chunk, controller.signal);
      answer.catch(() => undefined); // Each waiter handles it; this only silences chunks nobody awaits any more.
      for (const thread of chunk) chunkOf.set(thread, answer);
    }

    for (const waiter of waiters) {
      const onAbort = () => {
        waiter.reject(aborted(waiter));
        if (--listening === 0) controller.abort();
      };
      waiter.signal?.addEventListener('abort', onAbort, { once: true });
      const answers = [...new Set(waiter.threads.map((thread) => chunkOf.get(thread)!))];
      Promise.all(answers)
        .then((parts) => {
          const merged = parts.reduce<CommentCounts>((all, part) => ({ ...all, ...part }), {});
          waiter.resolve(Object.fromEntries(waiter.threads.map((thread) => [thread, merged[thread] ?? 0])));
        }, waiter.reject)
        .finally(() => waiter.signal?.removeEventListener('abort', onAbort));
    }
  }

  private chunkThreads(threads: string[]): string[][] {
    const room = MAX_URL_CHARS - this.url('/comment-counts?').length;
    const chunks: string[][] = [];
    let chunk: string[] = [];
    let used = 0;
    for (const thread of threads) {
      const cost = 'thread='.length + encodeURIComponent(thread).length + 1;
      if (chunk.length && used + cost > room) {
        chunks.push(chunk);
        chunk = [];
        used = 0;
      }
      chunk.push(thread);
      used += cost;
    }
    if (chunk.length) chunks.push(chunk);
    return chunks;
  }

  private async fetchCounts(threads: string[], signal: AbortSignal): Promise<CommentCounts> {
    const body = await this.call<unknown>(this.url('/comment-counts'), {
      query: { thread: threads },
      signal,
      cache: true,
      maxAgeMs: FRESH_MS.counts,
    });
    const wire = object(object(body, 'counts').counts, 'counts.counts');
    const counts: CommentCounts = {};
    for (const [thread, value] of Object.entries(wire)) {
      const n = count(value);
      if (n !== undefined) counts[thread] = n;
    }
    return counts;
  }
}

/**
 * The adapter for the Kabar API v1 (the project's own server): articles, stories, comments and
 * comment counts, the last two through one `KabarThreads` of the same root.
 */
export class KabarBackend extends KabarStories implements Backend {
  private readonly threads: KabarThreads;

  constructor(url: string) {
    super(url);
    this.threads = new KabarThreads(url);
  }

  override listComments(thread: string, query: ListCommentsQuery, options?: CallOptions): Promise<Page<Comment>> {
    return this.threads.listComments(thread, query, options);
  }

  override postComment(comment: NewComment, options?: CallOptions): Promise<Comment> {
    return this.threads.postComment(comment, options);
  }

  override countComments(threads: string[], options?: CallOptions): Promise<CommentCounts> {
    return this.threads.countComments(threads, options);
  }
}
