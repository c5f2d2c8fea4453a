/** The public API without side effects: importing this defines no tags. */
export { KabarArticleCard } from './elements/article-card/article-card.js';
export { KabarArticleFeed } from './elements/article-feed/article-feed.js';
export { KabarCommentBox } from './elements/comment-box/comment-box.js';
export { KabarCommentCount } from './elements/comment-count/comment-count.js';
export { KabarSource } from './elements/source/source.js';
export { KabarStoryForm } from './elements/story-form/story-form.js';
export { KabarElement } from './core/kabar-element.js';
export { BackendError, PartialBackend, isBackendError } from './backends/backend.js';
export type { Backend, BackendErrorKind, CallOptions } from './backends/backend.js';
export type * from './backends/types.js';
export { KabarBackend } from './backends/kabar.js';
export { WordPressBackend } from './backends/wordpress.js';
export { JsonFeedBackend } from './backends/jsonfeed.js';
export { RssBackend } from './backends/rss.js';
export { EndpointBackend } from './backends/endpoint.js';
export { EmailBackend } from './backends/email.js';
export { resolveBackend, type SourceName } from './backends/resolve.js';
export {
  KabarArticleSelectEvent,
  KabarErrorEvent,
  KabarLoadEvent,
  KabarSubmitEvent,
  KabarSubmittedEvent,
} from './core/events.js';
export { defineAll, defineElement, elements } from './define.js';
export { registerLocale, type LocaleMessages } from './core/i18n/locales.js';
export type { Catalogue, MessageKey } from './core/i18n/id.js';
