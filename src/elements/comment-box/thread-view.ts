import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { BackendError } from '../../backends/backend.js';
import type { Comment } from '../../backends/types.js';
import type { I18nController } from '../../core/i18n/controller.js';
import { describeError } from '../../core/i18n/errors.js';
import { markdown } from '../../core/markdown.js';
import { renderComment } from '../../partials/comment.js';
import type { ThreadEntry } from './thread.js';

/**
 * The comment box's templates that need nothing of the element but what
 * they are given: the placeholder, the failure, the nested thread, the
 * "load more" button and the preview of a comment.
 */

type I18n = I18nController;

/**
 * Holds the thread's space while it loads, so nothing below jumps; once the
 * connection proves slow, says so and lets the page author's content serve.
 */
export function threadSkeleton(i18n: I18n, slow = false): TemplateResult {
  if (slow) {
    return html`<div class="placeholder">
      <p part="slow" class="slow">${i18n.t('common.slow')}</p>
      <slot></slot>
    </div>`;
  }
  return html`<div part="skeleton" class="placeholder" aria-busy="true">
    <p class="visually-hidden">${i18n.t('comments.loading')}</p>
    <div class="skeleton" aria-hidden="true">
      ${[0, 1, 2].map(
        () => html`<div class="skeleton__item">
          <span class="skeleton__avatar"></span><span class="skeleton__line skeleton__line--short"></span><span class="skeleton__line"></span>
        </div>`,
      )}
    </div>
  </div>`;
}

/** The thread could not load: why, a retry, and the page author's own content. */
export function threadFailure(i18n: I18n, error: BackendError | undefined, onRetry: () => void): TemplateResult {
  return html`<div part="error" class="error">
      <p>${i18n.t('comments.loadFailed')} ${error ? describeError(i18n, error) : ''}</p>
      <button type="button" part="retry-button" class="button" @click=${onRetry}>${i18n.t('common.retry')}</button>
    </div>
    <slot></slot>`;
}

export function loadMoreButton(i18n: I18n, loading: boolean, onClick: () => void): TemplateResult {
  return html`<button type="button" part="load-more" class="button load-more" aria-disabled=${loading ? 'true' : 'false'} @click=${onClick}>
    ${loading ? i18n.t('common.loading') : i18n.t('comments.loadMore')}
  </button>`;
}

export interface EntryOptions {
  i18n: I18n;
  /** Absent on a closed thread: no reply buttons. */
  onReply?: (comment: Comment) => void;
  replyTo: string | null;
  /** The reply form, rendered under the comment being answered. */
  form: (comment: Comment) => TemplateResult | typeof nothing;
}

/** Comments as nested lists a screen reader can walk ("Balasan untuk Rina"). */
export function threadEntries(entries: ThreadEntry[], options: EntryOptions): TemplateResult {
  const { i18n, replyTo } = options;
  return html`${repeat(
    entries,
    (entry) => entry.comment.id,
    (entry) => html`<li part="comment-item">
      ${renderComment(entry.comment, { i18n, answering: entry.answering, onReply: options.onReply, replying: replyTo === entry.comment.id })}
      ${replyTo === entry.comment.id ? options.form(entry.comment) : nothing}
      ${entry.replies.length
        ? html`<ol
            part="replies"
            class="replies"
            aria-label=${i18n.t('comments.repliesTo', { name: entry.comment.author.name || i18n.t('comments.anonymous') })}
          >
            ${threadEntries(entry.replies, options)}
          </ol>`
        : nothing}
    </li>`,
  )}`;
}

/** The Markdown preview toggle and, when pressed, the comment as it will read. */
export function commentPreview(i18n: I18n, body: string, shown: boolean, onToggle: () => void): TemplateResult {
  return html`<button type="button" part="preview-button" class="button preview-toggle" aria-pressed=${shown ? 'true' : 'false'} @click=${onToggle}>
      ${i18n.t('common.preview')}
    </button>
    ${shown
      ? html`<div part="preview" class="preview">${body.trim() ? markdown(body) : html`<p>${i18n.t('common.previewEmpty')}</p>`}</div>`
      : nothing}`;
}
