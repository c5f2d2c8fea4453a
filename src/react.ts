/**
 * React components for every tag, made with `@lit/react`, for React 18 and older: they set objects
 * (`article`, `backendAdapter`) as properties and attach `onKabar…` handlers to the element's
 * events, which React 18 does not do for custom elements. React 19 needs none of this (see
 * `kabar/jsx`). Importing this module defines every tag, as `kabar/define` does.
 *
 *   import { ArticleFeed } from 'kabar/react';
 *   <ArticleFeed backend="/api/v1" perPage={6} onKabarLoad={(e) => console.log(e.detail)} />
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { defineAll } from './define.js';
import { KabarArticleCard } from './elements/article-card/article-card.js';
import { KabarArticleFeed } from './elements/article-feed/article-feed.js';
import { KabarCommentBox } from './elements/comment-box/comment-box.js';
import { KabarCommentCount } from './elements/comment-count/comment-count.js';
import { KabarSource } from './elements/source/source.js';
import { KabarStoryForm } from './elements/story-form/story-form.js';
import type { KabarArticleSelectEvent, KabarErrorEvent, KabarLoadEvent, KabarSubmitEvent, KabarSubmittedEvent } from './core/events.js';

defineAll();

const loaded = {
  onKabarLoad: 'kabar-load' as EventName<KabarLoadEvent>,
  onKabarError: 'kabar-error' as EventName<KabarErrorEvent>,
};
const selected = { onKabarArticleSelect: 'kabar-article-select' as EventName<KabarArticleSelectEvent> };
const sent = {
  onKabarSubmit: 'kabar-submit' as EventName<KabarSubmitEvent>,
  onKabarSubmitted: 'kabar-submitted' as EventName<KabarSubmittedEvent>,
  onKabarError: 'kabar-error' as EventName<KabarErrorEvent>,
};

export const ArticleFeed = createComponent({ react: React, tagName: 'kabar-article-feed', elementClass: KabarArticleFeed, events: { ...loaded, ...selected } });
export const ArticleCard = createComponent({ react: React, tagName: 'kabar-article-card', elementClass: KabarArticleCard, events: { ...loaded, ...selected } });
export const Source = createComponent({ react: React, tagName: 'kabar-source', elementClass: KabarSource, events: { onKabarSourceChange: 'kabar-source-change' as EventName<Event> } });
export const StoryForm = createComponent({ react: React, tagName: 'kabar-story-form', elementClass: KabarStoryForm, events: sent });
export const CommentBox = createComponent({ react: React, tagName: 'kabar-comment-box', elementClass: KabarCommentBox, events: { ...loaded, ...sent } });
export const CommentCount = createComponent({ react: React, tagName: 'kabar-comment-count', elementClass: KabarCommentCount, events: loaded });
