/**
 * What both stores share besides their logic (sql-store.ts): row shapes and
 * their mapping to records and kept answers, the SQL column lists and thread
 * matching they both speak, lifetimes, and the moderation rules (which action
 * may run on which status).
 */
import { RENDERER_VERSION, renderMarkdownHtml } from '../render.js';
import type { ArticleQuery, ArticleRecord, AuditEntry, AuditRecord, Claim, CommentRecord, CommentStatus, EmailData, Media, ModerationAction, Once, StoryRecord, StoryStatus, Term } from './types.js';

/** How long an answer is kept for its Idempotency-Key: retries come within minutes, a week is ample. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** How long held spam waits for an editor before it is deleted for good. */
export const SPAM_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** The most rows one pruning pass deletes of each kind, so a write never pays for a long backlog at once. */
export const PRUNE_BATCH = 200;

export interface StoreOptions {
  idempotencyTtlMs?: number;
  spamTtlMs?: number;
}

/** The media columns a row carries when it is joined to its photo (`m.*`); all null without one. */
export interface MediaRow {
  file: string | null;
  type: string | null;
  width: number | null;
  height: number | null;
  size: number | null;
}

export interface TermRow {
  id: number;
  slug: string;
  name: string;
}

export const toTerm = (row: TermRow): Term => ({ id: String(row.id), slug: row.slug, name: row.name });

export interface ArticleRow extends MediaRow, Pick<ArticleRecord, 'slug' | 'thread' | 'title' | 'excerpt' | 'body'> {
  id: number;
  body_html: string;
  published_at: number;
  updated_at: number | null;
  author_name: string | null;
  author_url: string | null;
  image_alt: string | null;
  comment_count: number;
  unpublished_at: number | null;
}

export interface StoryRow extends MediaRow, Pick<StoryRecord, 'name' | 'email' | 'title' | 'body' | 'status'> {
  id: number;
  community: string | null;
  category: string | null;
  original_url: string | null;
  photo_alt: string | null;
  received_at: number;
  spam_reason: string | null;
  article_id: number | null;
}

export interface CommentRow extends Pick<CommentRecord, 'thread' | 'body' | 'status'> {
  id: number;
  body_html: string;
  origin: string | null;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  author_url: string | null;
  created_at: number;
  spam_reason: string | null;
}

export const ARTICLE_COLUMNS = `
  a.id, a.slug, a.thread, a.title, a.excerpt, a.body, a.body_html, a.published_at, a.updated_at,
  a.author_name, a.author_url, a.image_alt, a.unpublished_at, m.file, m.type, m.width, m.height, m.size,
  (SELECT COUNT(*) FROM comments c WHERE c.thread = a.thread AND c.status = 'approved') AS comment_count`;

export const STORY_COLUMNS = `
  s.id, s.name, s.email, s.community, s.title, s.body, s.category, s.original_url, s.photo_alt,
  s.status, s.received_at, s.spam_reason, m.file, m.type, m.width, m.height, m.size,
  (SELECT a.id FROM articles a WHERE a.story_id = s.id) AS article_id`;

export const COMMENT_COLUMNS = 'id, thread, origin, parent_id, author_name, author_email, author_url, body, body_html, status, created_at, spam_reason';

export const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function mediaOf(row: MediaRow): Media | undefined {
  if (!row.file || !row.type) return undefined;
  return { file: row.file, type: row.type, width: opt(row.width), height: opt(row.height), size: row.size ?? 0 };
}

export function toComment(row: CommentRow): CommentRecord {
  return {
    id: String(row.id),
    thread: row.thread,
    parentId: row.parent_id === null ? null : String(row.parent_id),
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: opt(row.author_url),
    body: row.body,
    bodyHtml: row.body_html,
    createdAt: row.created_at,
    status: row.status,
    spamReason: opt(row.spam_reason),
    origin: opt(row.origin),
  };
}

/**
 * Rows of a thread: its own, and for a thread keyed by a page's full URL the
 * comments stored before threads had sites (path only, no origin).
 */
export const IN_THREAD = '(thread = ? OR (thread = ? AND origin IS NULL))';

export function threadArgs(thread: string): [string, string] {
  if (!/^https?:\/\//i.test(thread)) return [thread, thread];
  try {
    return [thread, new URL(thread).pathname];
  } catch {
    return [thread, thread];
  }
}

export function toStory(row: StoryRow): StoryRecord {
  return {
    id: String(row.id),
    name: row.name,
    email: row.email,
    community: opt(row.community),
    title: row.title,
    body: row.body,
    category: opt(row.category),
    originalUrl: opt(row.original_url),
    photo: mediaOf(row),
    photoAlt: opt(row.photo_alt),
    status: row.status,
    receivedAt: row.received_at,
    spamReason: opt(row.spam_reason),
    articleId: row.article_id === null ? undefined : String(row.article_id),
  };
}

/** `%` and `_` typed by a reader are literal characters, not wildcards. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Ids on the wire are strings; anything that is not a plain positive integer matches nothing (and never overflows a BIGINT). */
export const rowId = (id: string): number => (/^[1-9]\d{0,15}$/.test(id) ? Number(id) : -1);


/** The names of the fields an edit changed, for the audit log: which ones, never their text. */
export const changed = (edit: object, before: Record<string, unknown>): string | undefined =>
  Object.entries(edit)
    .filter(([name, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(before[name]))
    .map(([name]) => name)
    .join(', ') || undefined;


/** The status each action other than `delete` moves a record to. */
export const TARGET = { approve: 'approved', reject: 'rejected', spam: 'spam' } as const;

/**
 * Whether an action may run on a record in a given status: `go`, `done` when
 * it is there already (asking twice is answered as done), or `conflict` when
 * an editor already decided otherwise. Published records are never deleted
 * here; held spam can still be approved, rejected or deleted.
 */
export function allowed(status: StoryStatus | CommentStatus, action: ModerationAction): 'go' | 'done' | 'conflict' {
  if (action !== 'delete' && status === TARGET[action]) return 'done';
  if (status === 'pending' || status === 'spam') return 'go';
  return status === 'rejected' && action === 'delete' ? 'go' : 'conflict';
}

/** Term rows of many articles, grouped by article (in the order read). */
export function termsByArticle(rows: Array<TermRow & { article_id: number }>): Map<number, Term[]> {
  const byArticle = new Map<number, Term[]>();
  for (const row of rows) {
    const list = byArticle.get(row.article_id) ?? [];
    list.push(toTerm(row));
    byArticle.set(row.article_id, list);
  }
  return byArticle;
}

export function toArticle(row: ArticleRow, categories: Map<number, Term[]>, tags: Map<number, Term[]>): ArticleRecord {
  const media = mediaOf(row);
  return {
    id: String(row.id),
    slug: row.slug,
    thread: row.thread,
    title: row.title,
    excerpt: row.excerpt,
    body: row.body,
    bodyHtml: row.body_html,
    publishedAt: row.published_at,
    updatedAt: opt(row.updated_at),
    author: row.author_name ? { name: row.author_name, url: opt(row.author_url) } : undefined,
    image: media ? { media, alt: row.image_alt ?? '' } : undefined,
    categories: categories.get(row.id) ?? [],
    tags: tags.get(row.id) ?? [],
    commentCount: row.comment_count,
    unpublishedAt: opt(row.unpublished_at),
  };
}

/**
 * The WHERE clause of an article list. Readers see published articles only; editors
 * (`everything`) see those taken off the site too. `like` is the case-blind LIKE of the
 * database (SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE ignores case).
 */
export function articleWhere(query: ArticleQuery, everything: boolean, like: 'LIKE' | 'ILIKE'): { sql: string; params: unknown[] } {
  const clauses: string[] = everything ? [] : ['a.unpublished_at IS NULL'];
  const params: unknown[] = [];
  if (query.category) {
    clauses.push(`EXISTS (SELECT 1 FROM article_categories ac JOIN categories c ON c.id = ac.category_id
                  WHERE ac.article_id = a.id AND c.slug = ?)`);
    params.push(query.category);
  }
  if (query.tag) {
    clauses.push(`EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
                  WHERE at.article_id = a.id AND t.slug = ?)`);
    params.push(query.tag);
  }
  for (const word of (query.q ?? '').split(/\s+/).filter(Boolean)) {
    clauses.push(`(a.title ${like} ? ESCAPE '\\' OR a.excerpt ${like} ? ESCAPE '\\' OR a.body ${like} ? ESCAPE '\\')`);
    const pattern = likePattern(word);
    params.push(pattern, pattern, pattern);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** A kept answer of an idempotency key. */
export interface IdempotencyRow {
  request_hash: string;
  status: number;
  body: string;
}

/** What a kept answer means for a claim: replayed, or the key reused for a different request. */
export function toAnswer(row: IdempotencyRow, claim: Claim): Once {
  if (row.request_hash !== claim.requestHash) return { kind: 'reused' };
  return { kind: 'replayed', answer: { status: row.status, body: JSON.parse(row.body) as unknown } };
}

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  item_type: AuditEntry['itemType'];
  item_id: string;
  detail: string | null;
}

export const toAudit = (r: AuditRow): AuditRecord => ({ id: String(r.id), at: r.at, actor: r.actor, action: r.action, itemType: r.item_type, itemId: r.item_id, detail: opt(r.detail) });

/** What an address owns, from its stories (with the article each became) and its comments. */
export function emailDataOf(
  stories: Array<{ id: number; status: StoryStatus; photo_file: string | null; article_id: number | null; image_file: string | null }>,
  comments: Array<{ id: number }>,
): EmailData {
  const photos = new Set(stories.flatMap((s) => [s.photo_file, s.image_file]).filter((f): f is string => f !== null));
  return {
    stories: stories.map((s) => ({ id: String(s.id), status: s.status, ...(s.article_id === null ? {} : { articleId: String(s.article_id) }) })),
    comments: comments.map((c) => String(c.id)),
    articles: stories.flatMap((s) => (s.article_id === null ? [] : [String(s.article_id)])),
    photos: [...photos],
  };
}

/** The tables whose markdown bodies are stored rendered beside the source. */
export const RENDERED_TABLES = ['comments', 'articles'] as const;

/** Rows rendered by another renderer version (or none yet: 0), a batch at a time. */
export const STALE_BODIES = (table: (typeof RENDERED_TABLES)[number]) => `SELECT id, body FROM ${table} WHERE body_renderer <> ? ORDER BY id LIMIT ${PRUNE_BATCH}`;
export const STORE_RENDERED = (table: (typeof RENDERED_TABLES)[number]) => `UPDATE ${table} SET body_html = ?, body_renderer = ? WHERE id = ?`;

/** The columns of a markdown body as written: the source's rendering and the version that made it. */
export const renderedBody = (body: string) => ({ body_html: renderMarkdownHtml(body), body_renderer: RENDERER_VERSION });

