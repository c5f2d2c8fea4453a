import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Article } from '../../backends/types.js';
import { KabarLoadEvent } from '../../core/events.js';
import { WithHeadingLevel } from '../../core/heading.js';
import { KabarElement } from '../../core/kabar-element.js';
import { SlowLoadController } from '../../core/slow.js';
import { loadTask } from '../../core/load-task.js';
import { WithCardSettings, cardOptions, cardTemplate, errorMessage, selectArticle, skeletonTemplate, type CardVariant } from '../../partials/card.js';
import { cardStateStyles, cardStyles } from '../../partials/card.styles.js';
import { hostStyles } from '../../styles/host.js';
import { articleCardStyles } from './article-card.styles.js';

/**
 * One article card, from an `.article` object or fetched by `backend` +
 * `source` + `article-id`. Same template as the cards of the feed.
 *
 * @tag kabar-article-card
 * @slot - Fallback content (a plain link), shown before upgrade and when loading fails.
 * @csspart card - The card; also card-body, card-media, card-image, card-title, card-link, card-meta, card-date, card-author, card-excerpt, card-categories, card-category, card-source, card-badge.
 * @csspart skeleton - The placeholder while loading.
 * @csspart slow - "Slow connection, still trying…", shown with the fallback when loading takes long.
 * @csspart error - The error message; retry-button for its button.
 * @cssprop [--kabar-card-background] - Card background.
 * @cssprop [--kabar-card-border] - Card border.
 * @cssprop [--kabar-card-radius] - Corner radius.
 * @cssprop [--kabar-card-padding] - Space inside the card.
 * @cssprop [--kabar-card-title-size=1.125rem] - Title size.
 * @cssprop [--kabar-card-image-ratio=16 / 9] - Shape of the picture box.
 * @event {KabarLoadEvent} kabar-load - The article was fetched.
 * @event {KabarErrorEvent} kabar-error - Fetching failed.
 * @event {KabarArticleSelectEvent} kabar-article-select - The card was activated; cancel it to keep the link from being followed.
 */
export class KabarArticleCard extends WithCardSettings(WithHeadingLevel(KabarElement)) {
  static override styles = [hostStyles, cardStyles, cardStateStyles, articleCardStyles];

  /** The article to show; wins over fetching by `article-id`. */
  @property({ attribute: false }) article?: Article;
  /** With `backend` and `source`: which article to fetch. */
  @property({ attribute: 'article-id' }) articleId = '';
  /** `default`, `horizontal` or `compact`. */
  @property({ reflect: true }) variant: CardVariant = 'default';
  /** Below the fold: fetch the picture only when it comes near. */
  @property({ type: Boolean }) lazy = false;

  /** A cached copy shown while the fresh one is on its way. */
  @state() private stale?: Article;

  private readonly slowLoad = new SlowLoadController(this);

  private readonly fetched = loadTask(this, {
    args: () => [this.article ? undefined : this.backendFor(), this.articleId] as const,
    load: async ([backend, id], signal) => {
      this.stale = undefined;
      if (!backend || !id) return undefined;
      this.slowLoad.start();
      try {
        return await backend.getArticle(id, { signal, onStale: (value) => (this.stale = value as Article) });
      } finally {
        this.slowLoad.stop();
      }
    },
    loaded: (article) => new KabarLoadEvent({ kind: 'article', article }),
  });

  private readonly handleSelect = (article: Article, event: MouseEvent) => selectArticle(this, article, event);

  private renderCard(article: Article) {
    return cardTemplate(article, {
      i18n: this.i18n,
      variant: this.variant,
      headingLevel: this.topHeadingLevel,
      ...cardOptions(this),
      lazy: this.lazy,
      sizes: `${Math.round(this.getBoundingClientRect().width) || 100}${this.getBoundingClientRect().width ? 'px' : 'vw'}`,
      onSelect: this.handleSelect,
    });
  }

  private readonly handleRetry = () => void this.fetched.run();

  override render() {
    if (this.article) return this.renderCard(this.article);
    const fallback = html`<slot></slot>`;
    return this.fetched.render({
      initial: () => fallback,
      pending: () =>
        this.stale
          ? this.renderCard(this.stale)
          : this.slowLoad.slow
            ? html`<p class="slow" part="slow">${this.i18n.t('common.slow')}</p>
                ${fallback}`
            : html`<div aria-busy="true">
              <p class="visually-hidden">${this.i18n.t('card.loading')}</p>
              <div aria-hidden="true">${skeletonTemplate(this.variant, this.noImages)}</div>
            </div>`,
      complete: (article) => (article ? this.renderCard(article) : fallback),
      error: (error) =>
        html`<div class="error" part="error">
            <p class="error__message">${errorMessage(this.i18n, error, this.backendFor()?.label ?? '')}</p>
            <button type="button" class="button" part="retry-button" @click=${this.handleRetry}>${this.i18n.t('common.retry')}</button>
          </div>
          ${fallback}`,
    }) ?? nothing;
  }
}
