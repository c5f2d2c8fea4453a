import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Comment } from '../backends/types.js';
import type { I18nController } from '../core/i18n/controller.js';
import { complete } from '../core/complete.js';
import { guardedHtml, markdown } from '../core/markdown.js';
import { safeImageUrl, safeUrl } from '../core/sanitize.js';

/** Up to two letters for an avatar drawn without loading anything. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => [...word.replace(/^[^\p{L}\p{N}]+/u, '')][0] ?? '').join('').toLocaleUpperCase() || '?';
}

/** One of six avatar tints, the same for the same name on every visit. */
function tint(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % 6;
}

/**
 * Only an https picture is drawn: an http one (WordPress's gravatars) would be
 * mixed content on an https page and a request to a third party, so it gives
 * way to initials.
 */
function renderAvatar(comment: Comment, name: string): TemplateResult {
  const src = safeImageUrl(comment.author.avatar);
  if (src?.startsWith('https:')) {
    return html`<img part="avatar" class="avatar" src=${src} alt="" width="40" height="40" loading="lazy" decoding="async" referrerpolicy="no-referrer" />`;
  }
  return html`<span part="avatar" class="avatar avatar--${tint(name)}" aria-hidden="true">${initials(name)}</span>`;
}

/** A reader-given website, linked only when it is http(s). */
function renderAuthor(comment: Comment, name: string): TemplateResult {
  const url = safeUrl(comment.author.url);
  return url && !url.startsWith('mailto:')
    ? html`<a part="author" class="author" href=${url} rel="ugc nofollow noopener">${name}</a>`
    : html`<span part="author" class="author">${name}</span>`;
}

export interface CommentTemplateOptions {
  i18n: I18nController;
  /** Set when the comment is shown away from the comment it answers: that comment's author. */
  answering?: string;
  /** Offers the reply button; pending comments cannot be answered yet. */
  onReply?: (comment: Comment, button: HTMLElement) => void;
  /** Whether the reply form is open under this comment. */
  replying?: boolean;
}

/** A comment as the template reads it: missing fields become empty, with one warning naming them. */
export function completeComment(comment: Comment): Comment {
  return complete('Comment', comment, {
    id: () => '',
    author: () => ({ name: '' }),
    createdAt: () => '',
    status: () => 'approved',
  });
}

/**
 * One comment as an `article`: avatar, author, whom it answers, when, the
 * pending marker, the body and a reply button. The body is WordPress's HTML
 * through the sanitiser or Kabar's markdown through the one pipeline; both end
 * in the same allow-list.
 */
export function renderComment(given: Comment, options: CommentTemplateOptions): TemplateResult {
  const { i18n } = options;
  const comment = completeComment(given);
  const name = (typeof comment.author.name === 'string' && comment.author.name) || i18n.t('comments.anonymous');
  const pending = comment.status === 'pending';
  return html`<article
    id=${`comment-${comment.id}`}
    part=${pending ? 'comment comment-pending' : 'comment'}
    class=${pending ? 'comment comment--pending' : 'comment'}
    aria-label=${i18n.t('comments.by', { name })}
    tabindex="-1"
  >
    <header part="comment-header" class="comment__header">
      ${renderAvatar(comment, name)}
      <span class="comment__meta">
        ${renderAuthor(comment, name)}
        ${options.answering ? html`<span part="answering" class="answering">${i18n.t('comments.answering', { name: options.answering })}</span>` : nothing}
        ${comment.createdAt
          ? html`<time part="date" class="date" datetime=${comment.createdAt} title=${ifDefined(i18n.fullDate(comment.createdAt) || undefined)}
              >${i18n.relativeDate(comment.createdAt)}</time
            >`
          : nothing}
      </span>
    </header>
    ${pending ? html`<p part="pending-note" class="pending-note">${i18n.t('comments.pending')}</p>` : nothing}
    <div part="comment-body" class="comment__body">${typeof comment.html === 'string' ? guardedHtml(comment.html) : markdown(typeof comment.body === 'string' ? comment.body : '')}</div>
    ${options.onReply && !pending
      ? html`<button
          type="button"
          part="reply-button"
          class="reply-button"
          aria-label=${i18n.t('comments.replyTo', { name })}
          aria-expanded=${options.replying ? 'true' : 'false'}
          @click=${(event: Event) => options.onReply?.(comment, event.currentTarget as HTMLElement)}
        >
          ${i18n.t('comments.reply')}
        </button>`
      : nothing}
  </article>`;
}
