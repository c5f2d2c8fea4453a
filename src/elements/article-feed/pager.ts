import { BackendError, toBackendError, type Backend } from '../../backends/backend.js';
import type { Article, ListArticlesQuery } from '../../backends/types.js';

/** One backend the feed reads from; `label` is set on its cards when the feed merges several. */
export interface FeedSource {
  backend: Backend;
  label?: string;
}

export type FeedFilter = Pick<ListArticlesQuery, 'category' | 'tag' | 'search'>;

export interface FeedPage {
  items: Article[];
  /** 1-based number of this page of the feed. */
  page: number;
  total?: number;
  totalPages?: number;
  hasMore: boolean;
  /** Sources that failed while this page was gathered, each with its error. */
  failures: Array<{ label: string; error: BackendError }>;
}

interface SourceState extends FeedSource {
  /** Fetched but not shown yet, newest first. */
  buffer: Article[];
  nextPage: number;
  cursor?: string;
  done: boolean;
  total?: number;
  failed?: BackendError;
}

const time = (article: Article) => Date.parse(article.publishedAt) || 0;

/**
 * Pages through one source or merges several, newest first.
 *
 * One source: page N of the feed is page N of the backend, one request each, so
 * a numbered page can be asked for directly (a feed that pages by cursor walks
 * there). Several sources: each keeps its own page and cursor and a buffer of
 * what it fetched but did not show yet; a page of the feed is taken from the
 * buffers' newest heads after every source that might hold one of the next
 * `perPage` articles has at least that many buffered (or has run out). A source
 * that fails drops out with its error reported; the others carry on.
 *
 * Whatever a backend answers, a page holds at most `perPage` articles: a source
 * that sends 3,000 where 6 were asked for gets 6 cards, not a frozen page.
 */
export class FeedPager {
  private readonly states: SourceState[];
  private readonly pages: Article[][] = [];
  private readonly cursors = new Map<number, string>();

  constructor(
    sources: FeedSource[],
    private readonly perPage: number,
    private readonly filter: FeedFilter = {},
  ) {
    this.states = sources.map((source) => ({ ...source, buffer: [], nextPage: 1, done: false }));
  }

  get merged(): boolean {
    return this.states.length > 1;
  }

  /**
   * Page `page` of the feed. `onStale` hears a cached copy of a single source's
   * page before the network answers (merged pages are only shown when whole).
   */
  async page(page: number, signal: AbortSignal, onStale?: (page: FeedPage) => void): Promise<FeedPage> {
    if (!this.merged) return this.single(page, signal, onStale);
    while (this.pages.length < page) {
      const next = await this.gather(signal);
      if (!next.items.length) return { ...next, page };
      this.pages.push(next.items);
      if (this.pages.length === page) return { ...next, page };
    }
    return { ...this.summary(), items: this.pages[page - 1], page, failures: [] };
  }

  private async single(page: number, signal: AbortSignal, onStale?: (page: FeedPage) => void): Promise<FeedPage> {
    const [state] = this.states;
    // A feed that pages by URL (it gave a cursor) reaches page N only through the pages before it.
    if (page > 1 && this.cursors.size && !this.cursors.has(page)) {
      for (let known = Math.max(...this.cursors.keys()); known < page; known++) {
        const walked = await this.single(known, signal);
        if (!walked.hasMore) return { items: [], page, hasMore: false, failures: [] };
      }
    }
    const result = await state.backend.listArticles(
      { ...this.filter, page, perPage: this.perPage, cursor: this.cursors.get(page) },
      {
        signal,
        onStale: onStale
          ? (value) => {
              const stale = value as { items?: Article[]; total?: number; totalPages?: number; hasMore?: boolean };
              if (Array.isArray(stale?.items)) onStale({ items: stale.items.slice(0, this.perPage), page, total: stale.total, totalPages: stale.totalPages, hasMore: !!stale.hasMore, failures: [] });
            }
          : undefined,
      },
    );
    if (result.next) this.cursors.set(page + 1, result.next);
    const items = result.items.slice(0, this.perPage);
    return { items, page, total: result.total, totalPages: result.totalPages, hasMore: result.hasMore, failures: [] };
  }

  /** The next page of a merged feed. */
  private async gather(signal: AbortSignal): Promise<Omit<FeedPage, 'page'>> {
    const failures: FeedPage['failures'] = [];
    const hungry = this.states.filter((state) => !state.done && state.buffer.length < this.perPage);
    await Promise.all(hungry.map((state) => this.fill(state, signal, failures)));
    if (signal.aborted) throw new BackendError('aborted');
    const alive = this.states.filter((state) => !state.failed);
    if (!alive.length) throw failures[0]?.error ?? this.states[0]?.failed ?? new BackendError('network');
    const items: Article[] = [];
    while (items.length < this.perPage) {
      let newest: SourceState | undefined;
      for (const state of alive) {
        if (state.buffer.length && (!newest || time(state.buffer[0]) > time(newest.buffer[0]))) newest = state;
      }
      if (!newest) break;
      items.push(newest.buffer.shift() as Article);
    }
    return { ...this.summary(), items, failures };
  }

  private async fill(state: SourceState, signal: AbortSignal, failures: FeedPage['failures']): Promise<void> {
    try {
      const result = await state.backend.listArticles(
        { ...this.filter, page: state.nextPage, perPage: this.perPage, cursor: state.cursor },
        { signal },
      );
      state.buffer.push(...result.items.slice(0, this.perPage).map((article) => ({ ...article, sourceLabel: article.sourceLabel ?? state.label ?? state.backend.label })));
      state.buffer.sort((a, b) => time(b) - time(a));
      state.nextPage++;
      state.cursor = result.next;
      state.total = result.total;
      state.done = !result.hasMore || !result.items.length;
    } catch (thrown) {
      const error = toBackendError(thrown);
      if (error.kind === 'aborted' || signal.aborted) throw error;
      state.failed = error;
      state.done = true;
      state.buffer = [];
      failures.push({ label: state.label ?? state.backend.label, error });
    }
  }

  private summary(): Pick<FeedPage, 'total' | 'totalPages' | 'hasMore'> {
    const alive = this.states.filter((state) => !state.failed);
    const totals = alive.map((state) => state.total);
    const total = totals.every((value) => value !== undefined) ? totals.reduce<number>((sum, value) => sum + (value ?? 0), 0) : undefined;
    return {
      total,
      totalPages: total !== undefined ? Math.ceil(total / this.perPage) : undefined,
      hasMore: alive.some((state) => state.buffer.length > 0 || !state.done),
    };
  }

  /** Labels of the sources that have failed so far. */
  get failedLabels(): string[] {
    return this.states.filter((state) => state.failed).map((state) => state.label ?? state.backend.label);
  }
}

/** Page numbers to show around the current one; 0 marks a gap. */
export function pageWindow(current: number, pages: number): number[] {
  if (pages <= 7) return Array.from({ length: pages }, (_, i) => i + 1);
  const shown = new Set([1, pages, current - 1, current, current + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...shown].sort((a, b) => a - b);
  const result: number[] = [];
  sorted.forEach((n, i) => {
    if (i && n - sorted[i - 1] > 1) result.push(0);
    result.push(n);
  });
  return result;
}
