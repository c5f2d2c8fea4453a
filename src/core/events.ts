import type { BackendError } from '../backends/backend.js';
import type { Article, Comment, NewComment, StoryReceipt, StorySubmission } from '../backends/types.js';

/**
 * The `kabar-*` events. Each is dispatched from the host element, bubbles and
 * crosses shadow roots, so a page can listen on the element or on `document`.
 */
const init = { bubbles: true, composed: true } as const;

/** What was loaded: a page of articles, one article, a page of comments or counts. */
export type KabarLoadDetail =
  | { kind: 'articles'; items: Article[]; page: number; total?: number; hasMore: boolean }
  | { kind: 'article'; article: Article }
  | { kind: 'comments'; items: Comment[]; page: number; total?: number; hasMore: boolean }
  | { kind: 'counts'; counts: Record<string, number> };

export class KabarLoadEvent extends Event {
  static readonly type = 'kabar-load';
  constructor(readonly detail: KabarLoadDetail) {
    super(KabarLoadEvent.type, init);
  }
}

export class KabarErrorEvent extends Event {
  static readonly type = 'kabar-error';
  constructor(readonly detail: BackendError) {
    super(KabarErrorEvent.type, init);
  }
}

export type KabarSubmitDetail = { kind: 'story'; story: StorySubmission } | { kind: 'comment'; comment: NewComment };

/** Fired before a story or comment is sent; `preventDefault()` stops the send. */
export class KabarSubmitEvent extends Event {
  static readonly type = 'kabar-submit';
  constructor(readonly detail: KabarSubmitDetail) {
    super(KabarSubmitEvent.type, { ...init, cancelable: true });
  }
}

export type KabarSubmittedDetail = { kind: 'story'; receipt: StoryReceipt } | { kind: 'comment'; comment: Comment };

export class KabarSubmittedEvent extends Event {
  static readonly type = 'kabar-submitted';
  constructor(readonly detail: KabarSubmittedDetail) {
    super(KabarSubmittedEvent.type, init);
  }
}

/** Fired when a reader activates a card; `preventDefault()` keeps the link from being followed. */
export class KabarArticleSelectEvent extends Event {
  static readonly type = 'kabar-article-select';
  constructor(readonly detail: { article: Article }) {
    super(KabarArticleSelectEvent.type, { ...init, cancelable: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'kabar-load': KabarLoadEvent;
    'kabar-error': KabarErrorEvent;
    'kabar-submit': KabarSubmitEvent;
    'kabar-submitted': KabarSubmittedEvent;
    'kabar-article-select': KabarArticleSelectEvent;
  }
}
