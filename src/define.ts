import { KabarArticleCard } from './elements/article-card/article-card.js';
import { KabarArticleFeed } from './elements/article-feed/article-feed.js';
import { KabarCommentBox } from './elements/comment-box/comment-box.js';
import { KabarCommentCount } from './elements/comment-count/comment-count.js';
import { KabarSource } from './elements/source/source.js';
import { KabarStoryForm } from './elements/story-form/story-form.js';
import { defineElements } from './define-element.js';

export { defineElement } from './define-element.js';

/** Every tag the library defines, and its class. */
export const elements = {
  'kabar-article-feed': KabarArticleFeed,
  'kabar-article-card': KabarArticleCard,
  'kabar-story-form': KabarStoryForm,
  'kabar-comment-box': KabarCommentBox,
  'kabar-comment-count': KabarCommentCount,
  'kabar-source': KabarSource,
} as const;

/** Defines every tag; see `define-element.ts` for what happens to a tag already taken. */
export function defineAll(): void {
  defineElements(elements);
}

declare global {
  interface HTMLElementTagNameMap {
    'kabar-article-feed': KabarArticleFeed;
    'kabar-article-card': KabarArticleCard;
    'kabar-story-form': KabarStoryForm;
    'kabar-comment-box': KabarCommentBox;
    'kabar-comment-count': KabarCommentCount;
    'kabar-source': KabarSource;
  }
}
