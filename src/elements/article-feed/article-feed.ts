import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { toBackendError, type Backend, type BackendError } from '../../backends/backend.js';
import { resolveBackend } from '../../backends/resolve.js';
import type { Article, Term } from '../../backends/types.js';
import { KabarErrorEvent, KabarLoadEvent } from '../../core/events.js';
import { WithHeadingLevel } from '../../core/heading.js';
import { KabarElement } from '../../core/kabar-element.js';
import { loadTask } from '../../core/load-task.js';
import { SlowLoadController } from '../../core/slow.js';
import { WithCardSettings, cardOptions, cardTemplate, errorMessage, selectArticle, skeletonTemplate, type CardVariant } from '../../partials/card.js';
import { cardStateStyles, cardStyles } from '../../partials/card.styles.js';
import { hostStyles } from '../../styles/host.js';
import { feedStyles } from './article-feed.styles.js';
import { FeedPager, pageWindow, type FeedPage, type FeedSource } from './pager.js';

type Layout = 'grid' | 'list' | 'compact';
type Paging = 'more' | 'pages' | 'none';
type Status = 'idle' | 'loading' | 'loaded' | 'error';
type Mode = 'replace' | 'append' | 'goto';

/** One page asked for; a new object each time, so asking again (a retry) loads again. */
interface FeedRequest {
  pager: FeedPager;
  page: number;
  mode: Mode;
  /** Asked for by the reader (a chip, a retry): say what came of it. */
  announce: boolean;
}

/** Properties whose change means another site, with its own categories. */
const SOURCE_PROPERTIES = ['backend', 'source', 'backendAdapter'] as const;

/** Attributes whose change means another list of articles. */
const DATA_PROPERTIES = ['backend', 'source', 'backendAdapter', 'perPage', 'category', 'tag', 'search', 'paging'] as const;

/** Narrowest card of the grid, in px; also how the first row is counted for eager images. */
const GRID_COLUMN_MIN = 240;

/**
 * A paged list of article cards from a Kabar server, a WordPress site or a JSON
 * Feed, or several of them merged newest first (`<kabar-source>` children).
 * Whatever else the page author put inside the tag (a plain list of links) shows
 * before the element upgrades and again whenever loading fails.
 *
 * @tag kabar-article-feed
 * @slot - Fallback content (a list of links), shown before upgrade and when loading fails.
 * @slot empty - Shown when there are no articles.
 * @csspart list - The list of cards.
 * @csspart item - One list item around a card.
 * @csspart card - A card; also card-body, card-media, card-image, card-title, card-link, card-meta, card-date, card-author, card-excerpt, card-categories, card-category, card-source, card-badge.
 * @csspart skeleton - A placeholder card while loading.
 * @csspart slow - "Slow connection, still trying…", shown with the fallback when loading takes long.
 * @csspart load-more - The "load more" button.
 * @csspart pagination - The page navigation; page-button for each of its buttons.
 * @csspart categories - The category chips; category-chip for each.
 * @csspart notice - The quiet notice that one source failed.
 * @csspart error - The error message block; retry-button for its button.
 * @csspart empty - The empty state.
 * @csspart fallback - The wrapper of the fallback slot.
 * @cssprop [--kabar-feed-gap=1rem] - Space between cards.
 * @cssprop [--kabar-feed-column-min=15rem] - Narrowest card of the grid.
 * @cssprop [--kabar-color-accent] - Buttons, chips, source labels.
 * @event {KabarLoadEvent} kabar-load - A page of articles arrived.
 * @event {KabarErrorEvent} kabar-error - Loading failed (also for one failing source of a merged feed).
 * @event {KabarArticleSelectEvent} kabar-article-select - A card was activated; cancel it to keep the link from being followed.
 */
export class KabarArticleFeed extends WithCardSettings(WithHeadingLevel(KabarElement)) {
  static override styles = [hostStyles, cardStyles, cardStateStyles, feedStyles];

  /** Articles per page. */
  @property({ type: Number, attribute: 'per-page' }) perPage = 6;
  /** Only this category (a slug; WordPress also takes its numeric id). */
  @property() category = '';
  /** Only this tag (a slug; WordPress also takes its numeric id). */
  @property() tag = '';
  /** Only articles matching these words. */
  @property() search = '';
  /** `grid`, `list` or `compact`. */
  @property({ reflect: true }) layout: Layout = 'grid';
  /** `more` (a "load more" button), `pages` (numbered pages) or `none` (one page). */
  @property() paging: Paging = 'more';
  /** Shows the backend's categories as chips that filter the feed. */
  @property({ type: Boolean, attribute: 'show-categories' }) showCategories = false;

  @state() private status: Status = 'idle';
  @state() private articles: Article[] = [];
  @state() private page = 0;
  @state() private total?: number;
  @state() private totalPages?: number;
  @state() private hasMore = false;
  @state() private error?: BackendError;
  @state() private moreError?: BackendError;
  @state() private busy = false;
  @state() private failedSources: string[] = [];
  @state() private announcement = '';
  @state() private categories: Term[] = [];

  private readonly slowLoad = new SlowLoadController(this);
  private pager?: FeedPager;
  /** The page being (or last) asked for; retry repeats it. */
  private request?: FeedRequest;
  /** The categories request of the current site; `done` once it answered. */
  private categoriesLoad?: { controller: AbortController; done: boolean };
  /** Index of the card to focus after the next render (the first new one). */
  private focusIndex?: number;
  private sourcesChanged = false;
  /** The next first-page load was asked for by the reader (a chip, a retry): say what came of it. */
  private announceNext = false;
  private readonly sourceObserver = new MutationObserver(() => this.handleSourcesChange());

  constructor() {
    super();
    // Pages load through the elements' shared task: a new request aborts the one in flight.
    loadTask(this, {
      args: () => [this.request] as const,
      load: ([request], signal) => (request ? this.fetchPage(request, signal) : Promise.resolve(undefined)),
      loaded: (result) =>
        [
          new KabarLoadEvent({ kind: 'articles', items: result.items, page: result.page, total: result.total, hasMore: result.hasMore }),
          ...result.failures.map((failure) => new KabarErrorEvent(failure.error)),
        ] as const,
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('kabar-source-change', this.handleSourcesChange);
    this.sourceObserver.observe(this, { childList: true });
    window.addEventListener('online', this.handleOnline);
    // Moved in the page: the task asks again for what was cut short on the way out.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('kabar-source-change', this.handleSourcesChange);
    this.sourceObserver.disconnect();
    window.removeEventListener('online', this.handleOnline);
    // Cut short, the categories are asked for again on the way back in.
    if (this.categoriesLoad && !this.categoriesLoad.done) this.dropCategoriesLoad();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    const sourceChanged = !this.hasUpdated || this.sourcesChanged || SOURCE_PROPERTIES.some((name) => changed.has(name));
    const dataChanged = sourceChanged || DATA_PROPERTIES.some((name) => changed.has(name));
    if (sourceChanged) {
      // Another site: its chips, not the last one's. A chip's own filter keeps them.
      this.dropCategoriesLoad();
      this.categories = [];
    }
    if (dataChanged) {
      this.sourcesChanged = false;
      this.start();
    }
    if (this.showCategories && !this.categoriesLoad) void this.loadCategories();
  }

  protected override updated(): void {
    if (this.focusIndex === undefined) return;
    const link = this.renderRoot.querySelector<HTMLElement>(`[data-index="${this.focusIndex}"] .card__link`);
    this.focusIndex = undefined;
    link?.focus();
  }

  /** Every backend of the feed: its own, then one per source child. */
  private sources(): FeedSource[] {
    const sources: FeedSource[] = [];
    const own = this.backendFor();
    if (own) sources.push({ backend: own, label: own.label });
    for (const child of Array.from(this.children)) {
      const injected = (child as { backendAdapter?: Backend }).backendAdapter;
      const url = child.getAttribute('backend');
      const backend = injected ?? (url ? resolveBackend(url, child.getAttribute('source') ?? 'kabar') : undefined);
      if (backend) sources.push({ backend, label: child.getAttribute('label') || backend.label });
    }
    return sources;
  }

  /** Starts the feed again from its first page. */
  private start(): void {
    const sources = this.sources();
    this.articles = [];
    this.failedSources = [];
    this.error = undefined;
    this.moreError = undefined;
    this.page = 0;
    this.total = undefined;
    this.totalPages = undefined;
    this.hasMore = false;
    this.slowLoad.stop();
    if (!sources.length) {
      this.pager = undefined;
      this.request = undefined;
      this.status = 'idle';
      return;
    }
    this.pager = new FeedPager(sources, Math.max(1, Math.floor(this.perPage) || 6), {
      category: this.category || undefined,
      tag: this.tag || undefined,
      search: this.search || undefined,
    });
    this.load(1, 'replace');
  }

  /** Asks for a page; the task loads it in the next update. */
  private load(page: number, mode: Mode): void {
    const pager = this.pager;
    if (!pager) return;
    this.request = { pager, page, mode, announce: this.announceNext };
    this.announceNext = false;
    this.moreError = undefined;
    if (mode === 'replace') {
      this.status = 'loading';
      this.error = undefined;
    } else {
      this.busy = true;
    }
    this.requestUpdate();
  }

  private async fetchPage({ pager, page, mode, announce }: FeedRequest, signal: AbortSignal): Promise<FeedPage | undefined> {
    if (mode === 'replace') this.slowLoad.start();
    // A cached copy paints at once; the fresh answer replaces it when it comes.
    const onStale = (stale: FeedPage) => {
      if (signal.aborted || !stale.items.length) return;
      this.show(stale, mode === 'append' ? 'append' : 'replace');
      this.status = 'loaded';
      this.slowLoad.stop();
    };
    try {
      const result = await pager.page(page, signal, mode === 'append' ? undefined : onStale);
      if (signal.aborted) return undefined;
      const before = this.articles.length;
      this.show(result, mode === 'append' ? 'append' : 'replace', before);
      this.status = 'loaded';
      this.failedSources = pager.failedLabels;
      if (mode === 'append') {
        this.focusIndex = result.items.length ? before : undefined;
        this.announce(this.moreLoadedText(result.items.length));
      } else if (mode === 'goto') {
        this.focusIndex = result.items.length ? 0 : undefined;
        this.announce(this.i18n.t('feed.pageStatus', this.pageParams()));
      } else if (announce) {
        this.announce(this.i18n.t('feed.loaded', this.countParams(this.articles.length)));
      }
      return result;
    } catch (thrown) {
      const error = toBackendError(thrown);
      if (signal.aborted || error.kind === 'aborted') throw error;
      if (mode === 'replace' || !this.articles.length) {
        this.status = 'error';
        this.error = error;
      } else {
        this.moreError = error;
      }
      this.announce(errorMessage(this.i18n, error, this.siteName()));
      throw error;
    } finally {
      if (!signal.aborted) {
        this.slowLoad.stop();
        this.busy = false;
      }
    }
  }

  private show(result: FeedPage, mode: 'replace' | 'append', before = this.articles.length): void {
    this.articles = mode === 'append' ? [...this.articles.slice(0, before), ...result.items] : result.items;
    this.page = result.page;
    this.total = result.total;
    this.totalPages = result.totalPages;
    this.hasMore = result.hasMore;
  }

  private dropCategoriesLoad(): void {
    this.categoriesLoad?.controller.abort();
    this.categoriesLoad = undefined;
  }

  private async loadCategories(): Promise<void> {
    const [first] = this.sources();
    if (!first) return;
    const load = { controller: new AbortController(), done: false };
    this.categoriesLoad = load;
    let categories: Term[] = [];
    try {
      categories = await first.backend.listCategories({ signal: load.controller.signal });
    } catch {
      // Without categories the feed simply shows no chips.
    }
    // An answer for a site the feed has left since is not shown.
    if (this.categoriesLoad !== load || load.controller.signal.aborted) return;
    load.done = true;
    this.categories = categories;
  }

  private announce(text: string): void {
    // The same words twice in a row would not be read again: clear first.
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  private countParams(count: number): { count: string; total?: string } {
    return { count: this.i18n.number(count), ...(this.total !== undefined ? { total: this.i18n.number(this.total) } : {}) };
  }

  private moreLoadedText(count: number): string {
    const { total } = this.countParams(count);
    const text = this.i18n.t('feed.moreLoaded', { count: this.i18n.number(count), shown: this.i18n.number(this.articles.length), total });
    return this.hasMore ? text : `${text}. ${this.i18n.t('feed.allShown')}`;
  }

  private pageCount(): number {
    return this.totalPages ?? (this.hasMore ? this.page + 1 : this.page);
  }

  private pageParams(): { page: string; pages?: string } {
    return { page: this.i18n.number(this.page), ...(this.totalPages ? { pages: this.i18n.number(this.totalPages) } : {}) };
  }

  private siteName(): string {
    const [first] = this.sources();
    return first?.label ?? first?.backend.label ?? '';
  }

  private readonly handleSourcesChange = () => {
    this.sourcesChanged = true;
    this.requestUpdate();
  };

  private readonly handleOnline = () => {
    if (this.status === 'error') this.handleRetry();
  };

  private readonly handleRetry = () => {
    this.announceNext = true;
    if (this.status === 'error' || !this.request) this.start();
    else this.load(this.request.page, this.request.mode);
  };

  private readonly handleLoadMore = () => {
    if (!this.busy) this.load(this.page + 1, 'append');
  };

  private goTo(page: number): void {
    if (page < 1 || page === this.page || this.busy) return;
    this.load(page, 'goto');
  }

  private readonly handleSelect = (article: Article, event: MouseEvent) => selectArticle(this, article, event);

  private chooseCategory(slug: string): void {
    if (slug === this.category) return;
    // Filtering is a reader's action: say what came of it once it arrives.
    this.announceNext = true;
    this.category = slug;
  }

  private variant(): CardVariant {
    return this.layout === 'list' ? 'horizontal' : this.layout === 'compact' ? 'compact' : 'default';
  }

  /** How many cards share the first row, for eager images, and the width each gets. */
  private firstRow(): { count: number; sizes: string } {
    const width = this.getBoundingClientRect().width;
    if (this.layout !== 'grid' || !width) return { count: 1, sizes: width ? `${Math.round(width * (this.layout === 'list' ? 0.4 : 1))}px` : '100vw' };
    const columns = Math.max(1, Math.floor(width / GRID_COLUMN_MIN));
    return { count: columns, sizes: `${Math.round(width / columns)}px` };
  }

  override render() {
    return html`${this.showCategories ? this.renderCategories() : nothing}${this.renderState()}
      <div class="visually-hidden" role="status" part="status">${this.announcement}</div>`;
  }

  private renderState(): TemplateResult {
    switch (this.status) {
      case 'loading':
        return this.renderSkeletons();
      case 'error':
        return this.renderError();
      case 'loaded':
        return this.articles.length ? this.renderLoaded() : this.renderEmpty();
      default:
        return html`<div class="fallback" part="fallback"><slot></slot></div>`;
    }
  }

  private renderSkeletons(): TemplateResult {
    // Still nothing after a while: say so, and let the page author's links serve meanwhile.
    if (this.slowLoad.slow) {
      return html`<p class="slow" part="slow">${this.i18n.t('common.slow')}</p>
        <div class="fallback" part="fallback"><slot></slot></div>`;
    }
    const count = Math.max(1, Math.min(24, Math.floor(this.perPage) || 6));
    return html`<div class="busy" aria-busy="true">
      <p class="visually-hidden">${this.i18n.t('feed.loading')}</p>
      <ul class="list list--${this.layout}" aria-hidden="true">
        ${Array.from({ length: count }, () => html`<li class="item">${skeletonTemplate(this.variant(), this.noImages)}</li>`)}
      </ul>
    </div>`;
  }

  private renderError(): TemplateResult {
    return html`<div class="error" part="error">
        <p class="error__message">${errorMessage(this.i18n, this.error, this.siteName())}</p>
        <button type="button" class="button" part="retry-button" @click=${this.handleRetry}>${this.i18n.t('common.retry')}</button>
      </div>
      <div class="fallback" part="fallback"><slot></slot></div>`;
  }

  private renderEmpty(): TemplateResult {
    const filtered = !!(this.category || this.tag || this.search);
    return html`<div class="empty" part="empty">
      <slot name="empty"><p>${this.i18n.t(filtered ? 'feed.emptyFiltered' : 'feed.empty')}</p></slot>
    </div>`;
  }

  private renderNotice(): TemplateResult | typeof nothing {
    if (!this.failedSources.length) return nothing;
    const sources = new Intl.ListFormat(this.i18n.locale, { type: 'conjunction' }).format(this.failedSources);
    return html`<p class="notice" part="notice">${this.i18n.t('feed.sourceFailed', { sources })}</p>`;
  }

  private renderLoaded(): TemplateResult {
    const variant = this.variant();
    const row = this.firstRow();
    const firstPage = this.paging === 'pages' || this.page <= 1;
    return html`${this.renderNotice()}
      <ul class="list list--${this.layout}" part="list" aria-label=${this.i18n.t('feed.label')} aria-busy=${this.busy ? 'true' : 'false'}>
        ${repeat(
          this.articles,
          (article) => `${article.sourceLabel ?? ''} ${article.id}`,
          (article, index) =>
            html`<li class="item" part="item" data-index=${index}>
              ${cardTemplate(article, {
                i18n: this.i18n,
                variant,
                headingLevel: this.topHeadingLevel,
                ...cardOptions(this),
                lazy: !(firstPage && index < row.count),
                sizes: row.sizes,
                onSelect: this.handleSelect,
              })}
            </li>`,
        )}
      </ul>
      ${this.paging === 'pages' ? this.renderPages() : this.paging === 'more' ? this.renderMore() : nothing}`;
  }

  private renderMore(): TemplateResult | typeof nothing {
    if (this.moreError) {
      return html`<div class="more error" part="error">
        <p class="error__message">${errorMessage(this.i18n, this.moreError, this.siteName())}</p>
        <button type="button" class="button" part="retry-button" @click=${this.handleRetry}>${this.i18n.t('common.retry')}</button>
      </div>`;
    }
    if (!this.hasMore) return nothing;
    return html`<div class="more">
      <button type="button" class="button" part="load-more" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.handleLoadMore}>
        ${this.busy ? this.i18n.t('feed.loadingMore') : this.i18n.t('feed.loadMore')}
      </button>
    </div>`;
  }

  private renderPages(): TemplateResult | typeof nothing {
    const pages = this.pageCount();
    if (pages <= 1 && !this.moreError) return nothing;
    const numbers = pageWindow(this.page, pages);
    const number = (n: number) => this.i18n.number(n);
    return html`<nav class="pages" part="pagination" aria-label=${this.i18n.t('feed.pagination')}>
      <ul class="pages__list">
        <li>
          <button type="button" class="button button--page" part="page-button" ?disabled=${this.page <= 1} @click=${() => this.goTo(this.page - 1)}>
            ${this.i18n.t('feed.previous')}
          </button>
        </li>
        ${numbers.map((n) =>
          n === 0
            ? html`<li class="pages__gap" aria-hidden="true">…</li>`
            : html`<li>
                <button
                  type="button"
                  class="button button--page"
                  part="page-button"
                  aria-label=${this.i18n.t('feed.page', { page: number(n) })}
                  aria-current=${n === this.page ? 'page' : 'false'}
                  @click=${() => this.goTo(n)}
                >
                  ${number(n)}
                </button>
              </li>`,
        )}
        <li>
          <button type="button" class="button button--page" part="page-button" ?disabled=${this.page >= pages} @click=${() => this.goTo(this.page + 1)}>
            ${this.i18n.t('feed.next')}
          </button>
        </li>
      </ul>
      ${this.moreError ? html`<p class="error__message" part="error">${errorMessage(this.i18n, this.moreError, this.siteName())}</p>` : nothing}
    </nav>`;
  }

  private renderCategories(): TemplateResult | typeof nothing {
    if (!this.categories.length) return nothing;
    const chip = (slug: string, name: string) =>
      html`<button type="button" class="chip" part="category-chip" aria-pressed=${this.category === slug ? 'true' : 'false'} @click=${() => this.chooseCategory(slug)}>
        ${name}
      </button>`;
    return html`<div class="chips" part="categories" role="group" aria-label=${this.i18n.t('feed.categories')}>
      ${chip('', this.i18n.t('feed.allCategories'))} ${this.categories.map((term) => chip(term.slug || term.id, term.name))}
    </div>`;
  }
}
