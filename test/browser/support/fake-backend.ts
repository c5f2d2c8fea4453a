/**
 * The one thing element tests fake: a `Backend` that records every call and
 * answers as the test scripts it. Reads answer from what it holds (articles,
 * categories, comment pages, counts); sends answer by call number. Any read
 * can be held mid-request (`hold`/`release`) or made to fail (`failure`), and
 * a listing can hand a stale copy to `onStale` first, as the http cache would.
 */
import { BackendError, PartialBackend, type CallOptions } from '../../../src/backends/backend.js';
import type { Article, Comment, CommentCounts, ListArticlesQuery, ListCommentsQuery, NewComment, Page } from '../../../src/backends/types.js';
import type { StoryReceipt, StorySubmission, Term } from '../../../src/backends/types.js';

/** A picture the test page may load (same origin): the card never draws data: or script URLs. */
export const PICTURE = new URL('./pixel.svg', import.meta.url).href;

/** An article for tests; `hoursAgo` sets its publish time relative to now. */
export function article(id: string, hoursAgo = 1, extra: Partial<Article> = {}): Article {
  return {
    id,
    url: `https://news.example.org/artikel/${id}`,
    title: `Artikel ${id}`,
    excerpt: `Ringkasan artikel ${id} yang cukup panjang untuk dipotong di tengah kalimat oleh kartu.`,
    publishedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
    author: { name: 'Sari' },
    image: { src: PICTURE, width: 640, height: 360, alt: `Foto ${id}` },
    categories: [{ id: '1', slug: 'warga', name: 'Warga' }],
    tags: [],
    ...extra,
  };
}

/** `count` articles, newest first, an hour apart, ids prefixed. */
export function articles(count: number, prefix = 'a', startHoursAgo = 1, stepHours = 1): Article[] {
  return Array.from({ length: count }, (_, i) => article(`${prefix}${i + 1}`, startHoursAgo + i * stepHours));
}

let commentSerial = 0;

/** A comment as a server would list it; `parentId` and friends can be overridden. */
export function comment(id: string, parentId: string | null, name: string, overrides: Partial<Comment> = {}): Comment {
  commentSerial++;
  return {
    id,
    thread: '/artikel/contoh',
    parentId,
    author: { name },
    body: `Isi komentar ${id}`,
    createdAt: new Date(Date.UTC(2025, 2, 1, 8, 0, commentSerial)).toISOString(),
    status: 'approved',
    ...overrides,
  };
}

/** A one-page listing of these items. */
export function page<T>(items: T[], overrides: Partial<Page<T>> = {}): Page<T> {
  return { items, page: 1, perPage: 20, total: items.length, totalPages: 1, hasMore: false, ...overrides };
}

export const receipt = (id = 'story-42'): StoryReceipt => ({ id, status: 'pending', receivedAt: '2025-03-04T14:32:00+07:00' });

export interface SentStory {
  story: StorySubmission;
  options: CallOptions;
}

export interface SentComment {
  comment: NewComment;
  options: CallOptions;
}

export interface ListCall {
  thread: string;
  query: ListCommentsQuery;
}

type StoryAnswer = (sent: SentStory) => Promise<StoryReceipt> | StoryReceipt;
type PostAnswer = (sent: SentComment) => Promise<Comment> | Comment;
type ListAnswer = (call: ListCall) => Promise<Page<Comment>> | Page<Comment>;

/** What a server answers to a new comment: the comment with an id and a status. */
export function accepted(status: Comment['status'] = 'pending', id = 'c-new'): PostAnswer {
  return ({ comment: sent }) => ({
    id,
    thread: sent.thread,
    parentId: sent.parentId ?? null,
    author: { name: sent.authorName, ...(sent.authorUrl ? { url: sent.authorUrl } : {}) },
    body: sent.body,
    createdAt: new Date().toISOString(),
    status,
  });
}

/** An answer that throws this `BackendError`. */
export const refuse =
  (kind: ConstructorParameters<typeof BackendError>[0], init: ConstructorParameters<typeof BackendError>[1] = {}) =>
  (): never => {
    throw new BackendError(kind, init);
  };

/**
 * An answer that waits until `release()` (or `fail()`), to look at a state in
 * between; `reached` resolves with the call once the backend got it.
 */
export function held<T, Call = unknown>(): {
  answer: (call: Call) => Promise<T>;
  release: (value: T) => void;
  fail: (error: unknown) => void;
  reached: Promise<Call>;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  let reachedResolve!: (call: Call) => void;
  const reached = new Promise<Call>((r) => (reachedResolve = r));
  const answer = (call: Call) =>
    new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
      reachedResolve(call);
    });
  return { answer, release: (value) => resolve(value), fail: (error) => reject(error), reached };
}

type Gate = { release: () => void; promise: Promise<void> };

/** The answer the scripted list gives for call `index`: the last one answers every later call. */
const byCall = <A>(answers: A[], index: number): A => answers[Math.min(index, answers.length - 1)];

export class FakeBackend extends PartialBackend {
  /** Every listArticles query, in order. */
  readonly calls: ListArticlesQuery[] = [];
  /** The signal of every getArticle and listCategories call, in order. */
  readonly articleSignals: Array<AbortSignal | undefined> = [];
  readonly categorySignals: Array<AbortSignal | undefined> = [];
  /** Every story and comment sent, every thread listing asked for, every count request. */
  readonly stories: SentStory[] = [];
  readonly comments: SentComment[] = [];
  readonly lists: ListCall[] = [];
  readonly counted: string[][] = [];
  categories: Term[] = [];
  /** While set, listCategories waits for it. */
  categoriesHeld?: Promise<void>;
  counts: CommentCounts = {};
  /** While set, every read fails with it. */
  failure?: BackendError;
  /** Articles handed to `onStale` before the answer, as a cache would. */
  stale?: Article[];
  private gates: Gate[] = [];
  private holding = false;
  private storyAnswers: StoryAnswer[] = [() => receipt()];
  private postAnswers: PostAnswer[] = [accepted()];
  private listAnswers: ListAnswer[] = [() => page([])];

  constructor(
    public items: Article[] = [],
    readonly label = 'fake.example',
  ) {
    super();
  }

  /** From now on each read waits for `release()`. */
  hold(): this {
    this.holding = true;
    return this;
  }

  /** Lets the oldest waiting read answer. */
  async release(): Promise<void> {
    while (!this.gates.length) await new Promise((resolve) => setTimeout(resolve, 5));
    this.gates.shift()?.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** Answers to `submitStory` by call number; the last one answers every later call. */
  answerStories(...answers: StoryAnswer[]): this {
    this.storyAnswers = answers;
    return this;
  }

  /** Answers to `postComment` by call number; the last one answers every later call. */
  post(...answers: PostAnswer[]): this {
    this.postAnswers = answers;
    return this;
  }

  /** Answers to `listComments` by call number; the last one answers every later call. */
  list(...answers: Array<ListAnswer | Page<Comment>>): this {
    this.listAnswers = answers.map((answer) => (typeof answer === 'function' ? answer : () => answer));
    return this;
  }

  /** A read as the backend would answer it: held while holding, refused while failing or aborted. */
  private async read<T>(options: CallOptions, answer: () => T | Promise<T>): Promise<T> {
    if (this.holding) {
      let release!: () => void;
      const promise = new Promise<void>((resolve) => (release = resolve));
      this.gates.push({ release, promise });
      await promise;
    }
    if (options.signal?.aborted) throw new BackendError('aborted');
    if (this.failure) throw this.failure;
    return answer();
  }

  override async listArticles(query: ListArticlesQuery, options: CallOptions = {}): Promise<Page<Article>> {
    this.calls.push(query);
    const number = query.page ?? 1;
    const perPage = query.perPage ?? 10;
    const filtered = this.items.filter(
      (a) =>
        (!query.category || a.categories.some((c) => c.slug === query.category)) &&
        (!query.search || a.title.toLowerCase().includes(query.search.toLowerCase())),
    );
    const answer: Page<Article> = {
      items: filtered.slice((number - 1) * perPage, number * perPage),
      page: number,
      perPage,
      total: filtered.length,
      totalPages: Math.ceil(filtered.length / perPage),
      hasMore: number * perPage < filtered.length,
    };
    if (this.stale && options.onStale) {
      const stale = { ...answer, items: this.stale };
      queueMicrotask(() => options.onStale?.(stale));
    }
    return this.read(options, () => answer);
  }

  override async getArticle(id: string, options: CallOptions = {}): Promise<Article> {
    this.articleSignals.push(options.signal);
    return this.read(options, () => {
      const found = this.items.find((a) => a.id === id);
      if (!found) throw new BackendError('http', { status: 404 });
      return found;
    });
  }

  override async listCategories(options: CallOptions = {}): Promise<Term[]> {
    this.categorySignals.push(options.signal);
    const categories = this.categories;
    await this.categoriesHeld;
    return categories;
  }

  override async submitStory(story: StorySubmission, options: CallOptions = {}): Promise<StoryReceipt> {
    const index = this.stories.push({ story, options }) - 1;
    return byCall(this.storyAnswers, index)({ story, options });
  }

  override async listComments(thread: string, query: ListCommentsQuery, options: CallOptions = {}): Promise<Page<Comment>> {
    const index = this.lists.push({ thread, query }) - 1;
    return this.read(options, () => byCall(this.listAnswers, index)({ thread, query }));
  }

  override async postComment(comment: NewComment, options: CallOptions = {}): Promise<Comment> {
    const index = this.comments.push({ comment, options }) - 1;
    return byCall(this.postAnswers, index)({ comment, options });
  }

  override async countComments(threads: string[], options: CallOptions = {}): Promise<CommentCounts> {
    this.counted.push(threads);
    return this.read(options, () => Object.fromEntries(threads.map((thread) => [thread, this.counts[thread] ?? 0])));
  }
}
