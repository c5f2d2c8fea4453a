/** The feed file: `<kabar-article-feed>`, `<kabar-article-card>` and `<kabar-source>`, nothing else. */
import { KabarArticleCard } from './elements/article-card/article-card.js';
import { KabarArticleFeed } from './elements/article-feed/article-feed.js';
import { KabarSource } from './elements/source/source.js';
import { defineElements } from './define-element.js';

export { registerLocale, type LocaleMessages } from './core/i18n/locales.js';
// What a page needs to give the feed its own backend and to listen to its events by class.
export { BackendError, PartialBackend, isBackendError } from './backends/backend.js';
export { KabarArticleSelectEvent, KabarErrorEvent, KabarLoadEvent } from './core/events.js';

export { KabarArticleCard, KabarArticleFeed, KabarSource };

defineElements({ 'kabar-article-feed': KabarArticleFeed, 'kabar-article-card': KabarArticleCard, 'kabar-source': KabarSource });
