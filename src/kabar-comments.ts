/** The comments file: `<kabar-comment-box>` and `<kabar-comment-count>`, nothing else. */
import { KabarCommentBox } from './elements/comment-box/comment-box.js';
import { KabarCommentCount } from './elements/comment-count/comment-count.js';
import { defineElements } from './define-element.js';

export { registerLocale, type LocaleMessages } from './core/i18n/locales.js';
// What a page needs to give the comments their own backend and to listen to their events by class.
export { BackendError, PartialBackend, isBackendError } from './backends/backend.js';
export { KabarErrorEvent, KabarLoadEvent, KabarSubmitEvent, KabarSubmittedEvent } from './core/events.js';

export { KabarCommentBox, KabarCommentCount };

defineElements({ 'kabar-comment-box': KabarCommentBox, 'kabar-comment-count': KabarCommentCount });
