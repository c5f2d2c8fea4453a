/**
 * The embedded store: SQLite through better-sqlite3, with the logic every store
 * shares (sql-store.ts). Writes take turns on the one connection, each in one
 * IMMEDIATE transaction, so within this process no other write can run between
 * an idempotency check and its insert.
 */
import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { duplicateKey } from '../../src/core/rules/rules.js';
import { RENDERER_VERSION } from '../render.js';
import { RENDERED_TABLES, renderedBody, STALE_BODIES, STORE_RENDERED, type StoreOptions } from './rows.js';
import { articleTermTables, editorTables, idempotencyTable, renderedColumns, sourceTables, SQLITE_TYPES, termAndMediaTables } from './schema.js';
import { SqlStore, type Conn, type Dialect } from './sql-store.js';
import { notifyTables } from '../notify/schema.js';

/** The options of either store. */
export type SqliteOptions = StoreOptions;

/** The columns of a version 1 story: the table is rebuilt with them when its CHECK changes. */
const STORY_V1 = 'id, name, email, community, title, body, category, original_url, photo_file, photo_alt, status, received_at, moderated_at';

/** The definitions of those columns, `status` taking one of `statuses`. */
const storyColumns = (statuses: string): string => `
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
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN (${statuses})),
    received_at INTEGER NOT NULL,
    moderated_at INTEGER`;

/** Each entry moves the schema one version up; `PRAGMA user_version` says how far a file is. */
export const MIGRATIONS = [
  `
${termAndMediaTables(SQLITE_TYPES)}
  CREATE TABLE stories (${storyColumns("'pending', 'approved', 'rejected'")}
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
${articleTermTables(SQLITE_TYPES)}
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
${idempotencyTable(SQLITE_TYPES)}
  `,
  // Stories may be held as spam; both kinds keep why; idempotency answers expire by age.
  `
  CREATE TABLE stories_next (${storyColumns("'pending', 'approved', 'rejected', 'spam'")},
    spam_reason TEXT
  );
  INSERT INTO stories_next (${STORY_V1}) SELECT ${STORY_V1} FROM stories;
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
${editorTables(SQLITE_TYPES)}
  `,
  // Notices: the outbox of e-mail and webhooks, readers' subscriptions, editors' addresses.
  notifyTables(SQLITE_TYPES),
  // Markdown bodies are kept rendered (rows from before are rendered when the store opens).
  renderedColumns(),
  // Editors are owners or editors; those made before roles existed stay editors.
  `ALTER TABLE editors ADD COLUMN role TEXT NOT NULL DEFAULT 'editor' CHECK (role IN ('owner', 'editor'));`,
  // Sends held as spam before only a bot signal held them: those held by their timing alone
  // (any reason on a spam row was the server's then, never an editor's) wait for review, marked.
  `
  UPDATE stories SET status = 'pending' WHERE status = 'spam' AND spam_reason IN ('too_fast', 'no_timing');
  UPDATE comments SET status = 'pending' WHERE status = 'spam' AND spam_reason IN ('too_fast', 'no_timing');
  `,
  // Partners' feeds the server fetches and their items; what imports brought in.
  `
${sourceTables(SQLITE_TYPES)}
  `,
];

/** How many prepared statements the store keeps; the queries it makes have a few hundred shapes at most. */
const STATEMENTS_KEPT = 500;

const SQLITE: Dialect = {
  like: 'LIKE',
  // NOCASE folds ASCII letters only, as the stores always compared addresses and names here.
  sameText: (column) => `${column} = ? COLLATE NOCASE`,
  byName: '',
  insertOrSkip: (insert) => insert.replace(/^INSERT /, 'INSERT OR IGNORE '),
  jsonField: (column, field) => `json_extract(${column}, '$.${field}')`,
  storedKeys: false,
};

export class SqliteStore extends SqlStore {
  readonly db: Database.Database;

  constructor(path: string, options: SqliteOptions = {}) {
    super(SQLITE, options);
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
    this.renderStaleNow();
  }

  /**
   * `renderStale` at once, inside the constructor (which cannot wait for the shared, asynchronous
   * one), so no read of a freshly opened file sees a body not yet rendered.
   */
  private renderStaleNow(): void {
    for (const table of RENDERED_TABLES) {
      const stale = this.db.prepare(STALE_BODIES(table));
      const store = this.db.prepare(STORE_RENDERED(table));
      const batch = this.db.transaction((rows: Array<{ id: number; body: string }>) => {
        for (const row of rows) {
          const { body_html, body_renderer } = renderedBody(row.body);
          store.run(body_html, body_renderer, row.id);
        }
      });
      for (let rows; (rows = stale.all(RENDERER_VERSION) as Array<{ id: number; body: string }>).length; ) batch.immediate(rows);
    }
  }

  private readonly statements = new Map<string, Database.Statement>();

  /**
   * Prepared once per SQL text: preparing costs more than running these small queries. The texts
   * vary with a query's shape (the number of search words, of ids in a list), so the least
   * recently used go once there are more than STATEMENTS_KEPT.
   */
  private statement(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (statement) this.statements.delete(text);
    else if (this.statements.size >= STATEMENTS_KEPT) this.statements.delete(this.statements.keys().next().value!);
    this.statements.set(text, (statement ??= this.db.prepare(text)));
    return statement;
  }

  /** The statements themselves, on the one connection: what a write runs inside its transaction. */
  private readonly direct: Conn = {
    all: async <T>(text: string, ...params: unknown[]) => this.statement(text).all(...params) as T[],
    get: async <T>(text: string, ...params: unknown[]) => this.statement(text).get(...params) as T | undefined,
    run: async (text: string, ...params: unknown[]) => this.statement(text).run(...params).changes,
  };

  /** Set for the code a write runs, through all its awaits. */
  private readonly inWrite = new AsyncLocalStorage<true>();

  /**
   * Reads share the one connection with the writes, and a write keeps its transaction open
   * across its awaits: a read from outside that write waits for the writes under way, so it
   * never sees rows that may yet be rolled back. Reads made by the write itself go straight on.
   */
  private read<T>(run: () => Promise<T>): Promise<T> {
    return this.db.inTransaction && !this.inWrite.getStore() ? this.writing.then(run) : run();
  }

  protected override readonly reads: Conn = {
    all: (text, ...params) => this.read(() => this.direct.all(text, ...params)),
    get: (text, ...params) => this.read(() => this.direct.get(text, ...params)),
    run: (text, ...params) => this.read(() => this.direct.run(text, ...params)),
  };

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

  /**
   * SQLite's own count of commits by other connections to this file (`npm run import`, the
   * editor CLI, a second server): the response cache follows it, so their writes are in the next
   * read. This connection's own writes leave it alone; the server bumps its cache for those.
   */
  async dataVersion(): Promise<number> {
    return this.db.pragma('data_version', { simple: true }) as number;
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

  /**
   * Writes take turns: a write keeps its transaction open across its awaits, and on
   * one connection any statement run meanwhile would join that transaction. Reads need no turn.
   */
  private writing: Promise<unknown> = Promise.resolve();

  protected write<T>(work: (db: Conn) => Promise<T>): Promise<T> {
    const turn = this.writing.then(async () => {
      // Inside `batch` (the first-start seed) the transaction is already open: a savepoint nests in it.
      const nested = this.db.inTransaction;
      this.db.exec(nested ? 'SAVEPOINT write' : 'BEGIN IMMEDIATE');
      try {
        const result = await this.inWrite.run(true, () => work(this.direct));
        this.db.exec(nested ? 'RELEASE write' : 'COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec(nested ? 'ROLLBACK TO write; RELEASE write' : 'ROLLBACK');
        throw error;
      }
    });
    this.writing = turn.catch(() => undefined);
    return turn;
  }
}
