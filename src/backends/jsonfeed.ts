import { BackendError, PartialBackend, type CallOptions } from './backend.js';
import type { Article, ListArticlesQuery, Page, Person, Term } from './types.js';
import { htmlToText } from '../core/text.js';
import { safeImageUrl, safeUrl } from '../core/url.js';
import { hostLabel } from './wordpress.js';
import { request } from './http.js';

/** The parts of JSON Feed 1.1 (and 1.0's `author`) a card uses. */
interface JsonFeedAuthor {
  name?: string;
  url?: string;
  avatar?: string;
}

export interface JsonFeedItem {
  id?: string | number;
  url?: string;
  external_url?: string;
  title?: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  image?: string;
  banner_image?: string;
  date_published?: string;
  date_modified?: string;
  authors?: JsonFeedAuthor[];
  author?: JsonFeedAuthor;
  tags?: string[];
}

interface JsonFeed {
  version?: string;
  title?: string;
  home_page_url?: string;
  next_url?: string;
  authors?: JsonFeedAuthor[];
  author?: JsonFeedAuthor;
  items?: JsonFeedItem[];
}

/** The first `count` words of a text, with an ellipsis when something was cut. */
function firstWords(text: string, count: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > count ? `${words.slice(0, count).join(' ')}…` : words.join(' ');
}

function person(author: JsonFeedAuthor | undefined, base: string): Person | undefined {
  const name = author?.name?.trim();
  if (!name) return undefined;
  const url = author?.url ? safeUrl(new URL(author.url, base).href) : undefined;
  const avatar = author?.avatar ? safeImageUrl(new URL(author.avatar, base).href) : undefined;
  return { name, ...(url ? { url } : {}), ...(avatar ? { avatar } : {}) };
}

/** RFC 3339 from the feed, normalised to ISO; an unreadable date gives an empty string (the card then shows none). */
function isoTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function tag(name: string): Term {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  return { id: slug, slug, name: name.trim() };
}

/** One JSON Feed item in the shared model; relative URLs are read against the feed's own URL. */
export function mapJsonFeedItem(item: JsonFeedItem, feed: Pick<JsonFeed, 'authors' | 'author'>, base: string): Article {
  const resolve = (url: string | undefined) => {
    if (!url) return undefined;
    try {
      return new URL(url, base).href;
    } catch {
      return undefined;
    }
  };
  const text = item.content_text?.trim() || (item.content_html ? htmlToText(item.content_html) : '');
  // JSON Feed's `title` and `summary` are plain text by the spec; only `content_html` is HTML.
  const summary = item.summary?.replace(/\s+/g, ' ').trim() ?? '';
  const url = safeUrl(resolve(item.url) ?? resolve(item.external_url)) ?? '';
  const imageSrc = safeImageUrl(resolve(item.image) ?? resolve(item.banner_image));
  const author = person(item.authors?.[0] ?? item.author ?? feed.authors?.[0] ?? feed.author, base);
  const updatedAt = isoTime(item.date_modified);
  return {
    id: String(item.id ?? url),
    url,
    title: item.title?.replace(/\s+/g, ' ').trim() || firstWords(summary || text, 12),
    excerpt: summary || text,
    publishedAt: isoTime(item.date_published) ?? updatedAt ?? '',
    ...(updatedAt ? { updatedAt } : {}),
    ...(author ? { author } : {}),
    // A feed gives no alt text and no size: the card keeps a fixed aspect-ratio box for it.
    ...(imageSrc ? { image: { src: imageSrc, alt: '' } } : {}),
    categories: [],
    tags: (item.tags ?? []).filter((name) => typeof name === 'string' && name.trim()).map(tag),
  };
}

export function matches(article: Article, query: ListArticlesQuery): boolean {
  const wanted = (value: string | undefined) => value?.trim().toLowerCase();
  const tagWanted = wanted(query.tag) ?? wanted(query.category);
  if (tagWanted && !article.tags.some((term) => term.slug === tagWanted || term.name.toLowerCase() === tagWanted)) return false;
  const search = wanted(query.search);
  if (search && !`${article.title} ${article.excerpt}`.toLowerCase().includes(search)) return false;
  return true;
}

/** Where in a feed document a page starts: kept in the cursor's fragment, which never reaches the server. */
const FROM = /#kabar-from=(\d{1,9})$/;

/**
 * Reads a JSON Feed (1.0 or 1.1). A feed pages by URL (`next_url`), so a page
 * after the first is asked for with the cursor of the page before it
 * (`Page.next`). A document holding more than `perPage` items is paged here,
 * `perPage` at a time, before its `next_url` is followed: whatever a feed
 * sends, a page holds at most what was asked for. A feed has no server-side
 * filters: `tag` (and `category`, matched against the tags) and `search`
 * filter the items of each page here.
 */
export class JsonFeedBackend extends PartialBackend {
  readonly label: string;

  constructor(readonly url: string) {
    super();
    this.label = hostLabel(url);
  }

  override async listArticles(query: ListArticlesQuery, options: CallOptions = {}): Promise<Page<Article>> {
    const page = Math.max(1, query.page ?? 1);
    const cursor = query.cursor ? safeUrl(new URL(query.cursor, this.url).href) : this.url;
    if (!cursor) throw new BackendError('parse', { code: 'invalid_next_url' });
    const from = Number(FROM.exec(cursor)?.[1] ?? 0);
    const source = cursor.replace(FROM, '');
    const perPage = query.perPage && query.perPage > 0 ? Math.floor(query.perPage) : Infinity;
    const toPage = (body: unknown): Page<Article> => {
      const feed = readFeed(body);
      const all = feed.items ?? [];
      // Mapped one by one, up to one past the page, so a document of 40,000 items costs a page and a look ahead.
      const items: Article[] = [];
      let seen = 0;
      let rest = false;
      for (const item of all) {
        const article = mapJsonFeedItem(item, feed, source);
        if (!matches(article, query)) continue;
        if (seen++ < from) continue;
        if (items.length === perPage) {
          rest = true;
          break;
        }
        items.push(article);
      }
      const next = rest ? `${source}#kabar-from=${from + items.length}` : feed.next_url ? safeUrl(new URL(feed.next_url, source).href) : undefined;
      return { items, page, perPage: Number.isFinite(perPage) ? perPage : items.length, hasMore: !!next, ...(next ? { next } : {}) };
    };
    const answer = await request<unknown>(source, {
      signal: options.signal,
      cache: true,
      onStale: options.onStale ? (body) => staleSafe(() => options.onStale?.(toPage(body))) : undefined,
    });
    return toPage(answer.body);
  }

  /** Looks for the item on the feed's pages, following `next_url` a few times at most. */
  override async getArticle(id: string, options: CallOptions = {}): Promise<Article> {
    let cursor: string | undefined;
    for (let page = 1; page <= 5; page++) {
      const result = await this.listArticles({ page, cursor }, { signal: options.signal });
      const found = result.items.find((article) => article.id === id);
      if (found) return found;
      if (!result.next) break;
      cursor = result.next;
    }
    throw new BackendError('http', { status: 404, code: 'not_found' });
  }
}

/** A stale copy that no longer reads is simply not painted; the fresh answer decides. */
export function staleSafe(paint: () => void): void {
  try {
    paint();
  } catch {
    // nothing to paint
  }
}

function readFeed(body: unknown): JsonFeed {
  const feed = body as JsonFeed | undefined;
  if (!feed || typeof feed !== 'object' || !Array.isArray(feed.items)) throw new BackendError('parse', { code: 'not_a_json_feed' });
  return feed;
}
