import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import { KabarLoadEvent } from '../../core/events.js';
import { KabarElement } from '../../core/kabar-element.js';
import { safeUrl } from '../../core/url.js';
import { loadTask } from '../../core/load-task.js';
import { hostStyles } from '../../styles/host.js';
import { commentCountStyles } from './comment-count.styles.js';

/**
 * "12 komentar" for one thread. Every count on a page asks in the same task,
 * so a Kabar backend answers all of them with one request.
 *
 * @tag kabar-comment-count
 * @slot - Shown until the count arrives, and kept if it cannot be had (e.g. "Komentar").
 * @csspart count - The count text (or the link, when `href` is set).
 * @cssprop [--kabar-color-link] - Colour of the link.
 * @event {KabarLoadEvent} kabar-load - The count arrived (detail kind `counts`).
 * @event {KabarErrorEvent} kabar-error - The count could not be had.
 */
export class KabarCommentCount extends KabarElement {
  static override styles = [hostStyles, commentCountStyles];

  /** The thread to count: for `kabar` its name (e.g. an article path), for `wordpress` the post id. */
  @property() thread = '';

  /** Makes the count a link, typically to the comments of the article (`/artikel/x#komentar`). */
  @property() href = '';

  private readonly counted = loadTask(this, {
    args: () => [this.backendFor(), this.thread.trim() || this.pageThread()] as const,
    // Asked in the update that follows connection, with every other count of the page:
    // the Kabar adapter merges the counts asked for in one task into one request.
    load: async ([backend, thread], signal) => {
      if (!backend || !thread) return undefined;
      const counts = await backend.countComments([thread], { signal });
      return { thread, count: counts[thread] ?? 0 };
    },
    loaded: ({ thread, count }) => new KabarLoadEvent({ kind: 'counts', counts: { [thread]: count } }),
  });

  override render() {
    // Until the count is here, and if it cannot be had, the page's own words stay.
    const count = this.counted.value?.count;
    if (this.counted.status !== TaskStatus.COMPLETE || count === undefined) return html`<slot></slot>`;
    const text = count === 0 ? this.i18n.t('commentCount.none') : this.i18n.t('unit.comments', { count, formatted: this.i18n.number(count) });
    const href = safeUrl(this.href);
    return href ? html`<a part="count" href=${href}>${text}</a>` : html`<span part="count">${text}</span>`;
  }
}
