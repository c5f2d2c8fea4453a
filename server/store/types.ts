/**
 * The one storage interface of the reference server. The routes see only
 * this: no SQL, no driver. SQLite (sqlite.ts) and PostgreSQL (postgres.ts)
 * implement it with one shared body of logic (sql-store.ts); each write is one transaction.
 *
 * Times are milliseconds since the epoch (UTC); the wire layer formats them.
 */

export interface Term {
  id: string;
  slug: string;
  name: string;
}

export interface Media {
  /** File name under the uploads directory, e.g. `3f2a….png`. */
  file: string;
  /** The type its bytes were sniffed as (or, for generated SVG, the type it was written as). */
  type: string;
  width?: number;
  height?: number;
  size: number;
}

export interface ArticleRecord {
  id: string;
  slug: string;
  /** The comment thread of the article's page, e.g. `/artikel/<slug>`. */
  thread: string;
  title: string;
  excerpt: string;
  /** Markdown. */
  body: string;
  /** The body rendered and sanitised once, when written (server/render.ts). */
  bodyHtml: string;
  publishedAt: number;
  updatedAt?: number;
  author?: { name: string; url?: string };
  image?: { media: Media; alt: string };
  categories: Term[];
  tags: Term[];
  commentCount: number;
  /** Set while an editor has taken the article off the site; the public reads never show it then. */
  unpublishedAt?: number;
}

/** What makes an article: its record's own text and times; author and image flat; terms by slug. */
export interface NewArticle extends Pick<ArticleRecord, 'slug' | 'thread' | 'title' | 'excerpt' | 'body' | 'publishedAt' | 'updatedAt'> {
  authorName?: string;
  authorUrl?: string;
  imageFile?: string;
  imageAlt?: string;
  /** Slugs of existing categories. */
  categories: string[];
  /** Tags by slug; created when missing. */
  tags: Array<{ slug: string; name: string }>;
}

export interface ArticleQuery {
  page: number;
  perPage: number;
  category?: string;
  tag?: string;
  /** Words searched in title, excerpt and body. */
  q?: string;
}

export type StoryStatus = 'pending' | 'approved' | 'rejected' | 'spam';

/** Why a send was held as spam instead of entering the queue, e.g. `honeypot` or `too_fast`. */
export type SpamReason = string;

export interface NewStory {
  name: string;
  email: string;
  community?: string;
  title: string;
  body: string;
  category?: string;
  originalUrl?: string;
  photoFile?: string;
  photoAlt?: string;
  receivedAt: number;
  /** Set when the send looked automated: the story is kept with status `spam`. */
  spamReason?: SpamReason;
  /** The writer asked to hear of its publication by e-mail (double opt-in). */
  notify?: boolean;
}

export interface StoryRecord extends Omit<NewStory, 'photoFile' | 'notify'> {
  id: string;
  status: StoryStatus;
  photo?: Media;
  articleId?: string;
}

export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'spam';

export interface NewComment {
  thread: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl?: string;
  body: string;
  createdAt: number;
  /** Seeded comments arrive approved; readers' comments always start pending. */
  status?: CommentStatus;
  /** Set when the send looked automated: the comment is kept with status `spam`. */
  spamReason?: SpamReason;
  /** The site the comment was sent from (the request's `Origin`), when known. */
  origin?: string;
  /** The author asked to hear of its publication and of replies by e-mail (double opt-in). */
  notify?: boolean;
}

export interface CommentRecord extends Required<Omit<NewComment, 'authorUrl' | 'spamReason' | 'origin' | 'notify'>> {
  id: string;
  /** The body rendered and sanitised once, when written (server/render.ts). */
  bodyHtml: string;
  authorUrl?: string;
  spamReason?: SpamReason;
  origin?: string;
  status: CommentStatus;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

/** An answer kept for an idempotency key: replayed byte for byte. */
export interface Answer {
  status: number;
  body: unknown;
  /** Seconds to wait, for a 429: sent as `Retry-After`, never kept (only 2xx answers are). */
  retryAfter?: number;
}

export interface Claim {
  /** The route, e.g. `POST /stories`, so one key can be used on two routes. */
  scope: string;
  key: string;
  /** A hash of what was asked, to tell a retry from a reused key. */
  requestHash: string;
}

/**
 * The outcome of a write that carries an idempotency claim: done now, an
 * earlier answer replayed, or the key already used for a different request.
 */
export type Once = { kind: 'fresh' | 'replayed'; answer: Answer } | { kind: 'reused' };

export type CreateStoryResult = { ok: true; story: StoryRecord } | { ok: false; reason: 'duplicate' };
export type CreateCommentResult =
  | { ok: true; comment: CommentRecord }
  | { ok: false; reason: 'duplicate' | 'parent_not_found' };
export type ModerationAction = 'approve' | 'reject' | 'spam' | 'delete';

export type ModerateResult<T> =
  | {
      ok: true;
      /** The record after the action; for `delete`, as it was just before. */
      record: T;
      article?: ArticleRecord;
      deleted?: boolean;
      /** A photo no record points at any more: its bytes are to be removed. */
      droppedPhoto?: string;
      /** The record was in that state already: nothing changed (and nothing is logged). */
      unchanged?: true;
    }
  | { ok: false; reason: 'not_found' | 'already_moderated' };

/** The two lists an editor works through: what waits for review, and what was held as spam. */
export type QueueStatus = 'pending' | 'spam';

export interface QueueQuery {
  status: QueueStatus;
  sort: 'oldest' | 'newest';
  page: number;
  perPage: number;
}

export interface Queue {
  stories: Paged<StoryRecord>;
  comments: Paged<CommentRecord>;
  /** How many records each status holds, for the tabs. */
  counts: { stories: Record<StoryStatus, number>; comments: Record<CommentStatus, number> };
}

/** Builds the article an approved story becomes, given the slug of its category when it names one. */
export type ArticleOf = (story: StoryRecord, categorySlug: string | undefined) => NewArticle;

/**
 * The writes that take an idempotency claim. They exist only inside `Store.once`,
 * which runs them in its transaction: the caller turns their results into the answer.
 */
export interface StoreTx {
  createStory(story: NewStory): Promise<CreateStoryResult>;
  createComment(comment: NewComment): Promise<CreateCommentResult>;
  /**
   * Approving publishes the story as `article(story)` (from pending or spam);
   * rejecting moves it out of the queue and drops its photo; `spam` moves a
   * pending story to the spam list; `delete` removes a story that was never published.
   */
  moderateStory(id: string, action: ModerationAction, article: ArticleOf): Promise<ModerateResult<StoryRecord>>;
  moderateComment(id: string, action: ModerationAction): Promise<ModerateResult<CommentRecord>>;
  /**
   * A token from the buckets every server shares, taken inside this transaction (stores
   * without shared buckets leave it out). A send's allowance is spent here, after its
   * key was found new, so a copy that waited for the first costs nothing.
   */
  takeToken?(bucket: string, key: string, capacity: number, refillMs: number): Promise<{ ok: true } | { ok: false; retryAfter: number }>;
}

/** Builds the answer of a write from inside the transaction; only `tx` may be written through. */
export type Work = (tx: StoreTx) => Promise<Answer>;

// Content management -------------------------------------------------------------

/** Who did what to which item, and when: one line of the editors' audit log. */
export interface AuditEntry {
  /** An editor's name, or `owner` for the server's own admin token. */
  actor: string;
  /** e.g. `story.approve`, `article.unpublish`, `category.remove`, `email.erase`. */
  action: string;
  itemType: 'story' | 'comment' | 'article' | 'category' | 'spam' | 'email' | 'editor' | 'queue' | 'photo' | 'signin' | 'source';
  itemId: string;
  /** A short note without personal data, e.g. the fields an edit changed. */
  detail?: string;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: number;
}

/** What an editor may change in a story before approving it; `category` by slug or name, `null` for none. */
export interface StoryEdit {
  title?: string;
  body?: string;
  name?: string;
  category?: string | null;
}

export type EditStoryResult = { ok: true; story: StoryRecord } | { ok: false; reason: 'not_found' | 'already_moderated' | 'unknown_category' };

/** What an editor may change in an article; `categories` are slugs, at least one when given. */
export interface ArticleEdit {
  title?: string;
  body?: string;
  excerpt?: string;
  authorName?: string;
  categories?: string[];
}

export type ArticleResult = { ok: true; article: ArticleRecord } | { ok: false; reason: 'not_found' | 'unknown_category' };
export type DeleteArticleResult = { ok: true; article: ArticleRecord; droppedPhoto?: string; comments: number } | { ok: false; reason: 'not_found' };

export interface CategoryWithCount extends Term {
  articles: number;
}

export type CategoryResult = { ok: true; category: Term } | { ok: false; reason: 'not_found' | 'duplicate' };
export type RemoveCategoryResult =
  | { ok: true; category: Term; moved: number }
  | { ok: false; reason: 'not_found' | 'in_use' | 'bad_target'; articles?: number };

export type DeleteCommentResult = { ok: true; comment: CommentRecord } | { ok: false; reason: 'not_found' };

/** Everything stored under one e-mail address: what an erasure would remove. */
export interface EmailData {
  /** The address itself, as asked: its notices (subscriptions, queued mail) go with it. */
  email?: string;
  stories: Array<{ id: string; status: StoryStatus; articleId?: string }>;
  comments: string[];
  /** Articles published from those stories. */
  articles: string[];
  /** Photo files of those stories and articles. */
  photos: string[];
}

/** The owner may do everything; an editor moderates and edits, but cannot delete articles, empty the spam, erase an address or manage categories. */
export type EditorRole = 'owner' | 'editor';

export interface EditorRecord {
  name: string;
  role: EditorRole;
  /** Hex SHA-256 of the editor's token; the token itself is never stored. */
  tokenHash: string;
  createdAt: number;
}

// Partner sources ---------------------------------------------------------------

/** A partner's feed the server fetches (RSS, Atom, JSON Feed, or a WordPress site's feed). */
export interface SourceRecord {
  id: string;
  /** What the editor gave: a feed's URL or a site's. */
  url: string;
  label: string;
  /** Where the feed was last found (the URL itself, or a WordPress site's `/feed/`). */
  feedUrl?: string;
  /** The partner's home page, from the feed. */
  siteUrl?: string;
  intervalMs: number;
  addedAt: number;
  addedBy: string;
  etag?: string;
  lastModified?: string;
  lastFetchAt?: number;
  lastOkAt?: number;
  nextFetchAt: number;
  /** Failed fetches in a row: the wait before the next one doubles with each. */
  failures: number;
  /** A code from `SOURCE_ERRORS` (server/sources/errors.ts), when the last fetch failed. */
  lastError?: string;
  /** How many items the server keeps of it. */
  items: number;
}

export interface NewSource {
  url: string;
  label: string;
  intervalMs: number;
  addedAt: number;
  addedBy: string;
}

/** One item of a partner's feed, already made safe: plain text, absolute http(s) URLs, a sane date. */
export interface SourceItem {
  /** The feed's own id (GUID), or its link when it gives none. */
  guid: string;
  url: string;
  title: string;
  excerpt: string;
  publishedAt: number;
  updatedAt?: number;
  authorName?: string;
  image?: { src: string; width?: number; height?: number; alt: string };
}

export interface SourceItemRecord extends SourceItem {
  id: string;
  source: { id: string; label: string; link?: string };
}

/** What one fetch found: the new state, and the items when the feed was read. */
export interface SourceFetch {
  at: number;
  nextFetchAt: number;
  failures: number;
  error?: string;
  etag?: string;
  lastModified?: string;
  feedUrl?: string;
  siteUrl?: string;
  /** Present when the feed was read anew (not on a 304 or a failure): items are upserted by GUID. */
  items?: SourceItem[];
}

/** An entry of the public list: an article of this site, or an item of a partner's feed. */
export type FeedEntry = { kind: 'article'; article: ArticleRecord } | { kind: 'partner'; item: SourceItemRecord };

export interface FeedQuery extends ArticleQuery {
  /** A source's id (only its items), or `own` (only this site's articles). */
  source?: string;
}

export type AddSourceResult = { ok: true; source: SourceRecord } | { ok: false; reason: 'duplicate' };

// Imports and export ------------------------------------------------------------

/** Where an imported record came from: the export (`wordpress:<site>`, `disqus:<forum>`, `kabar:<site>`), its kind and its id there. */
export interface ImportKey {
  source: string;
  kind: 'article' | 'comment';
  externalId: string;
}

/** The local record an imported one is; `added` is false when an earlier run had brought it already. */
export interface ImportResult {
  id: string;
  added: boolean;
}

/** Everything of a site but the spam, as `npm run export` writes it (times in milliseconds). */
export interface SiteDump {
  categories: Array<{ slug: string; name: string }>;
  articles: Array<ArticleRecord & { categorySlugs: string[] }>;
  comments: CommentRecord[];
  sources: Array<{ url: string; label: string; intervalMs: number }>;
}

export interface Store {
  /** An article from elsewhere, once: matched by its key, or by its slug; `unpublishedAt` keeps it off the site. */
  importArticle(article: NewArticle & { unpublishedAt?: number }, key: ImportKey): Promise<ImportResult>;
  /** A comment from elsewhere, once: matched by its key, or as a duplicate of one already here; a missing parent makes it top-level. */
  importComment(comment: NewComment, key: ImportKey): Promise<ImportResult>;
  /** Everything but the spam, for `npm run export`. */
  dump(): Promise<SiteDump>;

  /** Articles and partners' items together, newest first. */
  listFeed(query: FeedQuery): Promise<Paged<FeedEntry>>;
  getSourceItem(id: string): Promise<SourceItemRecord | undefined>;
  listSources(): Promise<SourceRecord[]>;
  getSource(id: string): Promise<SourceRecord | undefined>;
  addSource(source: NewSource): Promise<AddSourceResult>;
  /** Removes the source and its items; `false` when there was none. */
  removeSource(id: string, actor: string): Promise<boolean>;
  /** Sources whose next fetch is due. */
  dueSources(now: number): Promise<SourceRecord[]>;
  /** Records a fetch in one transaction; items beyond `keep` (the oldest) are dropped. Answers whether items changed. */
  recordFetch(id: string, fetch: SourceFetch, keep: number): Promise<boolean>;

  listArticles(query: ArticleQuery): Promise<Paged<ArticleRecord>>;
  getArticle(id: string): Promise<ArticleRecord | undefined>;
  getArticleBySlug(slug: string): Promise<ArticleRecord | undefined>;
  listCategories(): Promise<Term[]>;
  /** By slug or by name, case-insensitive. */
  findCategory(slugOrName: string): Promise<Term | undefined>;
  listComments(thread: string, query: { page: number; perPage: number; sort: 'oldest' | 'newest' }): Promise<Paged<CommentRecord>>;
  getComment(id: string): Promise<CommentRecord | undefined>;
  /** Approved comments per thread; threads without any answer 0. */
  countComments(threads: string[]): Promise<Record<string, number>>;
  /** One page of each list of the moderation queue, and the counts per status. */
  queue(query: QueueQuery): Promise<Queue>;
  getStory(id: string): Promise<StoryRecord | undefined>;
  getMedia(file: string): Promise<Media | undefined>;
  isEmpty(): Promise<boolean>;

  addMedia(media: Media): Promise<void>;
  addCategory(category: { slug: string; name: string }): Promise<Term>;
  addArticle(article: NewArticle): Promise<ArticleRecord>;

  /**
   * The earlier answer for a claim, without writing anything: `undefined` when the
   * key is new. A cheap early exit; the writes below check again in their transaction.
   */
  findAnswer(claim: Claim): Promise<Once | undefined>;

  /**
   * The one door for writes that carry an idempotency claim, as ONE transaction:
   * the claim is checked (a repeat gets the kept answer, a different request under
   * the same key `reused`), `work` writes and builds the answer, and a 2xx answer
   * is kept for the claim. Concurrent calls with one claim, on one server or
   * several sharing the database, make one record and one answer. A non-2xx
   * answer is not kept, so the sender may correct the request and retry.
   */
  once(claim: Claim | undefined, work: Work): Promise<Once>;
  /** The same action on many records, all in one transaction; one result per id, in order. */
  moderateMany(
    kind: 'stories' | 'comments',
    ids: string[],
    action: ModerationAction,
    article: ArticleOf,
  ): Promise<Array<ModerateResult<StoryRecord> | ModerateResult<CommentRecord>>>;
  /** Deletes every story and comment held as spam; answers how many and the photos to remove. */
  emptySpam(): Promise<{ stories: number; comments: number; droppedPhotos: string[] }>;
  /**
   * Removes a bounded number of expired rows: idempotency answers older than
   * their lifetime and spam older than its lifetime. Answers the photos to remove.
   */
  prune(now: number): Promise<{ idempotency: number; spam: number; droppedPhotos: string[] }>;

  // Content management. Every write below also appends its audit entry in the same transaction.

  /** Every article, published or not, newest first; `q` as in `listArticles`. */
  listAllArticles(query: { page: number; perPage: number; q?: string }): Promise<Paged<ArticleRecord>>;
  /** One article whether published or not. */
  getAnyArticle(id: string): Promise<ArticleRecord | undefined>;
  /** Only a story still waiting (pending or spam) can be edited. */
  editStory(id: string, edit: StoryEdit, actor: string): Promise<EditStoryResult>;
  editArticle(id: string, edit: ArticleEdit, actor: string, now: number): Promise<ArticleResult>;
  setArticlePublished(id: string, published: boolean, actor: string, now: number): Promise<ArticleResult>;
  /** Removes the article and its thread's comments; answers its photo when no record keeps it. */
  deleteArticle(id: string, actor: string): Promise<DeleteArticleResult>;
  listCategoriesWithCounts(): Promise<CategoryWithCount[]>;
  createCategory(category: { slug: string; name: string }, actor: string): Promise<CategoryResult>;
  renameCategory(id: string, name: string, actor: string): Promise<CategoryResult>;
  /** Refuses (`in_use`) while articles carry it, unless `moveTo` names another category to move them to. */
  removeCategory(id: string, moveTo: string | undefined, actor: string): Promise<RemoveCategoryResult>;
  /** Deletes a comment whatever its status; its replies answer its parent instead. */
  deleteComment(id: string, actor: string): Promise<DeleteCommentResult>;
  /** What is stored under an e-mail address (case-insensitive). */
  findEmailData(email: string): Promise<EmailData>;
  /** Deletes exactly the records listed (as found by `findEmailData`); answers the photos to remove. */
  eraseEmailData(data: EmailData, entry: AuditEntry): Promise<{ droppedPhotos: string[] }>;

  /** Appends entries for writes done elsewhere (moderation), in one transaction. */
  recordAudit(entries: AuditEntry[], at: number): Promise<void>;
  /** Newest first. */
  listAudit(query: { page: number; perPage: number }): Promise<Paged<AuditRecord>>;

  listEditors(): Promise<EditorRecord[]>;
  /** `false` when the name is taken. */
  addEditor(editor: EditorRecord): Promise<boolean>;
  /** `false` when there was no such editor. */
  removeEditor(name: string): Promise<boolean>;

  /**
   * Runs many writes as one unit where the store can, for the first-start seed.
   * Only for use while nothing else writes (before the server listens).
   */
  batch<T>(writes: () => Promise<T>): Promise<T>;

  close(): void;

  // Shared state of several servers on one database. A store that only one process
  // serves (SQLite) leaves `takeToken` out: limits then live in that process.

  /** Takes a token from a bucket kept for every server (`capacity`, one more every `refillMs`). */
  takeToken?(bucket: string, key: string, capacity: number, refillMs: number): Promise<{ ok: true } | { ok: false; retryAfter: number }>;
  /** A number that changes with every committed write, on any server or tool: public answers computed before it changed are stale. */
  dataVersion?(): Promise<number>;
}

/**
 * The database is away (no connection, a broken one, a restart): nothing was decided, and the
 * same request may be sent again. Answered 503 with `Retry-After`; the store reconnects by itself.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
