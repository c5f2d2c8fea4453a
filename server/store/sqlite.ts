/**
 * The embedded store: SQLite through better-sqlite3. Every statement is
 * parameterised; every write is one synchronous transaction, so within this
 * process no other request can run between an idempotency check and its insert.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { duplicateKey } from '../../src/core/rules/rules.js';
import type {
  ArticleEdit,
  ArticleResult,
  AuditEntry,
  AuditRecord,
  CategoryResult,
  CategoryWithCount,
  DeleteArticleResult,
  DeleteCommentResult,
  EditorRecord,
  EditStoryResult,
  EmailData,
  RemoveCategoryResult,
  StoryEdit,
  ArticleQuery,
  ArticleRecord,
  Claim,
  CommentRecord,
  CreateCommentResult,
  CreateStoryResult,
  Media,
  ModerateResult,
  NewArticle,
  NewComment,
  NewStory,
  Once,
  Paged,
  ArticleOf,
  ModerationAction,
  Queue,
  QueueQuery,
  Store,
  StoreTx,
  Work,
  StoryRecord,
  StoryStatus,
  Term,
} from './types.js';
import {
  allowed,
  ARTICLE_COLUMNS,
  articleWhere,
  changed,
  emailDataOf,
  IDEMPOTENCY_TTL_MS,
  IN_THREAD,
  mediaOf,
  PRUNE_BATCH,
  rowId,
  SPAM_TTL_MS,
  STORY_COLUMNS,
  TARGET,
  termsByArticle,
  threadArgs,
  toArticle,
  toAudit,
  toComment,
  toStory,
  type ArticleRow,
  type AuditRow,
  type CommentRow,
  type StoreOptions,
  type StoryRow,
} from './rows.js';

/** The options of either store. */
export type SqliteOptions = StoreOptions;

/** Each entry moves the schema one version up; `PRAGMA user_version` says how far a file is. */
export const MIGRATIONS = [
  `
  CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
  );
  CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
  );
  CREATE TABLE media (
    file TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    size INTEGER NOT NULL
  );
  CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    community TEXT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT,
    original_url TEXT,
    photo_file TEXT REFERENCES media(file),
    photo_alt TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    received_at INTEGER NOT NULL,
    moderated_at INTEGER
  );
  CREATE INDEX stories_status ON stories(status, received_at);
  CREATE INDEX stories_sender ON stories(email, title);
  CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    thread TEXT NOT NULL,
    title TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    body TEXT NOT NULL,
    published_at INTEGER NOT NULL,
    updated_at INTEGER,
    author_name TEXT,
    author_url TEXT,
    image_file TEXT REFERENCES media(file),
    image_alt TEXT,
    story_id INTEGER REFERENCES stories(id)
  );
  CREATE INDEX articles_newest ON articles(published_at DESC, id DESC);
  CREATE TABLE article_categories (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    PRIMARY KEY (article_id, category_id)
  );
  CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id),
    PRIMARY KEY (article_id, tag_id)
  );
  CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    thread TEXT NOT NULL,
    parent_id INTEGER REFERENCES comments(id),
    author_name TEXT NOT NULL,
    author_email TEXT NOT NULL,
    author_url TEXT,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
    created_at INTEGER NOT NULL,
    moderated_at INTEGER
  );
  CREATE INDEX comments_thread ON comments(thread, status, created_at);
  CREATE INDEX comments_status ON comments(status, created_at);
  CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
  );
  `,
  // Stories may be held as spam; both kinds keep why; idempotency answers expire by age.
  `
  CREATE TABLE stories_next (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    community TEXT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT,
    original_url TEXT,
    photo_file TEXT REFERENCES media(file),
    photo_alt TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
    received_at INTEGER NOT NULL,
    moderated_at INTEGER,
    spam_reason TEXT
  );
  INSERT INTO stories_next (id, name, email, community, title, body, category, original_url, photo_file, photo_alt, status,
    received_at, moderated_at)
    SELECT id, name, email, community, title, body, category, original_url, photo_file, photo_alt, status, received_at, moderated_at
    FROM stories;
  DROP TABLE stories;
  ALTER TABLE stories_next RENAME TO stories;
  CREATE INDEX stories_status ON stories(status, received_at);
  CREATE INDEX stories_sender ON stories(email, title);
  ALTER TABLE comments ADD COLUMN spam_reason TEXT;
  CREATE INDEX idempotency_age ON idempotency(created_at);
  `,
  // Threads are keyed by site and path; the site a comment came from is kept. Comments from
  // before have none: they answer for their path on every site, as they always did.
  `ALTER TABLE comments ADD COLUMN origin TEXT;`,
  // Editors may take an article off the site; named editors with hashed tokens; the audit log.
  `
  ALTER TABLE articles ADD COLUMN unpublished_at INTEGER;
  CREATE TABLE editors (
    name TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    item_type TEXT NOT NULL,
    item_id TEXT NOT NULL,
    detail TEXT
  );
  `,
];

export class SqliteStore implements Store {
  readonly db: Database.Database;

  private readonly idempotencyTtlMs: number;
  private readonly spamTtlMs: number;

  constructor(path: string, options: SqliteOptions = {}) {
    this.idempotencyTtlMs = options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS;
    this.spamTtlMs = options.spamTtlMs ?? SPAM_TTL_MS;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // First, so a second server starting on the same new file waits for the first instead of failing.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    // FULL: a COMMIT is on disk before the 201 leaves, so even a power cut keeps it.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // Duplicates are found by what a reader sees, not by invisible or compatibility characters.
    this.db.function('duplicate_key', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? duplicateKey(text) : text));
    this.migrate();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once per distinct SQL text: preparing costs more than running these small queries. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  /** Under the write lock (IMMEDIATE), re-reading the version: two servers starting together migrate once. */
  private migrate(): void {
    const version = (): number => this.db.pragma('user_version', { simple: true }) as number;
    if (version() >= MIGRATIONS.length) return;
    // A table is rebuilt to change its CHECK: foreign keys are switched off around it (not possible inside a transaction).
    this.db.pragma('foreign_keys = OFF');
    try {
      for (let done = false; !done; ) {
        // One migration per write-locked transaction, the version read again under the lock:
        // another server starting on the same file may have migrated meanwhile.
        done = this.db
          .transaction(() => {
            const next = version();
            if (next >= MIGRATIONS.length) return true;
            this.db.exec(MIGRATIONS[next]);
            const broken = this.db.pragma('foreign_key_check') as unknown[];
            if (broken.length) throw new Error(`migration ${next + 1} broke ${broken.length} references`);
            this.db.pragma(`user_version = ${next + 1}`);
            return false;
          })
          .immediate();
      }
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** One commit (one fsync) instead of one per write; the writes inside nest as savepoints. */
  async batch<T>(writes: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await writes();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  // Reading -----------------------------------------------------------------

  private termsOf(table: 'categories' | 'tags', ids: number[]): Map<number, Term[]> {
    if (!ids.length) return new Map();
    const link = table === 'categories' ? 'article_categories' : 'article_tags';
    const column = table === 'categories' ? 'category_id' : 'tag_id';
    const rows = this.db
      .prepare(
        `SELECT l.article_id, t.id, t.slug, t.name FROM ${link} l JOIN ${table} t ON t.id = l.${column}
         WHERE l.article_id IN (${ids.map(() => '?').join(',')}) ORDER BY t.name`,
      )
      .all(...ids) as Array<{ article_id: number; id: number; slug: string; name: string }>;
    return termsByArticle(rows);
  }

  private articlesFrom(rows: ArticleRow[]): ArticleRecord[] {
    const ids = rows.map((r) => r.id);
    const categories = this.termsOf('categories', ids);
    const tags = this.termsOf('tags', ids);
    return rows.map((row) => toArticle(row, categories, tags));
  }

  async listArticles(query: ArticleQuery, everything = false): Promise<Paged<ArticleRecord>> {
    const { sql, params } = articleWhere(query, everything, 'LIKE');
    const read = this.db.transaction(() => {
      const total = (this.sql(`SELECT COUNT(*) AS n FROM articles a ${sql}`).get(...params) as { n: number }).n;
      const rows = this.db
        .prepare(
          `SELECT ${ARTICLE_COLUMNS} FROM articles a LEFT JOIN media m ON m.file = a.image_file ${sql}
           ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`,
        )
        .all(...params, query.perPage, (query.page - 1) * query.perPage) as ArticleRow[];
      return { items: this.articlesFrom(rows), total };
    });
    return read();
  }

  private articleBy(column: 'id' | 'slug', value: string | number): ArticleRecord | undefined {
    const row = this.db
      .prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a LEFT JOIN media m ON m.file = a.image_file WHERE a.${column} = ?`)
      .get(value) as ArticleRow | undefined;
    return row ? this.articlesFrom([row])[0] : undefined;
  }

  private publishedOnly = (article: ArticleRecord | undefined): ArticleRecord | undefined =>
    article && article.unpublishedAt === undefined ? article : undefined;

  async getArticle(id: string): Promise<ArticleRecord | undefined> {
    return this.publishedOnly(this.articleBy('id', rowId(id)));
  }

  async getArticleBySlug(slug: string): Promise<ArticleRecord | undefined> {
    return this.publishedOnly(this.articleBy('slug', slug));
  }

  async listCategories(): Promise<Term[]> {
    const rows = this.sql('SELECT id, slug, name FROM categories ORDER BY name').all() as Array<{ id: number; slug: string; name: string }>;
    return rows.map((r) => ({ id: String(r.id), slug: r.slug, name: r.name }));
  }

  async findCategory(slugOrName: string): Promise<Term | undefined> {
    return this.categoryRow(slugOrName);
  }

  async listComments(thread: string, query: { page: number; perPage: number; sort: 'oldest' | 'newest' }): Promise<Paged<CommentRecord>> {
    const order = query.sort === 'newest' ? 'DESC' : 'ASC';
    const read = this.db.transaction(() => {
      const total = (
        this.sql(`SELECT COUNT(*) AS n FROM comments WHERE ${IN_THREAD} AND status = 'approved'`).get(...threadArgs(thread)) as { n: number }
      ).n;
      const rows = this.db
        .prepare(
          `SELECT * FROM comments WHERE ${IN_THREAD} AND status = 'approved'
           ORDER BY created_at ${order}, id ${order} LIMIT ? OFFSET ?`,
        )
        .all(...threadArgs(thread), query.perPage, (query.page - 1) * query.perPage) as CommentRow[];
      return { items: rows.map(toComment), total };
    });
    return read();
  }

  async getComment(id: string): Promise<CommentRecord | undefined> {
    const row = this.sql('SELECT * FROM comments WHERE id = ?').get(rowId(id)) as CommentRow | undefined;
    return row ? toComment(row) : undefined;
  }

  async countComments(threads: string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const thread of threads) counts[thread] = 0;
    const count = this.sql(`SELECT COUNT(*) AS n FROM comments WHERE status = 'approved' AND ${IN_THREAD}`);
    for (const thread of threads) counts[thread] = (count.get(...threadArgs(thread)) as { n: number }).n;
    return counts;
  }

  private storyRow(id: number): StoryRecord | undefined {
    const row = this.sql(`SELECT ${STORY_COLUMNS} FROM stories s LEFT JOIN media m ON m.file = s.photo_file WHERE s.id = ?`).get(id) as
      | StoryRow
      | undefined;
    return row ? toStory(row) : undefined;
  }

  async queue(query: QueueQuery): Promise<Queue> {
    const order = query.sort === 'newest' ? 'DESC' : 'ASC';
    const offset = (query.page - 1) * query.perPage;
    const read = this.db.transaction((): Queue => {
      const stories = this.sql(
        `SELECT ${STORY_COLUMNS} FROM stories s LEFT JOIN media m ON m.file = s.photo_file
         WHERE s.status = ? ORDER BY s.received_at ${order}, s.id ${order} LIMIT ? OFFSET ?`,
      ).all(query.status, query.perPage, offset) as StoryRow[];
      const comments = this.sql(
        `SELECT * FROM comments WHERE status = ? ORDER BY created_at ${order}, id ${order} LIMIT ? OFFSET ?`,
      ).all(query.status, query.perPage, offset) as CommentRow[];
      const counts = {
        stories: this.countsBy('stories', ['pending', 'approved', 'rejected', 'spam']),
        comments: this.countsBy('comments', ['pending', 'approved', 'rejected', 'spam']),
      };
      return {
        stories: { items: stories.map(toStory), total: counts.stories[query.status] },
        comments: { items: comments.map(toComment), total: counts.comments[query.status] },
        counts,
      };
    });
    return read();
  }

  private countsBy<S extends string>(table: 'stories' | 'comments', statuses: S[]): Record<S, number> {
    const counts = Object.fromEntries(statuses.map((status) => [status, 0])) as Record<S, number>;
    // Each count walks the status index; no table rows are read.
    for (const status of statuses) counts[status] = (this.sql(`SELECT COUNT(*) AS n FROM ${table} WHERE status = ?`).get(status) as { n: number }).n;
    return counts;
  }

  async getStory(id: string): Promise<StoryRecord | undefined> {
    return this.storyRow(rowId(id));
  }

  async getMedia(file: string): Promise<Media | undefined> {
    const row = this.sql('SELECT file, type, width, height, size FROM media WHERE file = ?').get(file) as
      | { file: string; type: string; width: number | null; height: number | null; size: number }
      | undefined;
    return row ? mediaOf(row) : undefined;
  }

  async isEmpty(): Promise<boolean> {
    const row = this.sql('SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM categories) AS n').get() as { n: number };
    return row.n === 0;
  }

  // Writing -----------------------------------------------------------------

  async addMedia(media: Media): Promise<void> {
    return this.exclusive(() => this.insertMedia(media));
  }

  private insertMedia(media: Media): void {
    this.db
      .prepare('INSERT OR IGNORE INTO media (file, type, width, height, size) VALUES (?, ?, ?, ?, ?)')
      .run(media.file, media.type, media.width ?? null, media.height ?? null, media.size);
  }

  async addCategory(category: { slug: string; name: string }): Promise<Term> {
    return this.exclusive(() => {
      const result = this.sql('INSERT INTO categories (slug, name) VALUES (?, ?)').run(category.slug, category.name);
      return { id: String(result.lastInsertRowid), slug: category.slug, name: category.name };
    });
  }

  async addArticle(article: NewArticle): Promise<ArticleRecord> {
    return this.exclusive(() => this.db.transaction(() => this.insertArticle(article, null))());
  }

  /** Inserts inside the caller's transaction; a taken slug gets `-2`, `-3`, … */
  private insertArticle(article: NewArticle, storyId: number | null): ArticleRecord {
    let slug = article.slug;
    let thread = article.thread;
    for (let n = 2; this.sql('SELECT 1 FROM articles WHERE slug = ?').get(slug); n++) {
      slug = `${article.slug}-${n}`;
      thread = `${article.thread}-${n}`;
    }
    const result = this.db
      .prepare(
        `INSERT INTO articles (slug, thread, title, excerpt, body, published_at, updated_at, author_name, author_url,
           image_file, image_alt, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        slug,
        thread,
        article.title,
        article.excerpt,
        article.body,
        article.publishedAt,
        article.updatedAt ?? null,
        article.authorName ?? null,
        article.authorUrl ?? null,
        article.imageFile ?? null,
        article.imageAlt ?? null,
        storyId,
      );
    const id = Number(result.lastInsertRowid);
    for (const slugOf of article.categories) {
      this.db
        .prepare('INSERT OR IGNORE INTO article_categories (article_id, category_id) SELECT ?, id FROM categories WHERE slug = ?')
        .run(id, slugOf);
    }
    for (const tag of article.tags) {
      this.sql('INSERT OR IGNORE INTO tags (slug, name) VALUES (?, ?)').run(tag.slug, tag.name);
      this.sql('INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT ?, id FROM tags WHERE slug = ?').run(id, tag.slug);
    }
    return this.articleBy('id', id)!;
  }

  private answerFor(claim: Claim): Once | undefined {
    const row = this.sql('SELECT request_hash, status, body FROM idempotency WHERE scope = ? AND key = ?').get(claim.scope, claim.key) as
      | { request_hash: string; status: number; body: string }
      | undefined;
    if (!row) return undefined;
    if (row.request_hash !== claim.requestHash) return { kind: 'reused' };
    return { kind: 'replayed', answer: { status: row.status, body: JSON.parse(row.body) } };
  }

  /**
   * Writes wait for each other: `once` keeps its transaction open across the
   * awaits of its work, and on one connection any statement run meanwhile would
   * join that transaction. Reads need no turn.
   */
  private writing: Promise<unknown> = Promise.resolve();

  private exclusive<T>(write: () => T | Promise<T>): Promise<T> {
    const turn = this.writing.then(write);
    this.writing = turn.catch(() => undefined);
    return turn;
  }

  /** The writes `once` hands its work: each runs on this connection, inside the open transaction. */
  private readonly tx: StoreTx = {
    createStory: async (story) => this.insertStory(story),
    createComment: async (comment) => this.insertComment(comment),
    moderateStory: async (id, action, article) => this.moderateStoryNow(id, action, article),
    moderateComment: async (id, action) => this.moderateCommentNow(id, action),
  };

  async once(claim: Claim | undefined, work: Work): Promise<Once> {
    return this.exclusive(async (): Promise<Once> => {
      // Inside `batch` (the first-start seed) the transaction is already open: a savepoint nests in it.
      const nested = this.db.inTransaction;
      this.db.exec(nested ? 'SAVEPOINT once' : 'BEGIN IMMEDIATE');
      try {
        const earlier = claim && this.answerFor(claim);
        const outcome: Once = earlier || { kind: 'fresh', answer: await work(this.tx) };
        const { answer } = outcome.kind === 'fresh' ? outcome : { answer: undefined };
        if (claim && answer && answer.status >= 200 && answer.status < 300) {
          this.sql('INSERT INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
            claim.scope,
            claim.key,
            claim.requestHash,
            answer.status,
            JSON.stringify(answer.body),
            Date.now(),
          );
        }
        this.db.exec(nested ? 'RELEASE once' : 'COMMIT');
        return outcome;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec(nested ? 'ROLLBACK TO once; RELEASE once' : 'ROLLBACK');
        throw error;
      }
    });
  }

  async findAnswer(claim: Claim): Promise<Once | undefined> {
    return this.answerFor(claim);
  }

  private insertStory(story: NewStory): CreateStoryResult {
    // The same sender sending the same title again while the first waits for review.
    // Held spam counts too: a bot gets the answer a person would get.
    const twin = this.db
      .prepare(`SELECT 1 FROM stories WHERE email = ? COLLATE NOCASE AND duplicate_key(title) = duplicate_key(?) AND status IN ('pending', 'spam')`)
      .get(story.email, story.title);
    if (twin) return { ok: false, reason: 'duplicate' };
    const result = this.db
      .prepare(
        `INSERT INTO stories (name, email, community, title, body, category, original_url, photo_file, photo_alt, received_at,
           status, spam_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        story.name,
        story.email,
        story.community ?? null,
        story.title,
        story.body,
        story.category ?? null,
        story.originalUrl ?? null,
        story.photoFile ?? null,
        story.photoAlt ?? null,
        story.receivedAt,
        story.spamReason ? 'spam' : 'pending',
        story.spamReason ?? null,
      );
    return { ok: true, story: this.storyRow(Number(result.lastInsertRowid))! };
  }

  private insertComment(comment: NewComment): CreateCommentResult {
    if (comment.parentId !== null) {
      const parent = this.db
        .prepare(`SELECT 1 FROM comments WHERE id = ? AND ${IN_THREAD} AND status IN ('approved', 'pending')`)
        .get(rowId(comment.parentId), ...threadArgs(comment.thread));
      if (!parent) return { ok: false, reason: 'parent_not_found' };
    }
    const twin = this.db
      .prepare(`SELECT 1 FROM comments WHERE thread = ? AND author_email = ? COLLATE NOCASE AND duplicate_key(body) = duplicate_key(?) AND status != 'rejected'`)
      .get(comment.thread, comment.authorEmail, comment.body);
    if (twin) return { ok: false, reason: 'duplicate' };
    const result = this.db
      .prepare(
        `INSERT INTO comments (thread, parent_id, author_name, author_email, author_url, body, status, created_at, spam_reason, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        comment.thread,
        comment.parentId === null ? null : rowId(comment.parentId),
        comment.authorName,
        comment.authorEmail,
        comment.authorUrl ?? null,
        comment.body,
        comment.spamReason ? 'spam' : (comment.status ?? 'pending'),
        comment.createdAt,
        comment.spamReason ?? null,
        comment.origin ?? null,
      );
    const row = this.sql('SELECT * FROM comments WHERE id = ?').get(result.lastInsertRowid) as CommentRow;
    return { ok: true, comment: toComment(row) };
  }

  async moderateMany(
    kind: 'stories' | 'comments',
    ids: string[],
    action: ModerationAction,
    article: ArticleOf,
  ): Promise<Array<ModerateResult<StoryRecord> | ModerateResult<CommentRecord>>> {
    // One commit for the lot: a hundred approvals cost one sync to disk, not a hundred.
    return this.exclusive(() =>
      this.db
        .transaction(() => ids.map((id) => (kind === 'stories' ? this.moderateStoryNow(id, action, article) : this.moderateCommentNow(id, action))))
        .immediate(),
    );
  }

  /** Removes a photo's record when no story or article points at it; answers the file when it did. */
  private dropMedia(file: string | undefined): string | undefined {
    if (!file) return undefined;
    const removed = this.sql(
      `DELETE FROM media WHERE file = ? AND NOT EXISTS (SELECT 1 FROM stories WHERE photo_file = ?)
         AND NOT EXISTS (SELECT 1 FROM articles WHERE image_file = ?)`,
    ).run(file, file, file);
    return removed.changes ? file : undefined;
  }

  private moderateStoryNow(id: string, action: ModerationAction, article: ArticleOf): ModerateResult<StoryRecord> {
    const story = this.storyRow(rowId(id));
    if (!story) return { ok: false, reason: 'not_found' };
    const rowid = Number(story.id);
    const move = allowed(story.status, action);
    if (move === 'conflict') return { ok: false, reason: 'already_moderated' };
    if (move === 'done') {
      return { ok: true, record: story, article: story.articleId ? this.articleBy('id', Number(story.articleId)) : undefined };
    }
    if (action === 'delete') {
      this.sql('DELETE FROM stories WHERE id = ?').run(rowid);
      return { ok: true, record: story, deleted: true, droppedPhoto: this.dropMedia(story.photo?.file) };
    }
    this.sql('UPDATE stories SET status = ?, moderated_at = ? WHERE id = ?').run(TARGET[action], Date.now(), rowid);
    if (action === 'reject' && story.photo) {
      // A refused story's photo is not kept: nothing of it can ever be published.
      this.sql('UPDATE stories SET photo_file = NULL WHERE id = ?').run(rowid);
      const droppedPhoto = this.dropMedia(story.photo.file);
      return { ok: true, record: this.storyRow(rowid)!, droppedPhoto };
    }
    const category = story.category ? this.categoryRow(story.category) : undefined;
    const published = action === 'approve' ? this.insertArticle(article(story, category?.slug), rowid) : undefined;
    return { ok: true, record: this.storyRow(rowid)!, article: published };
  }

  private moderateCommentNow(id: string, action: ModerationAction): ModerateResult<CommentRecord> {
    const row = this.sql('SELECT * FROM comments WHERE id = ?').get(rowId(id)) as CommentRow | undefined;
    if (!row) return { ok: false, reason: 'not_found' };
    const move = allowed(row.status, action);
    if (move === 'conflict') return { ok: false, reason: 'already_moderated' };
    if (move === 'done') return { ok: true, record: toComment(row) };
    if (action === 'delete') {
      this.removeComment(row);
      return { ok: true, record: toComment(row), deleted: true };
    }
    this.sql('UPDATE comments SET status = ?, moderated_at = ? WHERE id = ?').run(TARGET[action], Date.now(), row.id);
    return { ok: true, record: { ...toComment(row), status: TARGET[action] } };
  }

  /** Inside the caller's transaction. Replies to it, if any, answer its parent instead. */
  private removeComment(row: { id: number; parent_id: number | null }): void {
    this.sql('UPDATE comments SET parent_id = ? WHERE parent_id = ?').run(row.parent_id, row.id);
    this.sql('DELETE FROM comments WHERE id = ?').run(row.id);
  }

  private categoryRow(slugOrName: string): Term | undefined {
    const row = this.sql('SELECT id, slug, name FROM categories WHERE slug = ? COLLATE NOCASE OR name = ? COLLATE NOCASE LIMIT 1').get(
      slugOrName,
      slugOrName,
    ) as { id: number; slug: string; name: string } | undefined;
    return row ? { id: String(row.id), slug: row.slug, name: row.name } : undefined;
  }

  /** Deletes spam stories and comments (received before `before`, when given), at most `limit` of each kind. */
  private deleteSpam(before: number, limit: number): { stories: number; comments: number; droppedPhotos: string[] } {
    const stories = this.sql(`SELECT id, photo_file FROM stories WHERE status = 'spam' AND received_at < ? LIMIT ?`).all(before, limit) as Array<{
      id: number;
      photo_file: string | null;
    }>;
    const comments = this.sql(`SELECT id FROM comments WHERE status = 'spam' AND created_at < ? LIMIT ?`).all(before, limit) as Array<{ id: number }>;
    const droppedPhotos: string[] = [];
    for (const story of stories) {
      this.sql('DELETE FROM stories WHERE id = ?').run(story.id);
      const dropped = this.dropMedia(story.photo_file ?? undefined);
      if (dropped) droppedPhotos.push(dropped);
    }
    for (const comment of comments) this.moderateCommentNow(String(comment.id), 'delete');
    return { stories: stories.length, comments: comments.length, droppedPhotos };
  }

  async emptySpam(): Promise<{ stories: number; comments: number; droppedPhotos: string[] }> {
    return this.exclusive(() => this.db.transaction(() => this.deleteSpam(Number.MAX_SAFE_INTEGER, -1)).immediate());
  }

  async prune(now: number): Promise<{ idempotency: number; spam: number; droppedPhotos: string[] }> {
    const expired = now - this.idempotencyTtlMs;
    const stale = now - this.spamTtlMs;
    // A read first: most calls find nothing and so cost no write at all.
    const due =
      this.sql('SELECT 1 FROM idempotency WHERE created_at < ? LIMIT 1').get(expired) ||
      this.sql(`SELECT 1 FROM stories WHERE status = 'spam' AND received_at < ? LIMIT 1`).get(stale) ||
      this.sql(`SELECT 1 FROM comments WHERE status = 'spam' AND created_at < ? LIMIT 1`).get(stale);
    if (!due) return { idempotency: 0, spam: 0, droppedPhotos: [] };
    return this.exclusive(() =>
      this.db
        .transaction(() => {
          const idempotency = this.sql(
            'DELETE FROM idempotency WHERE rowid IN (SELECT rowid FROM idempotency WHERE created_at < ? LIMIT ?)',
          ).run(expired, PRUNE_BATCH).changes;
          const spam = this.deleteSpam(stale, PRUNE_BATCH);
          return { idempotency, spam: spam.stories + spam.comments, droppedPhotos: spam.droppedPhotos };
        })
        .immediate(),
    );
  }

  // Content management ------------------------------------------------------

  /** Inside the caller's transaction, so the entry exists exactly when the change does. */
  private audit(entry: AuditEntry, at = Date.now()): void {
    this.sql('INSERT INTO audit_log (at, actor, action, item_type, item_id, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
      at,
      entry.actor,
      entry.action,
      entry.itemType,
      entry.itemId,
      entry.detail ?? null,
    );
  }

  /** A write and its audit entry as one IMMEDIATE transaction. */
  private audited<R>(write: () => R): Promise<R> {
    return this.exclusive(() => this.db.transaction(write).immediate());
  }

  async listAllArticles(query: { page: number; perPage: number; q?: string }): Promise<Paged<ArticleRecord>> {
    return this.listArticles(query, true);
  }

  async getAnyArticle(id: string): Promise<ArticleRecord | undefined> {
    return this.articleBy('id', rowId(id));
  }

  async editStory(id: string, edit: StoryEdit, actor: string): Promise<EditStoryResult> {
    return this.audited((): EditStoryResult => {
      const story = this.storyRow(rowId(id));
      if (!story) return { ok: false, reason: 'not_found' };
      if (story.status !== 'pending' && story.status !== 'spam') return { ok: false, reason: 'already_moderated' };
      let category = story.category ?? null;
      if (edit.category !== undefined) {
        const term = edit.category === null ? undefined : this.categoryRow(edit.category);
        if (edit.category !== null && !term) return { ok: false, reason: 'unknown_category' };
        category = term?.slug ?? null;
      }
      this.sql('UPDATE stories SET title = ?, body = ?, name = ?, category = ? WHERE id = ?').run(
        edit.title ?? story.title,
        edit.body ?? story.body,
        edit.name ?? story.name,
        category,
        Number(story.id),
      );
      const before = { title: story.title, body: story.body, name: story.name, category: story.category ?? null };
      this.audit({ actor, action: 'story.edit', itemType: 'story', itemId: story.id, detail: changed({ ...edit, category }, before) });
      return { ok: true, story: this.storyRow(Number(story.id))! };
    });
  }

  /** Slugs to category rows; `undefined` when one is unknown. */
  private categoryIds(slugs: string[]): number[] | undefined {
    const ids = slugs.map((slug) => (this.sql('SELECT id FROM categories WHERE slug = ?').get(slug) as { id: number } | undefined)?.id);
    return ids.every((id): id is number => id !== undefined) ? ids : undefined;
  }

  async editArticle(id: string, edit: ArticleEdit, actor: string, now: number): Promise<ArticleResult> {
    return this.audited((): ArticleResult => {
      const article = this.articleBy('id', rowId(id));
      if (!article) return { ok: false, reason: 'not_found' };
      const rowid = Number(article.id);
      if (edit.categories) {
        const ids = this.categoryIds(edit.categories);
        if (!ids) return { ok: false, reason: 'unknown_category' };
        this.sql('DELETE FROM article_categories WHERE article_id = ?').run(rowid);
        for (const category of ids) this.sql('INSERT OR IGNORE INTO article_categories (article_id, category_id) VALUES (?, ?)').run(rowid, category);
      }
      this.sql('UPDATE articles SET title = ?, body = ?, excerpt = ?, author_name = ?, updated_at = ? WHERE id = ?').run(
        edit.title ?? article.title,
        edit.body ?? article.body,
        edit.excerpt ?? article.excerpt,
        edit.authorName ?? article.author?.name ?? null,
        now,
        rowid,
      );
      const before = { title: article.title, body: article.body, excerpt: article.excerpt, authorName: article.author?.name, categories: article.categories.map((c) => c.slug) };
      this.audit({ actor, action: 'article.edit', itemType: 'article', itemId: article.id, detail: changed(edit, before) }, now);
      return { ok: true, article: this.articleBy('id', rowid)! };
    });
  }

  async setArticlePublished(id: string, published: boolean, actor: string, now: number): Promise<ArticleResult> {
    return this.audited((): ArticleResult => {
      const article = this.articleBy('id', rowId(id));
      if (!article) return { ok: false, reason: 'not_found' };
      // Asking for the state it is already in changes nothing and logs nothing.
      if (published === (article.unpublishedAt === undefined)) return { ok: true, article };
      this.sql('UPDATE articles SET unpublished_at = ? WHERE id = ?').run(published ? null : now, Number(article.id));
      this.audit({ actor, action: published ? 'article.republish' : 'article.unpublish', itemType: 'article', itemId: article.id }, now);
      return { ok: true, article: this.articleBy('id', Number(article.id))! };
    });
  }

  /** Inside the caller's transaction: the article, its thread's comments and, when nothing else keeps it, its photo. */
  private removeArticle(article: ArticleRecord): { droppedPhoto?: string; comments: number } {
    const rowid = Number(article.id);
    const comments = this.sql('DELETE FROM comments WHERE thread = ?').run(article.thread).changes;
    const file = article.image?.media.file;
    // The story it came from stays on record, without the photo: a deleted article's picture is not kept public.
    if (file) this.sql('UPDATE stories SET photo_file = NULL WHERE photo_file = ?').run(file);
    this.sql('DELETE FROM articles WHERE id = ?').run(rowid);
    return { droppedPhoto: this.dropMedia(file), comments };
  }

  async deleteArticle(id: string, actor: string): Promise<DeleteArticleResult> {
    return this.audited((): DeleteArticleResult => {
      const article = this.articleBy('id', rowId(id));
      if (!article) return { ok: false, reason: 'not_found' };
      const removed = this.removeArticle(article);
      this.audit({ actor, action: 'article.delete', itemType: 'article', itemId: article.id });
      return { ok: true, article, ...removed };
    });
  }

  async listCategoriesWithCounts(): Promise<CategoryWithCount[]> {
    const rows = this.sql(
      `SELECT c.id, c.slug, c.name, (SELECT COUNT(*) FROM article_categories ac WHERE ac.category_id = c.id) AS articles
       FROM categories c ORDER BY c.name`,
    ).all() as Array<{ id: number; slug: string; name: string; articles: number }>;
    return rows.map((r) => ({ id: String(r.id), slug: r.slug, name: r.name, articles: r.articles }));
  }

  private categoryById(id: string): Term | undefined {
    const row = this.sql('SELECT id, slug, name FROM categories WHERE id = ?').get(rowId(id)) as { id: number; slug: string; name: string } | undefined;
    return row ? { id: String(row.id), slug: row.slug, name: row.name } : undefined;
  }

  async createCategory(category: { slug: string; name: string }, actor: string): Promise<CategoryResult> {
    return this.audited((): CategoryResult => {
      if (this.categoryRow(category.slug) || this.categoryRow(category.name)) return { ok: false, reason: 'duplicate' };
      const result = this.sql('INSERT INTO categories (slug, name) VALUES (?, ?)').run(category.slug, category.name);
      const id = String(result.lastInsertRowid);
      this.audit({ actor, action: 'category.add', itemType: 'category', itemId: id });
      return { ok: true, category: { id, ...category } };
    });
  }

  async renameCategory(id: string, name: string, actor: string): Promise<CategoryResult> {
    return this.audited((): CategoryResult => {
      const category = this.categoryById(id);
      if (!category) return { ok: false, reason: 'not_found' };
      const other = this.categoryRow(name);
      if (other && other.id !== category.id) return { ok: false, reason: 'duplicate' };
      // The slug stays: partners' pages filter by it (`category="…"`).
      this.sql('UPDATE categories SET name = ? WHERE id = ?').run(name, Number(category.id));
      this.audit({ actor, action: 'category.rename', itemType: 'category', itemId: category.id });
      return { ok: true, category: { ...category, name } };
    });
  }

  async removeCategory(id: string, moveTo: string | undefined, actor: string): Promise<RemoveCategoryResult> {
    return this.audited((): RemoveCategoryResult => {
      const category = this.categoryById(id);
      if (!category) return { ok: false, reason: 'not_found' };
      const rowid = Number(category.id);
      const articles = (this.sql('SELECT COUNT(*) AS n FROM article_categories WHERE category_id = ?').get(rowid) as { n: number }).n;
      if (articles > 0) {
        if (moveTo === undefined) return { ok: false, reason: 'in_use', articles };
        const target = this.categoryById(moveTo);
        if (!target || target.id === category.id) return { ok: false, reason: 'bad_target', articles };
        this.sql(
          `INSERT OR IGNORE INTO article_categories (article_id, category_id) SELECT article_id, ? FROM article_categories WHERE category_id = ?`,
        ).run(Number(target.id), rowid);
        this.sql('DELETE FROM article_categories WHERE category_id = ?').run(rowid);
      }
      // Stories still waiting that named it keep no category rather than a dangling one.
      this.sql('UPDATE stories SET category = NULL WHERE category = ? COLLATE NOCASE OR category = ? COLLATE NOCASE').run(category.slug, category.name);
      this.sql('DELETE FROM categories WHERE id = ?').run(rowid);
      this.audit({ actor, action: 'category.remove', itemType: 'category', itemId: category.id, detail: moveTo ? `articles moved to ${moveTo}` : undefined });
      return { ok: true, category, moved: articles };
    });
  }

  async deleteComment(id: string, actor: string): Promise<DeleteCommentResult> {
    return this.audited((): DeleteCommentResult => {
      const row = this.sql('SELECT * FROM comments WHERE id = ?').get(rowId(id)) as CommentRow | undefined;
      if (!row) return { ok: false, reason: 'not_found' };
      this.removeComment(row);
      this.audit({ actor, action: 'comment.delete', itemType: 'comment', itemId: String(row.id) });
      return { ok: true, comment: toComment(row) };
    });
  }

  async findEmailData(email: string): Promise<EmailData> {
    const stories = this.sql(
      `SELECT s.id, s.status, s.photo_file, a.id AS article_id, a.image_file FROM stories s LEFT JOIN articles a ON a.story_id = s.id
       WHERE s.email = ? COLLATE NOCASE ORDER BY s.id`,
    ).all(email) as Array<{ id: number; status: StoryStatus; photo_file: string | null; article_id: number | null; image_file: string | null }>;
    const comments = this.sql('SELECT id FROM comments WHERE author_email = ? COLLATE NOCASE ORDER BY id').all(email) as Array<{ id: number }>;
    return emailDataOf(stories, comments);
  }

  async eraseEmailData(data: EmailData, entry: AuditEntry): Promise<{ droppedPhotos: string[] }> {
    return this.audited(() => {
      const droppedPhotos: string[] = [];
      const keep = (file: string | undefined): void => {
        if (file) droppedPhotos.push(file);
      };
      for (const id of data.articles) {
        const article = this.articleBy('id', rowId(id));
        if (article) keep(this.removeArticle(article).droppedPhoto);
      }
      for (const id of data.comments) {
        const row = this.sql('SELECT id, parent_id FROM comments WHERE id = ?').get(rowId(id)) as { id: number; parent_id: number | null } | undefined;
        if (row) this.removeComment(row);
        // Kept answers that repeat the comment (its author, its text) go with it.
        this.sql(`DELETE FROM idempotency WHERE scope = ? OR (scope LIKE 'POST /threads/%' AND json_extract(body, '$.id') = ?)`).run(
          `POST /admin/comments/${id}`,
          id,
        );
      }
      for (const { id } of data.stories) {
        const story = this.storyRow(rowId(id));
        if (!story) continue;
        this.sql('DELETE FROM stories WHERE id = ?').run(Number(story.id));
        this.sql('DELETE FROM idempotency WHERE scope = ?').run(`POST /admin/stories/${id}`);
        keep(this.dropMedia(story.photo?.file));
      }
      this.audit(entry);
      return { droppedPhotos };
    });
  }

  async recordAudit(entries: AuditEntry[], at: number): Promise<void> {
    if (entries.length) await this.audited(() => entries.forEach((entry) => this.audit(entry, at)));
  }

  async listAudit(query: { page: number; perPage: number }): Promise<Paged<AuditRecord>> {
    return this.db.transaction(() => {
      const total = (this.sql('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
      const rows = this.sql('SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?').all(query.perPage, (query.page - 1) * query.perPage) as AuditRow[];
      return { items: rows.map(toAudit), total };
    })();
  }

  async listEditors(): Promise<EditorRecord[]> {
    const rows = this.sql('SELECT name, token_hash, created_at FROM editors ORDER BY name').all() as Array<{ name: string; token_hash: string; created_at: number }>;
    return rows.map((r) => ({ name: r.name, tokenHash: r.token_hash, createdAt: r.created_at }));
  }

  async addEditor(editor: EditorRecord): Promise<boolean> {
    return this.audited(() => {
      if (this.sql('SELECT 1 FROM editors WHERE name = ? COLLATE NOCASE').get(editor.name)) return false;
      this.sql('INSERT INTO editors (name, token_hash, created_at) VALUES (?, ?, ?)').run(editor.name, editor.tokenHash, editor.createdAt);
      this.audit({ actor: 'owner', action: 'editor.add', itemType: 'editor', itemId: editor.name }, editor.createdAt);
      return true;
    });
  }

  async removeEditor(name: string): Promise<boolean> {
    return this.audited(() => {
      const removed = this.sql('DELETE FROM editors WHERE name = ? COLLATE NOCASE').run(name).changes > 0;
      if (removed) this.audit({ actor: 'owner', action: 'editor.remove', itemType: 'editor', itemId: name });
      return removed;
    });
  }
}
