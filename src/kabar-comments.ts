/** The comments file: `<kabar-comment-box>` and `<kabar-comment-count>`, nothing else. */
import { KabarCommentBox } from './elements/comment-box/comment-box.js';
import { KabarCommentCount } from './elements/comment-count/comment-count.js';
import { defineElements } from './define-element.js';

export { registerLocale, type LocaleMessages } from './core/i18n/locales.js';

export { KabarCommentBox, KabarCommentCount };

defineElements({ 'kabar-comment-box': KabarCommentBox, 'kabar-comment-count': KabarCommentCount });
