import { BackendError, PartialBackend, type CallOptions } from '../../../src/backends/backend.js';
import type { Comment, CommentCounts, ListCommentsQuery, NewComment, Page } from '../../../src/backends/types.js';

export interface ListCall {
  thread: string;
  query: ListCommentsQuery;
}

export interface SentComment {
  comment: NewComment;
  options: CallOptions;
}

type PostAnswer = (sent: SentComment) => Promise<Comment> | Comment;
type ListAnswer = (call: ListCall) => Promise<Page<Comment>> | Page<Comment>;

let serial = 0;

/** A comment as a server would list it; `parentId` and friends can be overridden. */
export function comment(id: string, parentId: string | null, name: string, overrides: Partial<Comment> = {}): Comment {
  serial++;
  return {
    id,
    thread: '/artikel/contoh',
    parentId,
    author: { name },
    body: `Isi komentar ${id}`,
    createdAt: new Date(Date.UTC(2025, 2, 1, 8, 0, serial)).toISOString(),
    status: 'approved',
    ...overrides,
  };
}

/** A one-page thread of these comments. */
export function page(items: Comment[], overrides: Partial<Page<Comment>> = {}): Page<Comment> {
  return { items, page: 1, perPage: 20, total: items.length, totalPages: 1, hasMore: false, ...overrides };
}

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

export const refuse =
  (kind: ConstructorParameters<typeof BackendError>[0], init: ConstructorParameters<typeof BackendError>[1] = {}) =>
  (): never => {
    throw new BackendError(kind, init);
  };

/** The one thing element tests fake: a Backend that records every call and answers as told. */
export class FakeCommentBackend extends PartialBackend {
  readonly lists: ListCall[] = [];
  readonly sent: SentComment[] = [];
  readonly counted: string[][] = [];
  counts: CommentCounts = {};
  private listAnswers: ListAnswer[] = [() => page([])];
  private postAnswers: PostAnswer[] = [accepted()];

  constructor(readonly label = 'fake') {
    super();
  }

  /** Answers to `listComments` by call number; the last one answers every later call. */
  list(...answers: Array<ListAnswer | Page<Comment>>): this {
    this.listAnswers = answers.map((answer) => (typeof answer === 'function' ? answer : () => answer));
    return this;
  }

  /** Answers to `postComment` by call number; the last one answers every later call. */
  post(...answers: PostAnswer[]): this {
    this.postAnswers = answers;
    return this;
  }

  override async listComments(thread: string, query: ListCommentsQuery): Promise<Page<Comment>> {
    const index = this.lists.push({ thread, query }) - 1;
    return this.listAnswers[Math.min(index, this.listAnswers.length - 1)]({ thread, query });
  }

  override async postComment(comment: NewComment, options: CallOptions = {}): Promise<Comment> {
    const index = this.sent.push({ comment, options }) - 1;
    return this.postAnswers[Math.min(index, this.postAnswers.length - 1)]({ comment, options });
  }

  override async countComments(threads: string[]): Promise<CommentCounts> {
    this.counted.push(threads);
    return Object.fromEntries(threads.map((thread) => [thread, this.counts[thread] ?? 0]));
  }
}

/** An answer that waits until `release()`, to look at a state in between. */
export function held<T>(): { answer: () => Promise<T>; release: (value: T) => void; fail: (error: unknown) => void; reached: Promise<void> } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  let reachedResolve!: () => void;
  const reached = new Promise<void>((r) => (reachedResolve = r));
  const answer = () =>
    new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
      reachedResolve();
    });
  return { answer, release: (value) => resolve(value), fail: (error) => reject(error), reached };
}
