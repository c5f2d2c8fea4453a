import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toBackendError, type Backend } from '../../backends/backend.js';
import { KabarErrorEvent, KabarLoadEvent } from '../../core/events.js';
import { KabarElement } from '../../core/kabar-element.js';
import { safeUrl } from '../../core/url.js';
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

  @state() private count?: number;

  private asked?: { backend: Backend; thread: string };
  private abort?: AbortController;

  override connectedCallback(): void {
    super.connectedCallback();
    // Ask now, in the task that connected the element, not after an await:
    // the Kabar adapter batches the counts asked for in one task into one request.
    this.ask();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    this.abort = undefined;
    this.asked = undefined;
  }

  override willUpdate(): void {
    this.ask();
  }

  private ask(): void {
    const backend = this.backendFor();
    const thread = this.thread.trim();
    if (!backend || !thread || !this.isConnected) return;
    if (this.asked?.backend === backend && this.asked.thread === thread) return;
    this.asked = { backend, thread };
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.count = undefined;
    backend.countComments([thread], { signal: abort.signal }).then(
      (counts) => {
        if (abort.signal.aborted) return;
        this.count = counts[thread] ?? 0;
        this.dispatchEvent(new KabarLoadEvent({ kind: 'counts', counts: { [thread]: this.count } }));
      },
      (thrown: unknown) => {
        if (abort.signal.aborted) return;
        const error = toBackendError(thrown);
        if (error.kind !== 'aborted') this.dispatchEvent(new KabarErrorEvent(error));
      },
    );
  }

  override render() {
    if (this.count === undefined) return html`<slot></slot>`;
    const text =
      this.count === 0
        ? this.i18n.t('commentCount.none')
        : this.i18n.t('unit.comments', { count: this.count, formatted: this.i18n.number(this.count) });
    const href = safeUrl(this.href);
    return href ? html`<a part="count" href=${href}>${text}</a>` : html`<span part="count">${text}</span>`;
  }
}
