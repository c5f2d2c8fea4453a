import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toBackendError, type Backend, type BackendError } from '../../backends/backend.js';
import type { Comment, ListCommentsQuery, Page } from '../../backends/types.js';
import { SlowLoadController } from '../../core/slow.js';

export type ThreadStatus = 'idle' | 'loading' | 'loaded' | 'error';

/** What the host hears about: a page arrived (to fire `kabar-load`) or failed (`kabar-error`). */
export interface ThreadListener {
  loaded(page: Page<Comment>, first: boolean): void;
  failed(error: BackendError): void;
}

type Args = readonly [backend: Backend, thread: string, perPage: number, sort: ListCommentsQuery['sort']];

/**
 * The approved comments of one thread, page after page: "load more" appends,
 * a change of backend, thread, page size or order starts over (aborting what
 * was in flight), and a disconnect aborts.
 */
export class CommentThreadController implements ReactiveController {
  status: ThreadStatus = 'idle';
  comments: Comment[] = [];
  hasMore = false;
  total?: number;
  /** The failure of the first page (the whole thread) or of the last "load more". */
  error?: BackendError;
  loadingMore = false;
  /** `slow` turns true when the first page has been on its way for a while. */
  readonly slowLoad: SlowLoadController;

  private args?: Args;
  private page = 0;
  private abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly listener: ThreadListener,
  ) {
    host.addController(this);
    this.slowLoad = new SlowLoadController(host);
  }

  hostDisconnected(): void {
    this.abort?.abort();
    // Connected again later (moved in the DOM), the thread loads afresh.
    if (this.status === 'loading' || this.loadingMore) {
      this.args = undefined;
      this.status = 'idle';
      this.loadingMore = false;
    }
  }

  /** Starts over when any argument changed; otherwise does nothing. */
  sync(...args: Args): void {
    if (this.args && args.every((value, i) => value === this.args?.[i])) return;
    this.args = args;
    this.comments = [];
    this.hasMore = false;
    this.total = undefined;
    void this.fetch(1);
  }

  reload(): void {
    if (!this.args) return;
    const args = this.args;
    this.args = undefined;
    this.sync(...args);
  }

  more(): void {
    if (!this.args || this.loadingMore || this.status !== 'loaded' || !this.hasMore) return;
    void this.fetch(this.page + 1);
  }

  /** A comment of the reader's own that the server published at once: the newest, so last or (newest first) first. */
  add(comment: Comment): void {
    if (this.comments.some((c) => c.id === comment.id)) return;
    this.comments = this.args?.[3] === 'newest' ? [comment, ...this.comments] : [...this.comments, comment];
    this.total = this.total === undefined ? undefined : this.total + 1;
    this.host.requestUpdate();
  }

  private async fetch(page: number): Promise<void> {
    if (!this.args) return;
    const [backend, thread, perPage, sort] = this.args;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const first = page === 1;
    if (first) {
      this.status = 'loading';
      this.slowLoad.start();
    } else this.loadingMore = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const result = await backend.listComments(thread, { page, perPage, sort }, { signal: abort.signal });
      if (abort.signal.aborted) return;
      // A comment may move from one page to the next while a reader pages; show it once.
      const known = new Set(this.comments.map((c) => c.id));
      this.comments = [...this.comments, ...result.items.filter((c) => !known.has(c.id))];
      this.page = page;
      this.hasMore = result.hasMore;
      this.total = result.total;
      this.status = 'loaded';
      this.listener.loaded(result, first);
    } catch (thrown) {
      if (abort.signal.aborted) return;
      const error = toBackendError(thrown);
      if (error.kind === 'aborted') return;
      this.error = error;
      if (first) this.status = 'error';
      this.listener.failed(error);
    } finally {
      if (this.abort === abort) {
        this.slowLoad.stop();
        this.loadingMore = false;
        this.abort = undefined;
        this.host.requestUpdate();
      }
    }
  }
}
