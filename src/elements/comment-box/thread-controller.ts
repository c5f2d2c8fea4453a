import type { ReactiveControllerHost } from 'lit';
import { toBackendError, type Backend, type BackendError } from '../../backends/backend.js';
import type { Comment, ListCommentsQuery, Page } from '../../backends/types.js';
import { KabarLoadEvent } from '../../core/events.js';
import { loadTask } from '../../core/load-task.js';
import { SlowLoadController } from '../../core/slow.js';

export type ThreadStatus = 'idle' | 'loading' | 'loaded' | 'error';

/** What the host hears about, before `kabar-load` or `kabar-error` is dispatched: a page arrived or failed. */
export interface ThreadListener {
  loaded(page: Page<Comment>, first: boolean): void;
  failed(error: BackendError): void;
}

type Query = readonly [backend: Backend, thread: string, perPage: number, sort: ListCommentsQuery['sort']];

/** One page asked for; a new object each time, so asking again (a retry) loads again. */
interface PageRequest {
  query: Query;
  page: number;
}

/**
 * The approved comments of one thread, page after page, loaded through the
 * elements' shared `loadTask`: "load more" appends, a change of backend,
 * thread, page size or order starts over (aborting what was in flight), and a
 * load cut short by a disconnect runs again when the box is back.
 */
export class CommentThreadController {
  status: ThreadStatus = 'idle';
  comments: Comment[] = [];
  hasMore = false;
  /** The failure of the first page (the whole thread) or of the last "load more". */
  error?: BackendError;
  loadingMore = false;
  /** `slow` turns true when the first page has been on its way for a while. */
  readonly slowLoad: SlowLoadController;

  private request?: PageRequest;
  private page = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly listener: ThreadListener,
  ) {
    this.slowLoad = new SlowLoadController(host);
    loadTask(host, {
      args: () => [this.request] as const,
      load: ([request], signal) => (request ? this.fetch(request, signal) : Promise.resolve(undefined)),
      loaded: (page) => new KabarLoadEvent({ kind: 'comments', items: page.items, page: page.page, total: page.total, hasMore: page.hasMore }),
      failed: (error) => this.listener.failed(error),
    });
  }

  /** Starts over when any argument changed; otherwise does nothing. */
  sync(...query: Query): void {
    const current = this.request?.query;
    if (current && query.every((value, i) => value === current[i])) return;
    this.ask({ query, page: 1 });
  }

  reload(): void {
    if (this.request) this.ask({ query: this.request.query, page: 1 });
  }

  more(): void {
    if (!this.request || this.loadingMore || this.status !== 'loaded' || !this.hasMore) return;
    this.ask({ query: this.request.query, page: this.page + 1 });
  }

  /** A comment of the reader's own that the server published at once: the newest, so last or (newest first) first. */
  add(comment: Comment): void {
    if (this.comments.some((c) => c.id === comment.id)) return;
    this.comments = this.request?.query[3] === 'newest' ? [comment, ...this.comments] : [...this.comments, comment];
    this.host.requestUpdate();
  }

  private ask(request: PageRequest): void {
    this.request = request;
    this.error = undefined;
    if (request.page === 1) {
      this.comments = [];
      this.hasMore = false;
      this.status = 'loading';
      this.loadingMore = false;
    } else {
      this.loadingMore = true;
    }
    // The task reads the new request in the host's next update.
    this.host.requestUpdate();
  }

  private async fetch(request: PageRequest, signal: AbortSignal): Promise<Page<Comment> | undefined> {
    const [backend, thread, perPage, sort] = request.query;
    const first = request.page === 1;
    if (first) this.slowLoad.start();
    try {
      const result = await backend.listComments(thread, { page: request.page, perPage, sort }, { signal });
      if (signal.aborted) return undefined;
      // A comment may move from one page to the next while a reader pages; show it once.
      const known = new Set(this.comments.map((c) => c.id));
      this.comments = [...this.comments, ...result.items.filter((c) => !known.has(c.id))];
      this.page = request.page;
      this.hasMore = result.hasMore;
      this.status = 'loaded';
      this.listener.loaded(result, first);
      return result;
    } catch (thrown) {
      const error = toBackendError(thrown);
      if (!signal.aborted && error.kind !== 'aborted') {
        this.error = error;
        if (first) this.status = 'error';
      }
      throw error;
    } finally {
      if (!signal.aborted) {
        this.slowLoad.stop();
        this.loadingMore = false;
        this.host.requestUpdate();
      }
    }
  }
}
