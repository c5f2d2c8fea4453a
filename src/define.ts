import { KabarArticleCard } from './elements/article-card/article-card.js';
import { KabarArticleFeed } from './elements/article-feed/article-feed.js';
import { KabarCommentBox } from './elements/comment-box/comment-box.js';
import { KabarCommentCount } from './elements/comment-count/comment-count.js';
import { KabarSource } from './elements/source/source.js';
import { KabarStoryForm } from './elements/story-form/story-form.js';

/** Every tag the library defines, and its class. */
export const elements = {
  'kabar-article-feed': KabarArticleFeed,
  'kabar-article-card': KabarArticleCard,
  'kabar-story-form': KabarStoryForm,
  'kabar-comment-box': KabarCommentBox,
  'kabar-comment-count': KabarCommentCount,
  'kabar-source': KabarSource,
} as const;

/**
 * Defines a tag unless it is taken. The same class again (the bundle loaded
 * twice from one URL) is skipped quietly; another class (a second copy of the
 * bundle, or another library) is warned about once and left in place, never thrown.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === constructor) return;
  if (existing) {
    warnOnce(tag);
    return;
  }
  customElements.define(tag, constructor);
}

const warned = new Set<string>();
function warnOnce(tag: string): void {
  const flag = '__kabarDuplicateWarned';
  const page = globalThis as unknown as Record<string, boolean>;
  if (page[flag]) return;
  page[flag] = true;
  warned.add(tag);
  console.warn(
    `kabar: <${tag}> and the other Kabar tags are already defined by another copy of the bundle; this copy is not used. Load dist/kabar.js once per page.`,
  );
}

export function defineAll(): void {
  for (const [tag, constructor] of Object.entries(elements)) defineElement(tag, constructor);
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
