/**
 * The store's logic, once for both databases: every read, every write and its
 * rules, in SQL that SQLite and PostgreSQL both speak, with `?` placeholders.
 * A store supplies a connection (`Conn`), the few phrases where the two
 * dialects differ (`Dialect`), and how a write transaction is taken (`write`):
 * SQLite queues its writes on its one connection, PostgreSQL takes an advisory
 * lock shared by every server on the database.
 */
import { BOT_SIGNALS, duplicateKey, heldAsSpam } from '../../src/core/rules/rules.js';
import { RENDERER_VERSION } from '../render.js';
import {
  allowed,
  ARTICLE_COLUMNS,
  articleWhere,
  changed,
  COMMENT_COLUMNS,
  emailDataOf,
  IDEMPOTENCY_TTL_MS,
  IN_THREAD,
  mediaOf,
  PRUNE_BATCH,
  RENDERED_TABLES,
  renderedBody,
  rowId,
  SPAM_TTL_MS,
  STALE_BODIES,
  STORE_RENDERED,
  STORY_COLUMNS,
  TARGET,
  termsByArticle,
  threadArgs,
  toAnswer,
  toArticle,
  toAudit,
  toComment,
  toStory,
  toTerm,
  type ArticleRow,
  type AuditRow,
  type CommentRow,
  type IdempotencyRow,
  type MediaRow,
  type StoreOptions,
  type StoryRow,
  type TermRow,
} from './rows.js';
import { SourceSql } from './sources-sql.js';
import type {
  AddSourceResult,
  ArticleEdit,
  ArticleOf,
  ArticleQuery,
  ArticleRecord,
  ArticleResult,
  AuditEntry,
  AuditRecord,
  CategoryResult,
  CategoryWithCount,
  Claim,
  CommentRecord,
  CreateCommentResult,
  CreateStoryResult,
  DeleteArticleResult,
  DeleteCommentResult,
  EditorRecord,
  EditorRole,
  EditStoryResult,
  EmailData,
  FeedEntry,
  FeedQuery,
  ImportKey,
  ImportResult,
  Media,
  ModerateResult,
  ModerationAction,
  NewArticle,
  NewComment,
  NewStory,
  Once,
  Paged,
  Queue,
  QueueQuery,
  RemoveCategoryResult,
  NewSource,
  SourceFetch,
  SourceItemRecord,
  SourceRecord,
  SiteDump,
  Store,
  StoryEdit,
  StoryRecord,
  StoryStatus,
  StoreTx,
  Term,
  Work,
} from './types.js';

/** A connection, or the open transaction of one, speaking SQL with `?` placeholders. */
export interface Conn {
  all<T>(text: string, ...params: unknown[]): Promise<T[]>;
  get<T>(text: string, ...params: unknown[]): Promise<T | undefined>;
  /** Runs a statement; answers how many rows it changed. */
  run(text: string, ...params: unknown[]): Promise<number>;
}

/** Where the two databases say one thing differently. */
export interface Dialect {
  /** The LIKE that ignores case (SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE ignores case). */
  like: 'LIKE' | 'ILIKE';
  /** `column` equals the next parameter, ignoring case. */
  sameText: (column: string) => string;
  /** After `ORDER BY name`: names sort by their bytes, whatever the database's locale. */
  byName: string;
  /** The INSERT that skips a row whose key is taken. */
  insertOrSkip: (insert: string) => string;
  /** One field of a JSON text column, as text. */
  jsonField: (column: string, field: string) => string;
  /**
   * Whether duplicate keys are stored beside the text (`title_key`, `body_key`), or
   * computed in SQL by a `duplicate_key` function the database calls back.
   */
  storedKeys: boolean;
}

type Row = Record<string, unknown>;

/** `(a, b) VALUES (?, ?)` and its parameters from one object: each column named once, beside its value. */
export function valuesOf(row: Row): { text: string; params: unknown[] } {
  const columns = Object.keys(row);
  return { text: `(${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, params: Object.values(row) };
}

/** `a = ?, b = ?` and its parameters from one object. */
export function assignmentsOf(row: Row): { text: string; params: unknown[] } {
  return { text: Object.keys(row).map((column) => `${column} = ?`).join(', '), params: Object.values(row) };
}

const STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
const offsetOf = (query: { page: number; perPage: number }): number => (query.page - 1) * query.perPage;
const isSuccess = (status: number): boolean => status >= 200 && status < 300;
/** Held because of a bot signal (a filled honeypot, an instant send): what the retention may delete. */
const BOT_HELD = `spam_reason IN (${BOT_SIGNALS.map(() => '?').join(', ')})`;

/** A kind of expired row a store keeps besides the shared ones: a table and the time column that ages it. */
export interface Expiry {
  table: string;
  key: string;
  at: string;
  idleMs: number;
}

/**
 * A write that readers, editors or webhooks may hear of, seen from inside its transaction:
 * what a hook writes there (the outbox, server/notify/) commits or rolls back with it.
 */
export type StoreEvent =
  | { type: 'story.received'; story: StoryRecord; notify: boolean }
  | { type: 'comment.received'; comment: CommentRecord; notify: boolean }
  | { type: 'story.approved'; story: StoryRecord; article: ArticleRecord }
  | { type: 'story.rejected'; story: StoryRecord }
  | { type: 'comment.approved' | 'comment.rejected'; comment: CommentRecord }
  | { type: 'email.erased'; email: string };

export type EventHook = (db: Conn, event: StoreEvent) => Promise<void>;

export abstract class SqlStore implements Store {
  /** Called inside the transaction of every write in `StoreEvent`; set by server/notify/. */
  events?: EventHook;

  private async emit(db: Conn, event: StoreEvent): Promise<void> {
    if (this.events) await this.events(db, event);
  }

  /** Reads and write transactions for modules that keep tables of their own (server/notify/). */
  readonly own = {
    reads: (): Conn => this.reads,
    write: <T>(work: (db: Conn) => Promise<T>): Promise<T> => this.write(work),
  };

  private readonly idempotencyTtlMs: number;
  private readonly spamTtlMs: number;

  protected constructor(
    private readonly dialect: Dialect,
    options: StoreOptions,
    /** Rows of the store's own that `prune` removes too. */
    private readonly expiries: Expiry[] = [],
  ) {
    this.idempotencyTtlMs = options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS;
    this.spamTtlMs = options.spamTtlMs ?? SPAM_TTL_MS;
    this.sources = new SourceSql({
      reads: () => this.reads,
      write: (work) => this.write(work),
      like: dialect.like,
      articlesById: async (ids) => {
        if (!ids.length) return [];
        const rows = await this.reads.all<ArticleRow>(
          `SELECT ${ARTICLE_COLUMNS} FROM articles a LEFT JOIN media m ON m.file = a.image_file WHERE a.id IN (${ids.map(() => '?').join(',')})`,
          ...ids,
        );
        return this.articlesFrom(this.reads, rows);
      },
      audit: (db, entry, at) => this.audit(db, entry, at),
    });
  }

  // Imports and export --------------------------------------------------------

  private async imported(db: Conn, key: ImportKey): Promise<string | undefined> {
    const row = await db.get<{ local_id: string }>('SELECT local_id FROM imported WHERE source = ? AND kind = ? AND external_id = ?', key.source, key.kind, key.externalId);
    return row?.local_id;
  }

  private async markImported(db: Conn, key: ImportKey, id: string): Promise<void> {
    await db.run(
      this.dialect.insertOrSkip('INSERT INTO imported (source, kind, external_id, local_id, at) VALUES (?, ?, ?, ?, ?)'),
      key.source,
      key.kind,
      key.externalId,
      id,
      Date.now(),
    );
  }

  async importArticle(article: NewArticle & { unpublishedAt?: number }, key: ImportKey): Promise<ImportResult> {
    return this.write(async (db): Promise<ImportResult> => {
      const known = await this.imported(db, key);
      if (known && (await db.get('SELECT 1 FROM articles WHERE id = ?', rowId(known)))) return { id: known, added: false };
      const same = await db.get<{ id: number }>('SELECT id FROM articles WHERE slug = ?', article.slug);
      if (same) {
        await this.markImported(db, key, String(same.id));
        return { id: String(same.id), added: false };
      }
      const { unpublishedAt, ...fields } = article;
      const made = await this.insertArticle(db, fields, null);
      if (unpublishedAt !== undefined) await this.update(db, 'articles', { unpublished_at: unpublishedAt }, Number(made.id));
      await this.markImported(db, key, made.id);
      return { id: made.id, added: true };
    });
  }

  async importComment(comment: NewComment, key: ImportKey): Promise<ImportResult> {
    return this.write(async (db): Promise<ImportResult> => {
      const known = await this.imported(db, key);
      if (known && (await db.get('SELECT 1 FROM comments WHERE id = ?', rowId(known)))) return { id: known, added: false };
      let result = await this.insertComment(db, comment);
      // A reply whose comment was not brought along (deleted or spam there) stays, as a comment of its own.
      if (!result.ok && result.reason === 'parent_not_found') result = await this.insertComment(db, { ...comment, parentId: null });
      if (result.ok) {
        await this.markImported(db, key, result.comment.id);
        return { id: result.comment.id, added: true };
      }
      const body = this.sameKey('body', comment.body);
      const twin = (await db.get<{ id: number }>(
        `SELECT id FROM comments WHERE thread = ? AND ${this.dialect.sameText('author_email')} AND ${body.text} AND status != 'rejected' ORDER BY id LIMIT 1`,
        comment.thread,
        comment.authorEmail,
        body.param,
      ))!;
      await this.markImported(db, key, String(twin.id));
      return { id: String(twin.id), added: false };
    });
  }

  async dump(): Promise<SiteDump> {
    const categories = (await this.listCategories()).map(({ slug, name }) => ({ slug, name }));
    const articles: SiteDump['articles'] = [];
    for (let page = 1; ; page++) {
      const { items } = await this.listArticles({ page, perPage: 500 }, true);
      for (const article of items) articles.push({ ...article, categorySlugs: article.categories.map((c) => c.slug) });
      if (items.length < 500) break;
    }
    const rows = await this.reads.all<CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM comments WHERE status != 'spam' ORDER BY id`);
    const sources = (await this.listSources()).map((s) => ({ url: s.url, label: s.label, intervalMs: s.intervalMs }));
    return { categories, articles: articles.reverse(), comments: rows.map(toComment), sources };
  }

  /** Partners' feeds and their items (sources-sql.ts). */
  private readonly sources: SourceSql;

  listFeed(query: FeedQuery): Promise<Paged<FeedEntry>> {
    return this.sources.listFeed(query);
  }

  getSourceItem(id: string): Promise<SourceItemRecord | undefined> {
    return this.sources.getItem(id);
  }

  listSources(): Promise<SourceRecord[]> {
    return this.sources.list();
  }

  getSource(id: string): Promise<SourceRecord | undefined> {
    return this.sources.get(id);
  }

  addSource(source: NewSource): Promise<AddSourceResult> {
    return this.sources.add(source);
  }

  removeSource(id: string, actor: string): Promise<boolean> {
    return this.sources.remove(id, actor);
  }

  dueSources(now: number): Promise<SourceRecord[]> {
    return this.sources.due(now);
  }

  recordFetch(id: string, fetch: SourceFetch, keep: number): Promise<boolean> {
    return this.sources.record(id, fetch, keep);
  }

  /** Where reads go: they take no lock and no turn. */
  protected abstract readonly reads: Conn;

  /** One write transaction: it waits for every other write, and is rolled back when `work` throws. */
  protected abstract write<T>(work: (db: Conn) => Promise<T>): Promise<T>;

  abstract batch<T>(writes: () => Promise<T>): Promise<T>;
  abstract close(): void;

  /** The duplicate-key test of a text column and its parameter. */
  private sameKey(column: 'title' | 'body', text: string): { text: string; param: string } {
    return this.dialect.storedKeys
      ? { text: `${column}_key = ?`, param: duplicateKey(text) }
      : { text: `duplicate_key(${column}) = duplicate_key(?)`, param: text };
  }

  /** The stored key column of a text, when keys are stored. */
  private keyColumn(column: 'title' | 'body', text: string): Row {
    return this.dialect.storedKeys ? { [`${column}_key`]: duplicateKey(text) } : {};
  }

  /** Inserts one row; answers the columns named in `returning`. */
  private async insert<T = { id: number }>(db: Conn, table: string, row: Row, returning = 'id'): Promise<T> {
    const { text, params } = valuesOf(row);
    return (await db.get<T>(`INSERT INTO ${table} ${text} RETURNING ${returning}`, ...params))!;
  }

  private async update(db: Conn, table: string, row: Row, id: number): Promise<void> {
    const { text, params } = assignmentsOf(row);
    await db.run(`UPDATE ${table} SET ${text} WHERE id = ?`, ...params, id);
  }

  /**
   * Bodies not yet rendered by this renderer version (rows from before bodies were kept
   * rendered, or rendered by another version), rendered now, a batch per write. Two servers
   * opening together may render the same row twice, to the same HTML.
   */
  async renderStale(): Promise<number> {
    let rendered = 0;
    for (const table of RENDERED_TABLES) {
      for (let done = false; !done; ) {
        done = await this.write(async (db) => {
          const rows = await db.all<{ id: number; body: string }>(STALE_BODIES(table), RENDERER_VERSION);
          for (const row of rows) {
            const { body_html, body_renderer } = renderedBody(row.body);
            await db.run(STORE_RENDERED(table), body_html, body_renderer, row.id);
          }
          rendered += rows.length;
          return rows.length === 0;
        });
      }
    }
    return rendered;
  }

  // Reading -----------------------------------------------------------------

  private async termsOf(db: Conn, table: 'categories' | 'tags', ids: number[]): Promise<Map<number, Term[]>> {
    if (!ids.length) return new Map();
    const link = table === 'categories' ? 'article_categories' : 'article_tags';
    const column = table === 'categories' ? 'category_id' : 'tag_id';
    const rows = await db.all<TermRow & { article_id: number }>(
      `SELECT l.article_id, t.id, t.slug, t.name FROM ${link} l JOIN ${table} t ON t.id = l.${column}
       WHERE l.article_id IN (${ids.map(() => '?').join(',')}) ORDER BY t.name${this.dialect.byName}`,
      ...ids,
    );
    return termsByArticle(rows);
  }

  private async articlesFrom(db: Conn, rows: ArticleRow[]): Promise<ArticleRecord[]> {
    const ids = rows.map((r) => r.id);
    const [categories, tags] = await Promise.all([this.termsOf(db, 'categories', ids), this.termsOf(db, 'tags', ids)]);
    return rows.map((row) => toArticle(row, categories, tags));
  }

  async listArticles(query: ArticleQuery, everything = false): Promise<Paged<ArticleRecord>> {
    const { sql, params } = articleWhere(query, everything, this.dialect.like);
    const [count, rows] = await Promise.all([
      this.reads.get<{ n: number }>(`SELECT COUNT(*) AS n FROM articles a ${sql}`, ...params),
      this.reads.all<ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a LEFT JOIN media m ON m.file = a.image_file ${sql}
         ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`,
        ...params,
        query.perPage,
        offsetOf(query),
      ),
    ]);
    return { items: await this.articlesFrom(this.reads, rows), total: count!.n };
  }

  private async articleBy(db: Conn, column: 'id' | 'slug', value: string | number): Promise<ArticleRecord | undefined> {
    const row = await db.get<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles a LEFT JOIN media m ON m.file = a.image_file WHERE a.${column} = ?`, value);
    return row ? (await this.articlesFrom(db, [row]))[0] : undefined;
  }

  private publishedOnly = (article: ArticleRecord | undefined): ArticleRecord | undefined =>
    article && article.unpublishedAt === undefined ? article : undefined;

  async getArticle(id: string): Promise<ArticleRecord | undefined> {
    return this.publishedOnly(await this.articleBy(this.reads, 'id', rowId(id)));
  }

  async getArticleBySlug(slug: string): Promise<ArticleRecord | undefined> {
    return this.publishedOnly(await this.articleBy(this.reads, 'slug', slug));
  }

  async listCategories(): Promise<Term[]> {
    const rows = await this.reads.all<TermRow>(`SELECT id, slug, name FROM categories ORDER BY name${this.dialect.byName}`);
    return rows.map(toTerm);
  }

  async findCategory(slugOrName: string): Promise<Term | undefined> {
    return this.categoryRow(this.reads, slugOrName);
  }

  async listComments(thread: string, query: { page: number; perPage: number; sort: 'oldest' | 'newest' }): Promise<Paged<CommentRecord>> {
    const order = query.sort === 'newest' ? 'DESC' : 'ASC';
    const [count, rows] = await Promise.all([
      this.reads.get<{ n: number }>(`SELECT COUNT(*) AS n FROM comments WHERE ${IN_THREAD} AND status = 'approved'`, ...threadArgs(thread)),
      this.reads.all<CommentRow>(
        `SELECT ${COMMENT_COLUMNS} FROM comments WHERE ${IN_THREAD} AND status = 'approved'
         ORDER BY created_at ${order}, id ${order} LIMIT ? OFFSET ?`,
        ...threadArgs(thread),
        query.perPage,
        offsetOf(query),
      ),
    ]);
    return { items: rows.map(toComment), total: count!.n };
  }

  private async commentRow(db: Conn, id: number): Promise<CommentRow | undefined> {
    return db.get<CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM comments WHERE id = ?`, id);
  }

  async getComment(id: string): Promise<CommentRecord | undefined> {
    const row = await this.commentRow(this.reads, rowId(id));
    return row ? toComment(row) : undefined;
  }

  async countComments(threads: string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const thread of threads) counts[thread] = 0;
    if (!threads.length) return counts;
    // One statement for the whole page's threads: one round trip on a networked database.
    const query = threads.map((_, i) => `SELECT ${i} AS i, COUNT(*) AS n FROM comments WHERE status = 'approved' AND ${IN_THREAD}`).join(' UNION ALL ');
    for (const { i, n } of await this.reads.all<{ i: number; n: number }>(query, ...threads.flatMap(threadArgs))) counts[threads[i]] = Number(n);
    return counts;
  }

  private async storyRow(db: Conn, id: number): Promise<StoryRecord | undefined> {
    const row = await db.get<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories s LEFT JOIN media m ON m.file = s.photo_file WHERE s.id = ?`, id);
    return row ? toStory(row) : undefined;
  }

  async queue(query: QueueQuery): Promise<Queue> {
    const order = query.sort === 'newest' ? 'DESC' : 'ASC';
    const [stories, comments, storyCounts, commentCounts] = await Promise.all([
      this.reads.all<StoryRow>(
        `SELECT ${STORY_COLUMNS} FROM stories s LEFT JOIN media m ON m.file = s.photo_file
         WHERE s.status = ? ORDER BY s.received_at ${order}, s.id ${order} LIMIT ? OFFSET ?`,
        query.status,
        query.perPage,
        offsetOf(query),
      ),
      this.reads.all<CommentRow>(
        `SELECT ${COMMENT_COLUMNS} FROM comments WHERE status = ? ORDER BY created_at ${order}, id ${order} LIMIT ? OFFSET ?`,
        query.status,
        query.perPage,
        offsetOf(query),
      ),
      this.countsBy('stories'),
      this.countsBy('comments'),
    ]);
    return {
      stories: { items: stories.map(toStory), total: storyCounts[query.status] },
      comments: { items: comments.map(toComment), total: commentCounts[query.status] },
      counts: { stories: storyCounts, comments: commentCounts },
    };
  }

  /** How many records each status holds; the status index answers it without reading table rows. */
  private async countsBy(table: 'stories' | 'comments'): Promise<Record<StoryStatus, number>> {
    const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<StoryStatus, number>;
    const rows = await this.reads.all<{ status: StoryStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM ${table} GROUP BY status`);
    for (const row of rows) if (row.status in counts) counts[row.status] = row.n;
    return counts;
  }

  async getStory(id: string): Promise<StoryRecord | undefined> {
    return this.storyRow(this.reads, rowId(id));
  }

  async getMedia(file: string): Promise<Media | undefined> {
    const row = await this.reads.get<MediaRow & { file: string }>('SELECT file, type, width, height, size FROM media WHERE file = ?', file);
    return row ? mediaOf(row) : undefined;
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.reads.get<{ n: number }>('SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM categories) AS n');
    return row!.n === 0;
  }

  // Writing -----------------------------------------------------------------

  async addMedia(media: Media): Promise<void> {
    const { text, params } = valuesOf({ file: media.file, type: media.type, width: media.width ?? null, height: media.height ?? null, size: media.size });
    await this.write((db) => db.run(this.dialect.insertOrSkip(`INSERT INTO media ${text}`), ...params));
  }

  async addCategory(category: { slug: string; name: string }): Promise<Term> {
    const row = await this.write((db) => this.insert(db, 'categories', { slug: category.slug, name: category.name }));
    return { id: String(row.id), slug: category.slug, name: category.name };
  }

  async addArticle(article: NewArticle): Promise<ArticleRecord> {
    return this.write((db) => this.insertArticle(db, article, null));
  }

  /** Inserts inside the caller's transaction; a taken slug gets `-2`, `-3`, … */
  private async insertArticle(db: Conn, article: NewArticle, storyId: number | null): Promise<ArticleRecord> {
    let slug = article.slug;
    let thread = article.thread;
    for (let n = 2; await db.get('SELECT 1 FROM articles WHERE slug = ?', slug); n++) {
      slug = `${article.slug}-${n}`;
      thread = `${article.thread}-${n}`;
    }
    const row = await this.insert(db, 'articles', {
      slug,
      thread,
      title: article.title,
      excerpt: article.excerpt,
      body: article.body,
      ...renderedBody(article.body),
      published_at: article.publishedAt,
      updated_at: article.updatedAt ?? null,
      author_name: article.authorName ?? null,
      author_url: article.authorUrl ?? null,
      image_file: article.imageFile ?? null,
      image_alt: article.imageAlt ?? null,
      story_id: storyId,
    });
    const id = row.id;
    const link = (table: string, column: string, terms: string): string =>
      this.dialect.insertOrSkip(`INSERT INTO ${table} (article_id, ${column}) SELECT CAST(? AS BIGINT), id FROM ${terms} WHERE slug = ?`);
    for (const slugOf of article.categories) await db.run(link('article_categories', 'category_id', 'categories'), id, slugOf);
    for (const tag of article.tags) {
      await db.run(this.dialect.insertOrSkip('INSERT INTO tags (slug, name) VALUES (?, ?)'), tag.slug, tag.name);
      await db.run(link('article_tags', 'tag_id', 'tags'), id, tag.slug);
    }
    return (await this.articleBy(db, 'id', id))!;
  }

  private async answerFor(db: Conn, claim: Claim): Promise<Once | undefined> {
    const row = await db.get<IdempotencyRow>('SELECT request_hash, status, body FROM idempotency WHERE scope = ? AND key = ?', claim.scope, claim.key);
    return row && toAnswer(row, claim);
  }

  async findAnswer(claim: Claim): Promise<Once | undefined> {
    return this.answerFor(this.reads, claim);
  }

  /** The writes `once` hands its work, bound to its transaction. */
  protected txOf(db: Conn): StoreTx {
    return {
      createStory: (story) => this.insertStory(db, story),
      createComment: (comment) => this.insertComment(db, comment),
      moderateStory: (id, action, article) => this.moderateStoryNow(db, id, action, article),
      moderateComment: (id, action) => this.moderateCommentNow(db, id, action),
    };
  }

  async once(claim: Claim | undefined, work: Work): Promise<Once> {
    return this.write(async (db): Promise<Once> => {
      const earlier = claim && (await this.answerFor(db, claim));
      if (earlier) return earlier;
      const answer = await work(this.txOf(db));
      if (claim && isSuccess(answer.status)) {
        const { text, params } = valuesOf({
          scope: claim.scope,
          key: claim.key,
          request_hash: claim.requestHash,
          status: answer.status,
          body: JSON.stringify(answer.body),
          created_at: Date.now(),
        });
        await db.run(`INSERT INTO idempotency ${text}`, ...params);
      }
      return { kind: 'fresh', answer };
    });
  }

  private async insertStory(db: Conn, story: NewStory): Promise<CreateStoryResult> {
    // The same sender sending the same title again while the first waits for review.
    // Held spam counts too: a bot gets the answer a person would get.
    const title = this.sameKey('title', story.title);
    const twin = await db.get(`SELECT 1 FROM stories WHERE ${this.dialect.sameText('email')} AND ${title.text} AND status IN ('pending', 'spam')`, story.email, title.param);
    if (twin) return { ok: false, reason: 'duplicate' };
    const row = await this.insert(db, 'stories', {
      name: story.name,
      email: story.email,
      community: story.community ?? null,
      title: story.title,
      ...this.keyColumn('title', story.title),
      body: story.body,
      category: story.category ?? null,
      original_url: story.originalUrl ?? null,
      photo_file: story.photoFile ?? null,
      photo_alt: story.photoAlt ?? null,
      received_at: story.receivedAt,
      status: heldAsSpam(story.spamReason) ? 'spam' : 'pending',
      spam_reason: story.spamReason ?? null,
    });
    const stored = (await this.storyRow(db, row.id))!;
    await this.emit(db, { type: 'story.received', story: stored, notify: story.notify === true });
    return { ok: true, story: stored };
  }

  private async insertComment(db: Conn, comment: NewComment): Promise<CreateCommentResult> {
    if (comment.parentId !== null) {
      // A reply to a comment held as spam is taken like a reply to any pending one: the answer
      // must not tell its sender which of their sends were held.
      const parent = await db.get(
        `SELECT 1 FROM comments WHERE id = ? AND ${IN_THREAD} AND status IN ('approved', 'pending', 'spam')`,
        rowId(comment.parentId),
        ...threadArgs(comment.thread),
      );
      if (!parent) return { ok: false, reason: 'parent_not_found' };
    }
    const body = this.sameKey('body', comment.body);
    const twin = await db.get(
      `SELECT 1 FROM comments WHERE thread = ? AND ${this.dialect.sameText('author_email')} AND ${body.text} AND status != 'rejected'`,
      comment.thread,
      comment.authorEmail,
      body.param,
    );
    if (twin) return { ok: false, reason: 'duplicate' };
    const row = await this.insert<CommentRow>(
      db,
      'comments',
      {
        thread: comment.thread,
        parent_id: comment.parentId === null ? null : rowId(comment.parentId),
        author_name: comment.authorName,
        author_email: comment.authorEmail,
        author_url: comment.authorUrl ?? null,
        body: comment.body,
        ...renderedBody(comment.body),
        ...this.keyColumn('body', comment.body),
        status: heldAsSpam(comment.spamReason) ? 'spam' : (comment.status ?? 'pending'),
        created_at: comment.createdAt,
        spam_reason: comment.spamReason ?? null,
        origin: comment.origin ?? null,
      },
      COMMENT_COLUMNS,
    );
    await this.emit(db, { type: 'comment.received', comment: toComment(row), notify: comment.notify === true });
    return { ok: true, comment: toComment(row) };
  }

  async moderateMany(
    kind: 'stories' | 'comments',
    ids: string[],
    action: ModerationAction,
    article: ArticleOf,
  ): Promise<Array<ModerateResult<StoryRecord> | ModerateResult<CommentRecord>>> {
    // One transaction for the lot: a hundred approvals cost one sync to disk, not a hundred.
    return this.write(async (db) => {
      const results: Array<ModerateResult<StoryRecord> | ModerateResult<CommentRecord>> = [];
      for (const id of ids) {
        results.push(kind === 'stories' ? await this.moderateStoryNow(db, id, action, article) : await this.moderateCommentNow(db, id, action));
      }
      return results;
    });
  }

  /** Removes a photo's record when no story or article points at it; answers the file when it did. */
  private async dropMedia(db: Conn, file: string | undefined): Promise<string | undefined> {
    if (!file) return undefined;
    const removed = await db.run(
      `DELETE FROM media WHERE file = ? AND NOT EXISTS (SELECT 1 FROM stories WHERE photo_file = ?)
         AND NOT EXISTS (SELECT 1 FROM articles WHERE image_file = ?)`,
      file,
      file,
      file,
    );
    return removed ? file : undefined;
  }

  private async moderateStoryNow(db: Conn, id: string, action: ModerationAction, article: ArticleOf): Promise<ModerateResult<StoryRecord>> {
    const story = await this.storyRow(db, rowId(id));
    if (!story) return { ok: false, reason: 'not_found' };
    const rowid = Number(story.id);
    const move = allowed(story.status, action);
    if (move === 'conflict') return { ok: false, reason: 'already_moderated' };
    if (move === 'done') {
      return { ok: true, unchanged: true, record: story, article: story.articleId ? await this.articleBy(db, 'id', Number(story.articleId)) : undefined };
    }
    if (action === 'delete') {
      await db.run('DELETE FROM stories WHERE id = ?', rowid);
      return { ok: true, record: story, deleted: true, droppedPhoto: await this.dropMedia(db, story.photo?.file) };
    }
    await this.update(db, 'stories', { status: TARGET[action], moderated_at: Date.now() }, rowid);
    if (action === 'reject' && story.photo) {
      // A refused story's photo is not kept: nothing of it can ever be published.
      await this.update(db, 'stories', { photo_file: null }, rowid);
      const droppedPhoto = await this.dropMedia(db, story.photo.file);
      const record = (await this.storyRow(db, rowid))!;
      await this.emit(db, { type: 'story.rejected', story: record });
      return { ok: true, record, droppedPhoto };
    }
    const category = story.category ? await this.categoryRow(db, story.category) : undefined;
    const published = action === 'approve' ? await this.insertArticle(db, article(story, category?.slug), rowid) : undefined;
    const record = (await this.storyRow(db, rowid))!;
    if (published) await this.emit(db, { type: 'story.approved', story: record, article: published });
    else if (action === 'reject') await this.emit(db, { type: 'story.rejected', story: record });
    return { ok: true, record, article: published };
  }

  private async moderateCommentNow(db: Conn, id: string, action: ModerationAction): Promise<ModerateResult<CommentRecord>> {
    const row = await this.commentRow(db, rowId(id));
    if (!row) return { ok: false, reason: 'not_found' };
    const move = allowed(row.status, action);
    if (move === 'conflict') return { ok: false, reason: 'already_moderated' };
    if (move === 'done') return { ok: true, unchanged: true, record: toComment(row) };
    if (action === 'delete') {
      await this.removeComment(db, row);
      return { ok: true, record: toComment(row), deleted: true };
    }
    await this.update(db, 'comments', { status: TARGET[action], moderated_at: Date.now() }, row.id);
    const record: CommentRecord = { ...toComment(row), status: TARGET[action] };
    if (action === 'approve' || action === 'reject') await this.emit(db, { type: action === 'approve' ? 'comment.approved' : 'comment.rejected', comment: record });
    return { ok: true, record };
  }

  /** Inside the caller's transaction. Replies to it, if any, answer its parent instead. */
  private async removeComment(db: Conn, row: { id: number; parent_id: number | null }): Promise<void> {
    await db.run('UPDATE comments SET parent_id = ? WHERE parent_id = ?', row.parent_id, row.id);
    await db.run('DELETE FROM comments WHERE id = ?', row.id);
  }

  private async categoryRow(db: Conn, slugOrName: string): Promise<Term | undefined> {
    const { sameText } = this.dialect;
    const row = await db.get<TermRow>(`SELECT id, slug, name FROM categories WHERE ${sameText('slug')} OR ${sameText('name')} ORDER BY id LIMIT 1`, slugOrName, slugOrName);
    return row && toTerm(row);
  }

  /**
   * Deletes spam stories and comments received before `before`, at most `limit` of each kind
   * (all when not given). With `botsOnly`, only what a bot signal held: the retention never
   * deletes what an editor marked or what the timing alone flagged.
   */
  private async deleteSpam(
    db: Conn,
    before: number,
    limit?: number,
    botsOnly = false,
  ): Promise<{ stories: number; comments: number; droppedPhotos: string[]; ids: { stories: number[]; comments: number[] } }> {
    const bound = limit === undefined ? '' : ` LIMIT ${limit}`;
    const bots = botsOnly ? ` AND ${BOT_HELD}` : '';
    const stories = await db.all<{ id: number; photo_file: string | null }>(
      `SELECT id, photo_file FROM stories WHERE status = 'spam' AND received_at < ?${bots} ORDER BY id${bound}`,
      before,
      ...(botsOnly ? BOT_SIGNALS : []),
    );
    const comments = await db.all<{ id: number }>(
      `SELECT id FROM comments WHERE status = 'spam' AND created_at < ?${bots} ORDER BY id${bound}`,
      before,
      ...(botsOnly ? BOT_SIGNALS : []),
    );
    const droppedPhotos: string[] = [];
    for (const story of stories) {
      await db.run('DELETE FROM stories WHERE id = ?', story.id);
      const dropped = await this.dropMedia(db, story.photo_file ?? undefined);
      if (dropped) droppedPhotos.push(dropped);
    }
    for (const comment of comments) await this.moderateCommentNow(db, String(comment.id), 'delete');
    const ids = { stories: stories.map((r) => Number(r.id)), comments: comments.map((r) => Number(r.id)) };
    return { stories: stories.length, comments: comments.length, droppedPhotos, ids };
  }

  async emptySpam(): Promise<{ stories: number; comments: number; droppedPhotos: string[] }> {
    const { stories, comments, droppedPhotos } = await this.write((db) => this.deleteSpam(db, Number.MAX_SAFE_INTEGER));
    return { stories, comments, droppedPhotos };
  }

  async prune(now: number): Promise<{ idempotency: number; spam: number; droppedPhotos: string[] }> {
    const expired = now - this.idempotencyTtlMs;
    const stale = now - this.spamTtlMs;
    // A read first: most calls find nothing and so cost no write at all.
    const due = await this.reads.get<{ due: unknown }>(
      `SELECT EXISTS (SELECT 1 FROM idempotency WHERE created_at < ?)
           OR EXISTS (SELECT 1 FROM stories WHERE status = 'spam' AND received_at < ? AND ${BOT_HELD})
           OR EXISTS (SELECT 1 FROM comments WHERE status = 'spam' AND created_at < ? AND ${BOT_HELD})
           ${this.expiries.map((e) => `OR EXISTS (SELECT 1 FROM ${e.table} WHERE ${e.at} < ?)`).join(' ')} AS due`,
      expired,
      stale,
      ...BOT_SIGNALS,
      stale,
      ...BOT_SIGNALS,
      ...this.expiries.map((e) => now - e.idleMs),
    );
    if (!due?.due) return { idempotency: 0, spam: 0, droppedPhotos: [] };
    return this.write(async (db) => {
      const oldest = (table: string, key: string, at: string, before: number): Promise<number> =>
        db.run(`DELETE FROM ${table} WHERE (${key}) IN (SELECT ${key} FROM ${table} WHERE ${at} < ? LIMIT ?)`, before, PRUNE_BATCH);
      const idempotency = await oldest('idempotency', 'scope, key', 'created_at', expired);
      const spam = await this.deleteSpam(db, stale, PRUNE_BATCH, true);
      for (const e of this.expiries) await oldest(e.table, e.key, e.at, now - e.idleMs);
      if (spam.stories + spam.comments) {
        // Every deletion of what someone sent is in the log, also the server's own.
        const days = Math.round(this.spamTtlMs / 86_400_000);
        const list = (label: string, ids: number[]): string => (ids.length ? `${label} ${ids.join(', ')}` : '');
        const detail = [list('stories', spam.ids.stories), list('comments', spam.ids.comments)].filter(Boolean).join('; ');
        await this.audit(db, { actor: 'server', action: 'spam.purge', itemType: 'spam', itemId: 'retention', detail: `${detail} (held by a bot signal, older than ${days} days)` }, now);
      }
      return { idempotency, spam: spam.stories + spam.comments, droppedPhotos: spam.droppedPhotos };
    });
  }

  // Content management ------------------------------------------------------

  /** Inside the caller's transaction, so the entry exists exactly when the change does. */
  private async audit(db: Conn, entry: AuditEntry, at = Date.now()): Promise<void> {
    const { text, params } = valuesOf({ at, actor: entry.actor, action: entry.action, item_type: entry.itemType, item_id: entry.itemId, detail: entry.detail ?? null });
    await db.run(`INSERT INTO audit_log ${text}`, ...params);
  }

  async listAllArticles(query: { page: number; perPage: number; q?: string }): Promise<Paged<ArticleRecord>> {
    return this.listArticles(query, true);
  }

  async getAnyArticle(id: string): Promise<ArticleRecord | undefined> {
    return this.articleBy(this.reads, 'id', rowId(id));
  }

  async editStory(id: string, edit: StoryEdit, actor: string): Promise<EditStoryResult> {
    return this.write(async (db): Promise<EditStoryResult> => {
      const story = await this.storyRow(db, rowId(id));
      if (!story) return { ok: false, reason: 'not_found' };
      if (story.status !== 'pending' && story.status !== 'spam') return { ok: false, reason: 'already_moderated' };
      let category = story.category ?? null;
      if (edit.category !== undefined) {
        const term = edit.category === null ? undefined : await this.categoryRow(db, edit.category);
        if (edit.category !== null && !term) return { ok: false, reason: 'unknown_category' };
        category = term?.slug ?? null;
      }
      const title = edit.title ?? story.title;
      const before = { title: story.title, body: story.body, name: story.name, category: story.category ?? null };
      const fields = changed({ ...edit, category }, before);
      // Saved as it was: nothing to write, nothing to log.
      if (!fields) return { ok: true, story };
      await this.update(
        db,
        'stories',
        { title, ...this.keyColumn('title', title), body: edit.body ?? story.body, name: edit.name ?? story.name, category },
        Number(story.id),
      );
      await this.audit(db, { actor, action: 'story.edit', itemType: 'story', itemId: story.id, detail: fields });
      return { ok: true, story: (await this.storyRow(db, Number(story.id)))! };
    });
  }

  /** Slugs to category rows; `undefined` when one is unknown. */
  private async categoryIds(db: Conn, slugs: string[]): Promise<number[] | undefined> {
    const ids: number[] = [];
    for (const slug of slugs) {
      const row = await db.get<{ id: number }>('SELECT id FROM categories WHERE slug = ?', slug);
      if (!row) return undefined;
      ids.push(row.id);
    }
    return ids;
  }

  async editArticle(id: string, edit: ArticleEdit, actor: string, now: number): Promise<ArticleResult> {
    return this.write(async (db): Promise<ArticleResult> => {
      const article = await this.articleBy(db, 'id', rowId(id));
      if (!article) return { ok: false, reason: 'not_found' };
      const rowid = Number(article.id);
      const before = { title: article.title, body: article.body, excerpt: article.excerpt, authorName: article.author?.name, categories: article.categories.map((c) => c.slug) };
      const fields = changed(edit, before);
      // Saved as it was: the article keeps its date of change, and the log has no line for it.
      if (!fields) return { ok: true, article };
      if (edit.categories) {
        const ids = await this.categoryIds(db, edit.categories);
        if (!ids) return { ok: false, reason: 'unknown_category' };
        await db.run('DELETE FROM article_categories WHERE article_id = ?', rowid);
        for (const category of ids) await db.run(this.dialect.insertOrSkip('INSERT INTO article_categories (article_id, category_id) VALUES (?, ?)'), rowid, category);
      }
      const changes = {
        title: edit.title ?? article.title,
        body: edit.body ?? article.body,
        ...(edit.body !== undefined && edit.body !== article.body ? renderedBody(edit.body) : {}),
        excerpt: edit.excerpt ?? article.excerpt,
        author_name: edit.authorName ?? article.author?.name ?? null,
        updated_at: now,
      };
      await this.update(db, 'articles', changes, rowid);
      await this.audit(db, { actor, action: 'article.edit', itemType: 'article', itemId: article.id, detail: fields }, now);
      return { ok: true, article: (await this.articleBy(db, 'id', rowid))! };
    });
  }

  async setArticlePublished(id: string, published: boolean, actor: string, now: number): Promise<ArticleResult> {
    return this.write(async (db): Promise<ArticleResult> => {
      const article = await this.articleBy(db, 'id', rowId(id));
      if (!article) return { ok: false, reason: 'not_found' };
      // Asking for the state it is already in changes nothing and logs nothing.
      if (published === (article.unpublishedAt === undefined)) return { ok: true, article };
      await this.update(db, 'articles', { unpublished_at: published ? null : now }, Number(article.id));
      await this.audit(db, { actor, action: published ? 'article.republish' : 'article.unpublish', itemType: 'article', itemId: article.id }, now);
      return { ok: true, article: (await this.articleBy(db, 'id', Number(article.id)))! };
    });
  }

  /** Inside the caller's transaction: the article, its thread's comments and, when nothing else keeps it, its photo. */
  private async removeArticle(db: Conn, article: ArticleRecord): Promise<{ droppedPhoto?: string; comments: number }> {
    const comments = await db.run('DELETE FROM comments WHERE thread = ?', article.thread);
    const file = article.image?.media.file;
    // The story it came from stays on record, without the photo: a deleted article's picture is not kept public.
    if (file) await db.run('UPDATE stories SET photo_file = NULL WHERE photo_file = ?', file);
    await db.run('DELETE FROM articles WHERE id = ?', Number(article.id));
    return { droppedPhoto: await this.dropMedia(db, file), comments };
  }

  async deleteArticle(id: string, actor: string): Promise<DeleteArticleResult> {
    return this.write(async (db): Promise<DeleteArticleResult> => {
      const article = await this.articleBy(db, 'id', rowId(id));
      if (!article) return { ok: false, reason: 'not_found' };
      const removed = await this.removeArticle(db, article);
      await this.audit(db, { actor, action: 'article.delete', itemType: 'article', itemId: article.id });
      return { ok: true, article, ...removed };
    });
  }

  async listCategoriesWithCounts(): Promise<CategoryWithCount[]> {
    const rows = await this.reads.all<TermRow & { articles: number }>(
      `SELECT c.id, c.slug, c.name, (SELECT COUNT(*) FROM article_categories ac WHERE ac.category_id = c.id) AS articles
       FROM categories c ORDER BY c.name${this.dialect.byName}`,
    );
    return rows.map((r) => ({ ...toTerm(r), articles: r.articles }));
  }

  private async categoryById(db: Conn, id: string): Promise<Term | undefined> {
    const row = await db.get<TermRow>('SELECT id, slug, name FROM categories WHERE id = ?', rowId(id));
    return row && toTerm(row);
  }

  async createCategory(category: { slug: string; name: string }, actor: string): Promise<CategoryResult> {
    return this.write(async (db): Promise<CategoryResult> => {
      if ((await this.categoryRow(db, category.slug)) || (await this.categoryRow(db, category.name))) return { ok: false, reason: 'duplicate' };
      const id = String((await this.insert(db, 'categories', { slug: category.slug, name: category.name })).id);
      await this.audit(db, { actor, action: 'category.add', itemType: 'category', itemId: id });
      return { ok: true, category: { id, ...category } };
    });
  }

  async renameCategory(id: string, name: string, actor: string): Promise<CategoryResult> {
    return this.write(async (db): Promise<CategoryResult> => {
      const category = await this.categoryById(db, id);
      if (!category) return { ok: false, reason: 'not_found' };
      const other = await this.categoryRow(db, name);
      if (other && other.id !== category.id) return { ok: false, reason: 'duplicate' };
      if (name === category.name) return { ok: true, category };
      // The slug stays: partners' pages filter by it (`category="…"`).
      await this.update(db, 'categories', { name }, Number(category.id));
      await this.audit(db, { actor, action: 'category.rename', itemType: 'category', itemId: category.id });
      return { ok: true, category: { ...category, name } };
    });
  }

  async removeCategory(id: string, moveTo: string | undefined, actor: string): Promise<RemoveCategoryResult> {
    return this.write(async (db): Promise<RemoveCategoryResult> => {
      const category = await this.categoryById(db, id);
      if (!category) return { ok: false, reason: 'not_found' };
      const rowid = Number(category.id);
      const articles = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM article_categories WHERE category_id = ?', rowid))!.n;
      if (articles > 0) {
        if (moveTo === undefined) return { ok: false, reason: 'in_use', articles };
        const target = await this.categoryById(db, moveTo);
        if (!target || target.id === category.id) return { ok: false, reason: 'bad_target', articles };
        await db.run(
          this.dialect.insertOrSkip('INSERT INTO article_categories (article_id, category_id) SELECT article_id, CAST(? AS BIGINT) FROM article_categories WHERE category_id = ?'),
          Number(target.id),
          rowid,
        );
        await db.run('DELETE FROM article_categories WHERE category_id = ?', rowid);
      }
      // Stories still waiting that named it keep no category rather than a dangling one.
      const { sameText } = this.dialect;
      await db.run(`UPDATE stories SET category = NULL WHERE ${sameText('category')} OR ${sameText('category')}`, category.slug, category.name);
      await db.run('DELETE FROM categories WHERE id = ?', rowid);
      await this.audit(db, { actor, action: 'category.remove', itemType: 'category', itemId: category.id, detail: moveTo ? `articles moved to ${moveTo}` : undefined });
      return { ok: true, category, moved: articles };
    });
  }

  async deleteComment(id: string, actor: string): Promise<DeleteCommentResult> {
    return this.write(async (db): Promise<DeleteCommentResult> => {
      const row = await this.commentRow(db, rowId(id));
      if (!row) return { ok: false, reason: 'not_found' };
      await this.removeComment(db, row);
      await this.audit(db, { actor, action: 'comment.delete', itemType: 'comment', itemId: String(row.id) });
      return { ok: true, comment: toComment(row) };
    });
  }

  async findEmailData(email: string): Promise<EmailData> {
    const { sameText } = this.dialect;
    const stories = await this.reads.all<{ id: number; status: StoryStatus; photo_file: string | null; article_id: number | null; image_file: string | null }>(
      `SELECT s.id, s.status, s.photo_file, a.id AS article_id, a.image_file FROM stories s LEFT JOIN articles a ON a.story_id = s.id
       WHERE ${sameText('s.email')} ORDER BY s.id`,
      email,
    );
    const comments = await this.reads.all<{ id: number }>(`SELECT id FROM comments WHERE ${sameText('author_email')} ORDER BY id`, email);
    return { email, ...emailDataOf(stories, comments) };
  }

  async eraseEmailData(data: EmailData, entry: AuditEntry): Promise<{ droppedPhotos: string[] }> {
    return this.write(async (db) => {
      const droppedPhotos: string[] = [];
      const keep = (file: string | undefined): void => {
        if (file) droppedPhotos.push(file);
      };
      for (const id of data.articles) {
        const article = await this.articleBy(db, 'id', rowId(id));
        if (article) keep((await this.removeArticle(db, article)).droppedPhoto);
      }
      for (const id of data.comments) {
        const row = await db.get<{ id: number; parent_id: number | null }>('SELECT id, parent_id FROM comments WHERE id = ?', rowId(id));
        if (row) await this.removeComment(db, row);
        // Kept answers that repeat the comment (its author, its text) go with it.
        await db.run(
          `DELETE FROM idempotency WHERE scope = ? OR (scope LIKE 'POST /threads/%' AND ${this.dialect.jsonField('body', 'id')} = ?)`,
          `POST /admin/comments/${id}`,
          id,
        );
      }
      for (const { id } of data.stories) {
        const story = await this.storyRow(db, rowId(id));
        if (!story) continue;
        await db.run('DELETE FROM stories WHERE id = ?', Number(story.id));
        await db.run('DELETE FROM idempotency WHERE scope = ?', `POST /admin/stories/${id}`);
        keep(await this.dropMedia(db, story.photo?.file));
      }
      if (data.email) await this.emit(db, { type: 'email.erased', email: data.email });
      await this.audit(db, entry);
      return { droppedPhotos };
    });
  }

  async recordAudit(entries: AuditEntry[], at: number): Promise<void> {
    if (!entries.length) return;
    await this.write(async (db) => {
      for (const entry of entries) await this.audit(db, entry, at);
    });
  }

  async listAudit(query: { page: number; perPage: number }): Promise<Paged<AuditRecord>> {
    const [count, rows] = await Promise.all([
      this.reads.get<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log'),
      this.reads.all<AuditRow>('SELECT id, at, actor, action, item_type, item_id, detail FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?', query.perPage, offsetOf(query)),
    ]);
    return { items: rows.map(toAudit), total: count!.n };
  }

  async listEditors(): Promise<EditorRecord[]> {
    const rows = await this.reads.all<{ name: string; role: EditorRole; token_hash: string; created_at: number }>(
      `SELECT name, role, token_hash, created_at FROM editors ORDER BY name${this.dialect.byName}`,
    );
    return rows.map((r) => ({ name: r.name, role: r.role, tokenHash: r.token_hash, createdAt: r.created_at }));
  }

  async addEditor(editor: EditorRecord): Promise<boolean> {
    return this.write(async (db) => {
      if (await db.get(`SELECT 1 FROM editors WHERE ${this.dialect.sameText('name')}`, editor.name)) return false;
      const { text, params } = valuesOf({ name: editor.name, role: editor.role, token_hash: editor.tokenHash, created_at: editor.createdAt });
      await db.run(`INSERT INTO editors ${text}`, ...params);
      await this.audit(db, { actor: 'owner', action: 'editor.add', itemType: 'editor', itemId: editor.name, detail: editor.role }, editor.createdAt);
      return true;
    });
  }

  async removeEditor(name: string): Promise<boolean> {
    return this.write(async (db) => {
      const removed = (await db.run(`DELETE FROM editors WHERE ${this.dialect.sameText('name')}`, name)) > 0;
      if (removed) await this.audit(db, { actor: 'owner', action: 'editor.remove', itemType: 'editor', itemId: name });
      return removed;
    });
  }
}
