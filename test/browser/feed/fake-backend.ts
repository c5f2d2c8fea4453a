import { BackendError, PartialBackend, type CallOptions } from '../../../src/backends/backend.js';
import type { Article, ListArticlesQuery, Page, Term } from '../../../src/backends/types.js';

/** A picture the test page may load (same origin): the card never draws data: or script URLs. */
export const PICTURE = new URL('./pixel.svg', import.meta.url).href;

/** An article for tests; `hoursAgo` sets its publish time relative to now. */
export function article(id: string, hoursAgo: number, extra: Partial<Article> = {}): Article {
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

type Gate = { release: () => void; promise: Promise<void> };
function gate(): Gate {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { release, promise };
}

/**
 * The one thing element tests fake: a Backend over a list of articles, paged
 * by number, which records every call, can be held mid-request, can fail, and
 * can hand a stale copy to `onStale` first as the http cache would.
 */
export class FakeBackend extends PartialBackend {
  readonly calls: ListArticlesQuery[] = [];
  /** The signal of every getArticle and listCategories call, in order. */
  readonly articleSignals: Array<AbortSignal | undefined> = [];
  readonly categorySignals: Array<AbortSignal | undefined> = [];
  categories: Term[] = [];
  /** While set, listCategories waits for it. */
  categoriesHeld?: Promise<void>;
  failure?: BackendError;
  /** Articles handed to `onStale` before the answer, as a cache would. */
  stale?: Article[];
  private gates: Gate[] = [];
  private holding = false;

  constructor(
    public items: Article[],
    readonly label = 'fake.example',
  ) {
    super();
  }

  /** From now on each request waits for `release()`. */
  hold(): this {
    this.holding = true;
    return this;
  }

  /** Lets the oldest waiting request answer. */
  async release(): Promise<void> {
    while (!this.gates.length) await new Promise((resolve) => setTimeout(resolve, 5));
    this.gates.shift()?.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  override async listArticles(query: ListArticlesQuery, options: CallOptions = {}): Promise<Page<Article>> {
    this.calls.push(query);
    const page = query.page ?? 1;
    const perPage = query.perPage ?? 10;
    const filtered = this.items.filter(
      (a) =>
        (!query.category || a.categories.some((c) => c.slug === query.category)) &&
        (!query.search || a.title.toLowerCase().includes(query.search.toLowerCase())),
    );
    const answer: Page<Article> = {
      items: filtered.slice((page - 1) * perPage, page * perPage),
      page,
      perPage,
      total: filtered.length,
      totalPages: Math.ceil(filtered.length / perPage),
      hasMore: page * perPage < filtered.length,
    };
    if (this.stale && options.onStale) {
      const stale = { ...answer, items: this.stale };
      queueMicrotask(() => options.onStale?.(stale));
    }
    if (this.holding) {
      const wait = gate();
      this.gates.push(wait);
      await wait.promise;
    }
    if (options.signal?.aborted) throw new BackendError('aborted');
    if (this.failure) throw this.failure;
    return answer;
  }

  override async getArticle(id: string, options: CallOptions = {}): Promise<Article> {
    this.articleSignals.push(options.signal);
    if (this.holding) {
      const wait = gate();
      this.gates.push(wait);
      await wait.promise;
    }
    if (options.signal?.aborted) throw new BackendError('aborted');
    if (this.failure) throw this.failure;
    const found = this.items.find((a) => a.id === id);
    if (!found) throw new BackendError('http', { status: 404 });
    return found;
  }

  override async listCategories(options: CallOptions = {}): Promise<Term[]> {
    this.categorySignals.push(options.signal);
    const categories = this.categories;
    await this.categoriesHeld;
    return categories;
  }
}
