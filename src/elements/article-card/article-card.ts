import { html } from 'lit';
import { KabarElement } from '../../core/kabar-element.js';
import { hostStyles } from '../../styles/host.js';

/**
 * Placeholder until the element is written.
 * @tag kabar-article-card
 */
export class KabarArticleCard extends KabarElement {
  static override styles = [hostStyles];

  override render() {
    return html`<slot></slot>`;
  }
}
