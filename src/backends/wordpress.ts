import { BackendError, PartialBackend, pageInfo, type CallOptions } from './backend.js';
import type { HttpResponse } from './http.js';
import { SEND_CODES } from './codes.js';
import { mapKabarError, mapReceipt } from './kabar.js';
import { storyPayload } from './story-wire.js';
import type { Article, ArticleImage, Comment, CommentCounts, ListArticlesQuery, ListCommentsQuery, NewComment, Page, Person, StoryReceipt, StorySubmission, Term } from './types.js';
import { MAX_PER_PAGE, WordPressApi } from './wordpress-api.js';
import { countWordPressComments, listWordPressComments, postWordPressComment, wordPressTime } from './wordpress-comments.js';
import { htmlToText, inertBody } from '../core/text.js';
import { safeImageUrl, safeUrl } from '../core/url.js';

/**
 * Only the embeds a card needs: the author, the featured image and the terms.
 * Leaving out `replies` keeps a page of six posts from carrying their comments.
 */
const EMBED = 'author,wp:featuredmedia,wp:term';

/** An embedded item, or the `{code, message, data}` error WordPress puts in its place. */
type Embedded<T> = T | { code: string; message?: string };

interface WordPressMediaSize {
  source_url?: string;
  width?: number;
  height?: number;
}

interface WordPressMedia {
  id?: number;
  alt_text?: string;
  source_url?: string;
  media_details?: { width?: number; height?: number; sizes?: Record<string, WordPressMediaSize> };
}

interface WordPressUser {
  id?: number;
  name?: string;
  link?: string;
  avatar_urls?: Record<string, string>;
}

interface WordPressTerm {
  id?: number;
  name?: string;
  slug?: string;
  taxonomy?: string;
}

export interface WordPressPost {
  id: number;
  date?: string;
  date_gmt?: string | null;
  modified_gmt?: string | null;
  link?: string;
  title?: { rendered?: string };
  excerpt?: { rendered?: string; protected?: boolean };
  content?: { rendered?: string; protected?: boolean };
  featured_media?: number;
  sticky?: boolean;
  comment_status?: string;
  categories?: number[];
  tags?: number[];
  _embedded?: {
    author?: Array<Embedded<WordPressUser>>;
    'wp:featuredmedia'?: Array<Embedded<WordPressMedia>>;
    'wp:term'?: Array<Array<Embedded<WordPressTerm>> | Embedded<WordPressTerm>>;
  };
}

function isError(value: unknown): value is { code: string } {
  return !value || typeof value !== 'object' || typeof (value as { code?: unknown }).code === 'string';
}

/** The first embedded item of a relation, unless it is missing or an error object. */
function firstEmbed<T>(list: Array<Embedded<T>> | undefined): T | undefined {
  const first = Array.isArray(list) ? list[0] : undefined;
  return isError(first) ? undefined : first;
}

/** Words a theme's "read more" link usually says, in the languages partner sites use. */
const READ_MORE = /^(read more|continue reading|more|baca selengkapnya|selengkapnya|baca lagi|lanjutkan membaca|lanjut)\b/i;

/** An `<a …>…</a>` of the raw HTML, its attributes (quoted values may hold `>`) and its content. */
const LINK = /<a\b((?:[^>"']|"[^"]*"|'[^']*')*)>[\s\S]*?<\/a\s*>/gi;

/** The classes themes give their "read more" link. */
const MORE_CLASS = /\bclass\s*=\s*(?:"[^"]*\b(?:more-link|read-more|readmore|more)\b[^"]*"|'[^']*\b(?:more-link|read-more|readmore|more)\b[^']*'|(?:more-link|read-more|readmore|more)\b)/i;

/** The `href` of a raw tag's attributes, with the entities WordPress writes into URLs decoded. */
function rawHref(attributes: string): string | undefined {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes);
  const value = match?.[1] ?? match?.[2] ?? match?.[3];
  return value?.replace(/&(?:amp|#0*38);/gi, '&');
}

/**
 * The excerpt as text: WordPress's auto excerpt ends with ` [&hellip;]`, and
 * many themes append a "read more" link that would read as part of the
 * sentence. Such a link is known by its class (`more-link` and kin), by
 * pointing at the post itself, or by its words. Class and target are judged on
 * the raw HTML and such links cut out before it is parsed (inertly, as text); the
 * words are judged afterwards, on decoded text. Only then is it turned into text.
 */
export function excerptText(html: string | undefined, postUrl?: string): string {
  if (!html) return '';
  const self = postUrl ? safeUrl(postUrl) : undefined;
  const isSelf = (href: string | null | undefined) => !!self && safeUrl(href) === self;
  const trimmed = html.replace(LINK, (link, attributes: string) => (MORE_CLASS.test(attributes) || isSelf(rawHref(attributes)) ? '' : link));
  const fragment = inertBody(trimmed);
  for (const link of Array.from(fragment.querySelectorAll('a'))) {
    if (READ_MORE.test((link.textContent ?? '').trim())) link.remove();
  }
  // The fragment's text is already decoded: reading it as HTML again would eat a literal `<desa>`.
  return (fragment.textContent ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\s*\[(?:…|\.\.\.|&hellip;)\]\s*$/u, '…')
    .replace(/\s*(?:…|\.\.\.)\s*…$/u, '…')
    .trim();
}

function pickAvatar(urls: Record<string, string> | undefined, pageProtocol?: string): string | undefined {
  if (!urls) return undefined;
  const sizes = Object.keys(urls)
    .map(Number)
    .filter((n) => Number.isFinite(n))
    .sort((a, b) => b - a);
  return sizes.length ? safeImageUrl(urls[String(sizes[0])], pageProtocol) : undefined;
}

export function wordPressAuthor(user: WordPressUser | undefined, pageProtocol?: string): Person | undefined {
  const name = user?.name ? htmlToText(user.name) : '';
  if (!name) return undefined;
  const url = safeUrl(user?.link);
  const avatar = pickAvatar(user?.avatar_urls, pageProtocol);
  return { name, ...(url ? { url } : {}), ...(avatar ? { avatar } : {}) };
}

/**
 * The featured image with a `srcset` from `media_details.sizes`. Sizes whose
 * shape differs from the original (the square `thumbnail` crop) are left out:
 * every candidate of a srcset must show the same picture. The `src` is the
 * smallest candidate at least 640 px wide, which is what a card on a phone
 * needs; the browser picks a better one from the srcset where it can.
 */
export function wordPressImage(media: WordPressMedia | undefined, pageProtocol?: string): ArticleImage | undefined {
  if (!media) return undefined;
  const details = media.media_details ?? {};
  const full: WordPressMediaSize = { source_url: media.source_url, width: details.width, height: details.height };
  const ratio = full.width && full.height ? full.width / full.height : undefined;
  const candidates = [full, ...Object.values(details.sizes ?? {})]
    .map((size) => ({ ...size, source_url: safeImageUrl(size.source_url, pageProtocol) }))
    .filter((size): size is Required<WordPressMediaSize> => !!size.source_url && !!size.width && !!size.height)
    .filter((size) => !ratio || Math.abs(size.width / size.height - ratio) / ratio < 0.02);
  const byWidth = [...new Map(candidates.map((size) => [size.width, size])).values()].sort((a, b) => a.width - b.width);
  const alt = (media.alt_text ?? '').trim();
  if (!byWidth.length) {
    const src = safeImageUrl(media.source_url, pageProtocol);
    return src ? { src, alt } : undefined;
  }
  const chosen = byWidth.find((size) => size.width >= 640) ?? byWidth[byWidth.length - 1];
  return {
    src: chosen.source_url,
    ...(byWidth.length > 1 ? { srcset: byWidth.map((size) => `${size.source_url} ${size.width}w`).join(', ') } : {}),
    width: chosen.width,
    height: chosen.height,
    alt,
  };
}

function terms(post: WordPressPost): { categories: Term[]; tags: Term[] } {
  const categories: Term[] = [];
  const tags: Term[] = [];
  for (const group of post._embedded?.['wp:term'] ?? []) {
    for (const term of Array.isArray(group) ? group : [group]) {
      if (isError(term) || term.id === undefined) continue;
      const mapped = { id: String(term.id), slug: term.slug ?? '', name: htmlToText(term.name ?? '') };
      if (term.taxonomy === 'category') categories.push(mapped);
      else if (term.taxonomy === 'post_tag') tags.push(mapped);
    }
  }
  return { categories, tags };
}

/** One WordPress post in the shared model. Every embed may be missing or an error object. */
export function mapWordPressPost(post: WordPressPost, pageProtocol?: string): Article {
  const url = safeUrl(post.link) ?? '';
  const media = post.featured_media ? firstEmbed(post._embedded?.['wp:featuredmedia']) : undefined;
  const image = wordPressImage(media, pageProtocol);
  const author = wordPressAuthor(firstEmbed(post._embedded?.author), pageProtocol);
  const updatedAt = wordPressTime(post.modified_gmt);
  return {
    id: String(post.id),
    url,
    title: htmlToText(post.title?.rendered ?? ''),
    excerpt: excerptText(post.excerpt?.rendered, url),
    publishedAt: wordPressTime(post.date_gmt, post.date) ?? '',
    ...(updatedAt ? { updatedAt } : {}),
    ...(author ? { author } : {}),
    ...(image ? { image } : {}),
    ...terms(post),
    sticky: post.sticky === true,
    ...(post.comment_status ? { commentsOpen: post.comment_status === 'open' } : {}),
  };
}

function headerNumber(headers: Headers | undefined, name: string): number | undefined {
  const value = headers?.get(name);
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * The reading half of the WordPress adapter (articles and categories), all the feed and story
 * files carry. It reads posts from a WordPress site's own REST API, straight from the reader's
 * browser: one request per page of cards (the embeds ride along), totals from
 * `X-WP-Total`/`X-WP-TotalPages`, the `?rest_route=` fallback for sites without
 * pretty permalinks. The `category` and `tag` filters take numeric ids as they
 * are, or a slug, which is looked up once per site and remembered.
 */
export class WordPressArticles extends PartialBackend {
  readonly label: string;
  readonly api: WordPressApi;
  private readonly termIds = new Map<string, Promise<number | undefined>>();

  constructor(readonly url: string) {
    super();
    this.api = new WordPressApi(url);
    this.label = hostLabel(this.api.site);
  }

  override async listArticles(query: ListArticlesQuery, options: CallOptions = {}): Promise<Page<Article>> {
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.perPage ?? 10)));
    const [categories, tags] = await Promise.all([
      this.termId('categories', query.category, options),
      this.termId('tags', query.tag, options),
    ]);
    // A slug the site does not know matches nothing, which is an empty feed, not an error.
    if (categories === null || tags === null) return { items: [], page, perPage, total: 0, totalPages: 0, hasMore: false };
    const toPage = (body: unknown, headers?: Headers): Page<Article> => {
      const items = (Array.isArray(body) ? (body as WordPressPost[]) : []).map((post) => mapWordPressPost(post));
      return { items, ...pageInfo(page, perPage, items.length, headerNumber(headers, 'X-WP-Total'), headerNumber(headers, 'X-WP-TotalPages')) };
    };
    let answer: HttpResponse<unknown>;
    try {
      answer = await this.api.request<unknown>('/wp/v2/posts', {
        query: { per_page: perPage, page, _embed: EMBED, categories, tags, search: query.search?.trim() || undefined },
        signal: options.signal,
        cache: true,
        onStale: options.onStale ? (body) => options.onStale?.(toPage(body)) : undefined,
      });
    } catch (error) {
      // WordPress's way of saying "there is no page N": the list simply ends.
      if (error instanceof BackendError && error.code === 'rest_post_invalid_page_number') {
        return { items: [], page, perPage, hasMore: false };
      }
      throw error;
    }
    return toPage(answer.body, answer.headers);
  }

  override async getArticle(id: string, options: CallOptions = {}): Promise<Article> {
    if (!/^\d+$/.test(id)) throw new BackendError('http', { status: 404, code: 'rest_post_invalid_id' });
    const toArticle = (body: unknown): Article => {
      const post = body as WordPressPost;
      const article = mapWordPressPost(post);
      // Protected posts come back with an empty content: there is nothing to show.
      return post.content?.rendered ? { ...article, html: post.content.rendered } : article;
    };
    const answer = await this.api.request<unknown>(`/wp/v2/posts/${id}`, {
      query: { _embed: EMBED },
      signal: options.signal,
      cache: true,
      onStale: options.onStale ? (body) => options.onStale?.(toArticle(body)) : undefined,
    });
    return toArticle(answer.body);
  }

  override async listCategories(options: CallOptions = {}): Promise<Term[]> {
    const answer = await this.api.request<WordPressTerm[]>('/wp/v2/categories', {
      query: { per_page: MAX_PER_PAGE, hide_empty: true, orderby: 'count', order: 'desc', _fields: 'id,name,slug' },
      signal: options.signal,
      cache: true,
    });
    const list = Array.isArray(answer.body) ? answer.body : [];
    const mapped = list
      .filter((term) => term.id !== undefined)
      .map((term) => ({ id: String(term.id), slug: term.slug ?? '', name: htmlToText(term.name ?? '') }));
    // The chips filter by slug: knowing the ids now saves a lookup when one is chosen.
    for (const term of mapped) if (term.slug) this.termIds.set(`categories ${term.slug}`, Promise.resolve(Number(term.id)));
    return mapped;
  }

  /**
   * WordPress filters posts by term id. A number is used as it is; a slug is
   * looked up once (`?slug=`) and remembered for the page's life. `null`
   * means the site has no such term.
   */
  private async termId(taxonomy: 'categories' | 'tags', value: string | undefined, options: CallOptions): Promise<number | null | undefined> {
    const wanted = value?.trim();
    if (!wanted) return undefined;
    if (/^\d+$/.test(wanted)) return Number(wanted);
    const key = `${taxonomy} ${wanted.toLowerCase()}`;
    let lookup = this.termIds.get(key);
    if (!lookup) {
      lookup = this.api
        .request<WordPressTerm[]>(`/wp/v2/${taxonomy}`, { query: { slug: wanted, _fields: 'id,slug' }, signal: options.signal, cache: true })
        .then((answer) => (Array.isArray(answer.body) && answer.body[0]?.id !== undefined ? answer.body[0].id : undefined));
      this.termIds.set(key, lookup);
      // A failed lookup is not remembered: the next try asks again.
      lookup.catch(() => this.termIds.delete(key));
    }
    return (await lookup) ?? null;
  }
}

/** The comments half of the WordPress adapter: all the comments file carries. */
export class WordPressComments extends PartialBackend {
  readonly label: string;

  /** `api` is given by a whole adapter, whose halves share what they learnt of the site's routes. */
  constructor(
    readonly url: string,
    readonly api = new WordPressApi(url),
  ) {
    super();
    this.label = hostLabel(this.api.site);
  }

  override listComments(thread: string, query: ListCommentsQuery, options?: CallOptions): Promise<Page<Comment>> {
    return listWordPressComments(this.api, thread, query, options);
  }

  override postComment(comment: NewComment, options?: CallOptions): Promise<Comment> {
    return postWordPressComment(this.api, comment, options);
  }

  override countComments(threads: string[], options?: CallOptions): Promise<CommentCounts> {
    return countWordPressComments(this.api, threads, options);
  }
}

/**
 * Articles, categories and stories. WordPress itself takes no anonymous story; a site with the
 * Kabar plugin does, on its `kabar/v1` REST route, which speaks the Kabar API's `POST /stories`
 * (fields, `Idempotency-Key`, answers and error codes). The route is looked for once in the
 * site's REST index; a site without it fails `unsupported` with `SEND_CODES.noStoryRoute`, which the form
 * words as "this site cannot take stories".
 */
export class WordPressStories extends WordPressArticles {
  private takes?: Promise<boolean>;

  override async submitStory(story: StorySubmission, options: CallOptions = {}): Promise<StoryReceipt> {
    if (!(await this.takesStories(options))) throw new BackendError('unsupported', { code: SEND_CODES.noStoryRoute });
    const answer = await this.api.request<unknown>('/kabar/v1/stories', {
      method: 'POST',
      ...storyPayload(story),
      signal: options.signal,
      idempotencyKey: options.idempotencyKey,
      onProgress: options.onProgress,
      mapError: mapKabarError,
    });
    return mapReceipt(answer.body);
  }

  private takesStories(options: CallOptions): Promise<boolean> {
    this.takes ??= this.api
      .request<{ namespaces?: unknown }>('/', { query: { _fields: 'namespaces' }, signal: options.signal })
      .then((answer) => Array.isArray(answer.body?.namespaces) && answer.body.namespaces.includes('kabar/v1'));
    // A failed look-up is not remembered: the next send asks again.
    this.takes.catch(() => (this.takes = undefined));
    return this.takes;
  }
}

/** The whole WordPress adapter: articles, categories, comments, and stories where the Kabar plugin takes them. */
export class WordPressBackend extends WordPressStories {
  private readonly comments: WordPressComments;

  constructor(url: string) {
    super(url);
    this.comments = new WordPressComments(url, this.api);
  }

  override listComments(thread: string, query: ListCommentsQuery, options?: CallOptions): Promise<Page<Comment>> {
    return this.comments.listComments(thread, query, options);
  }

  override postComment(comment: NewComment, options?: CallOptions): Promise<Comment> {
    return this.comments.postComment(comment, options);
  }

  override countComments(threads: string[], options?: CallOptions): Promise<CommentCounts> {
    return this.comments.countComments(threads, options);
  }
}

/** The site's host name, the label a merged feed shows when none was given. */
export function hostLabel(url: string): string {
  try {
    return new URL(url, document.baseURI).host || url;
  } catch {
    return url;
  }
}
