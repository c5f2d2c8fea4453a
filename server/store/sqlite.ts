/**
 * The embedded store: SQLite through better-sqlite3. Every statement is
 * parameterised; every write is one synchronous transaction, so within this
 * process no other request can run between an idempotency check and its insert.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  Answer,
  ArticleQuery,
  ArticleRecord,
  Claim,
  CommentRecord,
  CommentStatus,
  CreateCommentResult,
  CreateStoryResult,
  Media,
  ModerateResult,
  NewArticle,
  NewComment,
  NewStory,
  Once,
  Paged,
  Render,
  Store,
  StoryRecord,
  StoryStatus,
  Term,
} from './types.js';

/** Each entry moves the schema one version up; `PRAGMA user_version` says how far a file is. */
const MIGRATIONS = [
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
  // Threads are keyed by site and path; the site a comment came from is kept. Comments from
  // before have none: they answer for their path on every site, as they always did.
  `ALTER TABLE comments ADD COLUMN origin TEXT;`,
];

interface ArticleRow {
  id: number;
  slug: string;
  thread: string;
  title: string;
  excerpt: string;
  body: string;
  published_at: number;
  updated_at: number | null;
  author_name: string | null;
  author_url: string | null;
  image_alt: string | null;
  file: string | null;
  type: string | null;
  width: number | null;
  height: number | null;
  size: number | null;
  comment_count: number;
}

interface StoryRow {
  id: number;
  name: string;
  email: string;
  community: string | null;
  title: string;
  body: string;
  category: string | null;
  original_url: string | null;
  photo_alt: string | null;
  status: StoryStatus;
  received_at: number;
  article_id: number | null;
  file: string | null;
  type: string | null;
  width: number | null;
  height: number | null;
  size: number | null;
}

interface CommentRow {
  id: number;
  thread: string;
  origin: string | null;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  author_url: string | null;
  body: string;
  status: CommentStatus;
  created_at: number;
}

const ARTICLE_COLUMNS = `
  a.id, a.slug, a.thread, a.title, a.excerpt, a.body, a.published_at, a.updated_at,
  a.author_name, a.author_url, a.image_alt, m.file, m.type, m.width, m.height, m.size,
  (SELECT COUNT(*) FROM comments c WHERE c.thread = a.thread AND c.status = 'approved') AS comment_count`;

const STORY_COLUMNS = `
  s.id, s.name, s.email, s.community, s.title, s.body, s.category, s.original_url, s.photo_alt,
  s.status, s.received_at, m.file, m.type, m.width, m.height, m.size,
  (SELECT a.id FROM articles a WHERE a.story_id = s.id) AS article_id`;

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function mediaOf(row: { file: string | null; type: string | null; width: number | null; height: number | null; size: number | null }): Media | undefined {
  if (!row.file || !row.type) return undefined;
  return { file: row.file, type: row.type, width: opt(row.width), height: opt(row.height), size: row.size ?? 0 };
}

function toComment(row: CommentRow): CommentRecord {
  return {
    id: String(row.id),
    thread: row.thread,
    parentId: row.parent_id === null ? null : String(row.parent_id),
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: opt(row.author_url),
    body: row.body,
    createdAt: row.created_at,
    status: row.status,
    origin: opt(row.origin),
  };
}

/**
 * Rows of a thread: its own, and for a thread keyed by a page's full URL the
 * comments stored before threads had sites (path only, no origin).
 */
const IN_THREAD = '(thread = ? OR (thread = ? AND origin IS NULL))';

function threadArgs(thread: string): [string, string] {
  if (!/^https?:\/\//i.test(thread)) return [thread, thread];
  try {
    return [thread, new URL(thread).pathname];
  } catch {
    return [thread, thread];
  }
}

function toStory(row: StoryRow): StoryRecord {
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
    articleId: row.article_id === null ? undefined : String(row.article_id),
  };
}

/** `%` and `_` typed by a reader are literal characters, not wildcards. */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Ids on the wire are strings; anything that is not a plain positive integer matches nothing. */
const rowId = (id: string): number => (/^[1-9]\d{0,15}$/.test(id) ? Number(id) : -1);

export class SqliteStore implements Store {
  readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL: a COMMIT is on disk before the 201 leaves, so even a power cut keeps it.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once per distinct SQL text: preparing costs more than running these small queries. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let next = version; next < MIGRATIONS.length; next++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[next]);
        this.db.pragma(`user_version = ${next + 1}`);
      })();
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
    const byArticle = new Map<number, Term[]>();
    if (!ids.length) return byArticle;
    const link = table === 'categories' ? 'article_categories' : 'article_tags';
    const column = table === 'categories' ? 'category_id' : 'tag_id';
    const rows = this.db
      .prepare(
        `SELECT l.article_id, t.id, t.slug, t.name FROM ${link} l JOIN ${table} t ON t.id = l.${column}
         WHERE l.article_id IN (${ids.map(() => '?').join(',')}) ORDER BY t.name`,
      )
      .all(...ids) as Array<{ article_id: number; id: number; slug: string; name: string }>;
    for (const row of rows) {
      const list = byArticle.get(row.article_id) ?? [];
      list.push({ id: String(row.id), slug: row.slug, name: row.name });
      byArticle.set(row.article_id, list);
    }
    return byArticle;
  }

  private articlesFrom(rows: ArticleRow[]): ArticleRecord[] {
    const ids = rows.map((r) => r.id);
    const categories = this.termsOf('categories', ids);
    const tags = this.termsOf('tags', ids);
    return rows.map((row) => {
      const media = mediaOf(row);
      return {
        id: String(row.id),
        slug: row.slug,
        thread: row.thread,
        title: row.title,
        excerpt: row.excerpt,
        body: row.body,
        publishedAt: row.published_at,
        updatedAt: opt(row.updated_at),
        author: row.author_name ? { name: row.author_name, url: opt(row.author_url) } : undefined,
        image: media ? { media, alt: row.image_alt ?? '' } : undefined,
        categories: categories.get(row.id) ?? [],
        tags: tags.get(row.id) ?? [],
        commentCount: row.comment_count,
      };
    });
  }

  private articleWhere(query: ArticleQuery): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
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
      clauses.push(`(a.title LIKE ? ESCAPE '\\' OR a.excerpt LIKE ? ESCAPE '\\' OR a.body LIKE ? ESCAPE '\\')`);
      const pattern = likePattern(word);
      params.push(pattern, pattern, pattern);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  async listArticles(query: ArticleQuery): Promise<Paged<ArticleRecord>> {
    const { sql, params } = this.articleWhere(query);
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

  async getArticle(id: string): Promise<ArticleRecord | undefined> {
    return this.articleBy('id', rowId(id));
  }

  async getArticleBySlug(slug: string): Promise<ArticleRecord | undefined> {
    return this.articleBy('slug', slug);
  }

  async listCategories(): Promise<Term[]> {
    const rows = this.sql('SELECT id, slug, name FROM categories ORDER BY name').all() as Array<{ id: number; slug: string; name: string }>;
    return rows.map((r) => ({ id: String(r.id), slug: r.slug, name: r.name }));
  }

  async findCategory(slugOrName: string): Promise<Term | undefined> {
    const row = this.db
      .prepare('SELECT id, slug, name FROM categories WHERE slug = ? COLLATE NOCASE OR name = ? COLLATE NOCASE LIMIT 1')
      .get(slugOrName, slugOrName) as { id: number; slug: string; name: string } | undefined;
    return row ? { id: String(row.id), slug: row.slug, name: row.name } : undefined;
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

  async pendingStories(): Promise<StoryRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT ${STORY_COLUMNS} FROM stories s LEFT JOIN media m ON m.file = s.photo_file
         WHERE s.status = 'pending' ORDER BY s.received_at, s.id`,
      )
      .all() as StoryRow[];
    return rows.map(toStory);
  }

  async pendingComments(): Promise<CommentRecord[]> {
    const rows = this.sql(`SELECT * FROM comments WHERE status = 'pending' ORDER BY created_at, id`).all() as CommentRow[];
    return rows.map(toComment);
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
    this.insertMedia(media);
  }

  private insertMedia(media: Media): void {
    this.db
      .prepare('INSERT OR IGNORE INTO media (file, type, width, height, size) VALUES (?, ?, ?, ?, ?)')
      .run(media.file, media.type, media.width ?? null, media.height ?? null, media.size);
  }

  async addCategory(category: { slug: string; name: string }): Promise<Term> {
    const result = this.sql('INSERT INTO categories (slug, name) VALUES (?, ?)').run(category.slug, category.name);
    return { id: String(result.lastInsertRowid), slug: category.slug, name: category.name };
  }

  async addArticle(article: NewArticle): Promise<ArticleRecord> {
    return this.db.transaction(() => this.insertArticle(article, null))();
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
   * The heart of idempotency: check the claim, run the write, render and keep
   * the answer, all in one synchronous transaction. A write that fails (a 4xx)
   * is not kept, so the sender may correct the request and retry with the same key.
   */
  private once<R>(claim: Claim | undefined, write: () => R, render: Render<R>): Once {
    return this.db.transaction((): Once => {
      const earlier = claim && this.answerFor(claim);
      if (earlier) return earlier;
      const answer = render(write());
      if (claim && answer.status >= 200 && answer.status < 300) {
        this.db
          .prepare('INSERT INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(claim.scope, claim.key, claim.requestHash, answer.status, JSON.stringify(answer.body), Date.now());
      }
      return { kind: 'fresh', answer };
    }).immediate();
  }

  async findAnswer(claim: Claim): Promise<Once | undefined> {
    return this.answerFor(claim);
  }

  async keepAnswer(claim: Claim | undefined, answer: Answer): Promise<Once> {
    return this.once(claim, () => answer, (a) => a);
  }

  async createStory(story: NewStory, claim: Claim | undefined, render: Render<CreateStoryResult>): Promise<Once> {
    return this.once(
      claim,
      (): CreateStoryResult => {
        // The same sender sending the same title again while the first waits for review.
        const twin = this.db
          .prepare(`SELECT 1 FROM stories WHERE email = ? COLLATE NOCASE AND title = ? AND status = 'pending'`)
          .get(story.email, story.title);
        if (twin) return { ok: false, reason: 'duplicate' };
        const result = this.db
          .prepare(
            `INSERT INTO stories (name, email, community, title, body, category, original_url, photo_file, photo_alt, received_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
          );
        return { ok: true, story: this.storyRow(Number(result.lastInsertRowid))! };
      },
      render,
    );
  }

  async createComment(comment: NewComment, claim: Claim | undefined, render: Render<CreateCommentResult>): Promise<Once> {
    return this.once(
      claim,
      (): CreateCommentResult => {
        if (comment.parentId !== null) {
          const parent = this.db
            .prepare(`SELECT 1 FROM comments WHERE id = ? AND ${IN_THREAD} AND status IN ('approved', 'pending')`)
            .get(rowId(comment.parentId), ...threadArgs(comment.thread));
          if (!parent) return { ok: false, reason: 'parent_not_found' };
        }
        const twin = this.db
          .prepare(`SELECT 1 FROM comments WHERE thread = ? AND author_email = ? COLLATE NOCASE AND body = ? AND status != 'rejected'`)
          .get(comment.thread, comment.authorEmail, comment.body);
        if (twin) return { ok: false, reason: 'duplicate' };
        const result = this.db
          .prepare(
            `INSERT INTO comments (thread, parent_id, author_name, author_email, author_url, body, status, created_at, origin)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            comment.thread,
            comment.parentId === null ? null : rowId(comment.parentId),
            comment.authorName,
            comment.authorEmail,
            comment.authorUrl ?? null,
            comment.body,
            comment.status ?? 'pending',
            comment.createdAt,
            comment.origin ?? null,
          );
        const row = this.sql('SELECT * FROM comments WHERE id = ?').get(result.lastInsertRowid) as CommentRow;
        return { ok: true, comment: toComment(row) };
      },
      render,
    );
  }

  async moderateStory(
    id: string,
    action: 'approve' | 'reject',
    article: (story: StoryRecord) => NewArticle,
    claim: Claim | undefined,
    render: Render<ModerateResult<StoryRecord>>,
  ): Promise<Once> {
    return this.once(
      claim,
      (): ModerateResult<StoryRecord> => {
        const story = this.storyRow(rowId(id));
        if (!story) return { ok: false, reason: 'not_found' };
        const target: StoryStatus = action === 'approve' ? 'approved' : 'rejected';
        // Asking again for what is already done is answered as done; changing one's mind is a conflict.
        if (story.status === target) {
          return { ok: true, record: story, article: story.articleId ? this.articleBy('id', Number(story.articleId)) : undefined };
        }
        if (story.status !== 'pending') return { ok: false, reason: 'already_moderated' };
        this.sql('UPDATE stories SET status = ?, moderated_at = ? WHERE id = ?').run(target, Date.now(), Number(story.id));
        const published = action === 'approve' ? this.insertArticle(article(story), Number(story.id)) : undefined;
        return { ok: true, record: this.storyRow(Number(story.id))!, article: published };
      },
      render,
    );
  }

  async moderateComment(
    id: string,
    action: 'approve' | 'reject' | 'spam',
    claim: Claim | undefined,
    render: Render<ModerateResult<CommentRecord>>,
  ): Promise<Once> {
    return this.once(
      claim,
      (): ModerateResult<CommentRecord> => {
        const row = this.sql('SELECT * FROM comments WHERE id = ?').get(rowId(id)) as CommentRow | undefined;
        if (!row) return { ok: false, reason: 'not_found' };
        const target: CommentStatus = action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'spam';
        if (row.status !== target && row.status !== 'pending') return { ok: false, reason: 'already_moderated' };
        if (row.status !== target) this.sql('UPDATE comments SET status = ?, moderated_at = ? WHERE id = ?').run(target, Date.now(), row.id);
        return { ok: true, record: { ...toComment(row), status: target } };
      },
      render,
    );
  }
}
