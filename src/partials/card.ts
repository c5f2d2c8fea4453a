import { html, nothing, type LitElement, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { BackendError, CORS_REFUSED, isBackendError } from '../backends/backend.js';
import type { Article } from '../backends/types.js';
import { KabarArticleSelectEvent } from '../core/events.js';
import { complete } from '../core/complete.js';
import { clampLevel } from '../core/heading.js';
import { describeError } from '../core/i18n/errors.js';
import { safeImageUrl, safeUrl, srcsetCandidates } from '../core/url.js';
import type { I18nController } from '../core/i18n/controller.js';

/**
 * THE article card, shared by `<kabar-article-card>` and `<kabar-article-feed>`
 * (a template, not a nested element, so a re-prefixed or late-defined tag can
 * never break the feed). Text only: titles and excerpts are plain text by the
 * time they get here.
 */

export type CardVariant = 'default' | 'horizontal' | 'compact';

/** What the card needs from the language controller; a plain object will do (the benchmark uses one). */
export type CardI18n = Pick<I18nController, 't' | 'relativeDate' | 'fullDate'>;

export interface CardOptions {
  i18n: CardI18n;
  variant?: CardVariant;
  /** Words of the excerpt to keep; 0 keeps none. */
  excerptWords?: number;
  noImage?: boolean;
  noExcerpt?: boolean;
  noAuthor?: boolean;
  noDate?: boolean;
  /** `target` of the title link (`_blank` and others); the link then says it opens a new tab. */
  linkTarget?: string;
  /** Below the first row: let the browser fetch the image when it comes near. */
  lazy?: boolean;
  /** The image's `sizes` for the layout it sits in. */
  sizes?: string;
  /** Level of the title's heading; default 3. */
  headingLevel?: number;
  /** Called on a click on the title link (the whole card is its hit area); may `preventDefault()` it. */
  onSelect?: (article: Article, event: MouseEvent) => void;
}

/** What a page may set on every card, the same attributes on the card element and the feed. */
export interface CardSettings {
  excerptWords: number;
  noImages: boolean;
  noExcerpt: boolean;
  noAuthor: boolean;
  noDate: boolean;
  linkTarget: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base constructor must take any arguments.
type Constructor<T> = new (...args: any[]) => T;

/**
 * Adds the card attributes (`excerpt-words`, `no-images`, `no-excerpt`,
 * `no-author`, `no-date`, `link-target`) to an element, so the card element
 * and the feed declare them once and cannot drift apart.
 */
export function WithCardSettings<T extends Constructor<LitElement>>(Base: T): Constructor<CardSettings> & T {
  class CardSettingsElement extends Base implements CardSettings {
    /** Words of the excerpt. */
    @property({ type: Number, attribute: 'excerpt-words' }) excerptWords = 30;
    /** Cards without pictures. */
    @property({ type: Boolean, attribute: 'no-images' }) noImages = false;
    /** Cards without excerpts. */
    @property({ type: Boolean, attribute: 'no-excerpt' }) noExcerpt = false;
    /** Cards without the author's name. */
    @property({ type: Boolean, attribute: 'no-author' }) noAuthor = false;
    /** Cards without the date. */
    @property({ type: Boolean, attribute: 'no-date' }) noDate = false;
    /** `target` of the card links, e.g. `_blank`. */
    @property({ attribute: 'link-target' }) linkTarget = '';
  }
  return CardSettingsElement;
}

/** The part of `CardOptions` that comes from the page's attributes. */
export function cardOptions(settings: CardSettings): Pick<CardOptions, 'excerptWords' | 'noImage' | 'noExcerpt' | 'noAuthor' | 'noDate' | 'linkTarget'> {
  return {
    excerptWords: settings.excerptWords,
    noImage: settings.noImages,
    noExcerpt: settings.noExcerpt,
    noAuthor: settings.noAuthor,
    noDate: settings.noDate,
    linkTarget: settings.linkTarget,
  };
}

/**
 * `srcset` with only the candidates the page may load; undefined when none is
 * left. Candidates are split at a comma followed by space, as WordPress and the
 * Kabar server write them, so a comma inside a URL stays part of it.
 */
export function safeSrcset(srcset: string | undefined): string | undefined {
  const kept = srcset ? srcsetCandidates(srcset).filter((candidate) => candidate !== undefined) : [];
  return kept.length ? kept.join(', ') : undefined;
}

/**
 * Tells the page a card was activated, from `host`; when the page cancels the
 * event, the click does not follow the link.
 */
export function selectArticle(host: HTMLElement, article: Article, event: MouseEvent): void {
  const select = new KabarArticleSelectEvent({ article });
  host.dispatchEvent(select);
  if (select.defaultPrevented) event.preventDefault();
}

/** The first `count` words, with an ellipsis when something was cut. */
export function trimWords(text: string, count: number): string {
  if (count <= 0) return '';
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length <= count) return words.join(' ');
  return `${words.slice(0, count).join(' ').replace(/[.,;:!?…-]+$/u, '')}…`;
}

/**
 * `sizes` for a lazy image starts with `auto`: the browser then picks from the
 * srcset by the width the card really has, wherever the page put the feed.
 * Eager images (the first row) cannot wait for layout and use the hint alone.
 */
export function imageSizes(hint: string, lazy: boolean): string {
  return lazy ? `auto, ${hint}` : hint;
}

function renderImage(article: Article, options: CardOptions): TemplateResult | typeof nothing {
  const image = article.image;
  if (!image || options.noImage || options.variant === 'compact') return nothing;
  // Whatever handed the article over (a custom backend, an `.article` object),
  // a picture the page may not load (plain http on https, data:, script) is left out.
  const src = safeImageUrl(image.src);
  if (!src) return nothing;
  const srcset = safeSrcset(image.srcset);
  const sized = !!(image.width && image.height);
  const lazy = !!options.lazy;
  // Alt text from the source describes the picture; when it has none, the title
  // link already names the article and the picture is left out of the reading.
  return html`<div class="card__media" part="card-media">
    <img
      class="card__image"
      part="card-image"
      src=${src}
      srcset=${ifDefined(srcset)}
      sizes=${ifDefined(srcset ? imageSizes(options.sizes ?? '100vw', lazy) : undefined)}
      width=${ifDefined(sized ? image.width : undefined)}
      height=${ifDefined(sized ? image.height : undefined)}
      alt=${image.alt}
      loading=${lazy ? 'lazy' : 'eager'}
      decoding="async"
    />
  </div>`;
}

function renderMeta(article: Article, options: CardOptions): TemplateResult | typeof nothing {
  const { i18n } = options;
  const showDate = !options.noDate && !!article.publishedAt;
  const showAuthor = !options.noAuthor && !!article.author?.name;
  if (!showDate && !showAuthor) return nothing;
  return html`<p class="card__meta" part="card-meta">
    ${showDate
      ? html`<time part="card-date" datetime=${article.publishedAt} title=${i18n.fullDate(article.publishedAt)}
          >${i18n.relativeDate(article.publishedAt)}</time
        >`
      : nothing}
    ${showAuthor ? html`<span class="card__author" part="card-author">${i18n.t('card.by', { name: article.author?.name ?? '' })}</span>` : nothing}
  </p>`;
}

/** An article as the card reads it: missing fields become empty, with one warning naming them. */
export function completeArticle(article: Article): Article {
  return complete('Article', article, {
    id: () => '',
    url: () => '',
    title: () => '',
    excerpt: () => '',
    publishedAt: () => '',
    categories: () => [],
  });
}

function renderTitle(article: Article, options: CardOptions, target: string | undefined, newTab: boolean): TemplateResult | typeof nothing {
  if (!article.title.trim()) return nothing;
  const select = options.onSelect;
  // One element whatever the level: aria-level carries it (a template cannot vary its tag name and stay minifiable).
  return html`<h3 class="card__title" part="card-title" aria-level=${clampLevel(options.headingLevel ?? 3)}>
    <a
      class="card__link"
      part="card-link"
      href=${ifDefined(safeUrl(article.url))}
      target=${ifDefined(target)}
      rel=${ifDefined(newTab ? 'noopener' : undefined)}
      @click=${select ? (event: MouseEvent) => select(article, event) : undefined}
      >${article.title}${newTab ? html`<span class="visually-hidden"> ${options.i18n.t('card.newTab')}</span>` : nothing}</a
    >
  </h3>`;
}

/** One article card. */
export function cardTemplate(given: Article, options: CardOptions): TemplateResult {
  const { i18n } = options;
  const article = completeArticle(given);
  const variant = options.variant ?? 'default';
  const excerpt = options.noExcerpt || variant === 'compact' ? '' : trimWords(article.excerpt, options.excerptWords ?? 30);
  const target = options.linkTarget || undefined;
  const newTab = !!target && target !== '_self' && target !== '_parent' && target !== '_top';
  const categories = variant === 'compact' ? [] : article.categories;
  return html`<article class="card card--${variant}" part="card">
    <div class="card__body" part="card-body">
      ${article.sourceLabel || article.sticky
        ? html`<p class="card__kicker">
            ${article.sourceLabel
              ? html`<span class="card__source" part="card-source"
                  ><span class="visually-hidden">${i18n.t('card.source')}: </span>${article.sourceLabel}</span
                >`
              : nothing}
            ${article.sticky ? html`<span class="card__badge" part="card-badge">${i18n.t('card.sticky')}</span>` : nothing}
          </p>`
        : nothing}
      ${renderTitle(article, options, target, newTab)}
      ${renderMeta(article, options)}
      ${excerpt ? html`<p class="card__excerpt" part="card-excerpt">${excerpt}</p>` : nothing}
      ${categories.length
        ? html`<ul class="card__categories" part="card-categories" aria-label=${i18n.t('card.categories')}>
            ${categories.map((term) => html`<li class="card__category" part="card-category">${term?.name ?? ''}</li>`)}
          </ul>`
        : nothing}
    </div>
    ${renderImage(article, options)}
  </article>`;
}

/** A placeholder the size of a card, shown while loading so nothing moves when the card arrives. */
export function skeletonTemplate(variant: CardVariant = 'default', noImage = false): TemplateResult {
  return html`<div class="card card--${variant} card--skeleton" part="skeleton">
    <div class="card__body">
      <span class="skeleton__line skeleton__line--title"></span>
      <span class="skeleton__line skeleton__line--title skeleton__line--short"></span>
      <span class="skeleton__line skeleton__line--meta"></span>
      ${variant === 'compact' ? nothing : html`<span class="skeleton__line"></span><span class="skeleton__line skeleton__line--short"></span>`}
    </div>
    ${noImage || variant === 'compact' ? nothing : html`<div class="card__media"></div>`}
  </div>`;
}

/**
 * The message for a failure of a list or card, by its kind, never in the
 * server's own words. Where it helps, it names the site (`site`); the cases
 * that do not depend on the site are worded by `describeError`.
 */
export function errorMessage(i18n: Pick<I18nController, 't'>, error: unknown, site: string): string {
  const failure = isBackendError(error) ? error : new BackendError('network', { cause: error });
  return describeError(i18n, failure, (e) => {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return i18n.t('feed.errorOffline');
    if (e.code === CORS_REFUSED) return undefined;
    switch (e.kind) {
      case 'timeout':
      case 'rate-limited':
      case 'unsupported':
        return undefined;
      case 'parse':
        return i18n.t('feed.errorParse', { site });
      case 'http':
        if (e.status === 404 || e.status === 410) return i18n.t('feed.errorNotFound', { site });
        if (e.status === 401 || e.status === 403) return i18n.t('feed.errorBlocked', { site });
        return i18n.t('feed.errorServer', { site });
      default:
        // A site that does not allow cross-origin reads looks exactly like one that cannot be reached.
        return i18n.t('feed.errorNetwork', { site });
    }
  });
}
