/**
 * A data-only child of `<kabar-article-feed>` naming one more backend to merge
 * in. It renders nothing; the feed reads its attributes.
 * @tag kabar-source
 */
export class KabarSource extends HTMLElement {
  static readonly observedAttributes = ['backend', 'source', 'label'];

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

  connectedCallback(): void {
    this.hidden = true;
  }

  /** Tells the feed that a source changed, so it reloads. */
  attributeChangedCallback(_name: string, old: string | null, value: string | null): void {
    if (old !== value && this.isConnected) {
      this.dispatchEvent(new Event('kabar-source-change', { bubbles: true }));
    }
  }
}
