import type { Backend } from '../../backends/backend.js';
import { HTMLElementBase } from '../../core/html-element.js';

/**
 * A data-only child of `<kabar-article-feed>` naming one more backend to merge
 * in. It renders nothing; the feed reads its attributes (or its
 * `.backendAdapter`, which wins, as on every Kabar element).
 * @tag kabar-source
 * @attr backend - Base URL of this backend; its meaning depends on `source`.
 * @attr source - Which adapter speaks to it: `kabar` (the default), `wordpress`, `jsonfeed` or `rss` (RSS and Atom).
 * @attr label - Shown on the cards from this source; the backend's host name by default.
 * @event kabar-source-change - An attribute changed after the feed read it; bubbles to the feed, which loads again.
 */
export class KabarSource extends HTMLElementBase {
  static readonly observedAttributes = ['backend', 'source', 'label'];

  private adapter?: Backend;
  /** Upgrading replays every attribute before connecting; the feed reads those itself, so only later changes count. */
  private ready = false;

  get backend(): string {
    return this.getAttribute('backend') ?? '';
  }
  set backend(value: string) {
    this.setAttribute('backend', value);
  }

  get source(): string {
    return this.getAttribute('source') ?? 'kabar';
  }
  set source(value: string) {
    this.setAttribute('source', value);
  }

  /** The label shown on cards from this source; defaults to the backend's host name. */
  get label(): string {
    return this.getAttribute('label') ?? '';
  }
  set label(value: string) {
    this.setAttribute('label', value);
  }

  /** Any object implementing `Backend`; wins over `backend` and `source`. */
  get backendAdapter(): Backend | undefined {
    return this.adapter;
  }
  set backendAdapter(value: Backend | undefined) {
    this.adapter = value;
    this.changed();
  }

  connectedCallback(): void {
    this.hidden = true;
    this.ready = true;
  }

  attributeChangedCallback(_name: string, old: string | null, value: string | null): void {
    if (old !== value) this.changed();
  }

  /** Tells the feed that a source changed, so it starts again. */
  private changed(): void {
    if (this.ready && this.isConnected) this.dispatchEvent(new Event('kabar-source-change', { bubbles: true }));
  }
}
