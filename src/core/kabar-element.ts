import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { Backend } from '../backends/backend.js';
import { resolveBackend, type SourceName } from '../backends/resolve.js';
import { wordPressPage } from '../backends/wordpress-page.js';
import { I18nController } from './i18n/controller.js';

/**
 * What every Kabar data element shares: the language controller, the theme,
 * and the backend, resolved from `backend` + `source` or injected as
 * `.backendAdapter` (which wins).
 * @attr lang - The language of the element's text; without it, the closest `[lang]` ancestor's, `<html lang>`'s, the reader's. `id` and `en` are built in, `registerLocale` adds others.
 */
export class KabarElement extends LitElement {
  /** Base URL of the backend; its meaning depends on `source`. */
  @property() backend = '';

  /** Which adapter speaks to the backend. */
  @property() source: SourceName = 'kabar';

  /** `light` (the default), `dark`, or `auto` to follow the reader's OS. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto';

  /** Any object implementing `Backend`; wins over `backend` and `source`. */
  @property({ attribute: false }) backendAdapter?: Backend;

  protected readonly i18n = new I18nController(this);

  /** `lang` stays the native attribute; observing it lets a change re-render at once. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.i18n.refresh();
  }

  /**
   * The backend to use, stable across renders for the same inputs (adapters
   * are cached by source and URL), or undefined when none is configured.
   */
  protected backendFor(): Backend | undefined {
    const url = this.backendUrl();
    return this.backendAdapter ?? (url ? resolveBackend(url, this.source) : undefined);
  }

  /** `backend`, or on a WordPress page with `source="wordpress"` the site the page names (see wordpress-page.ts). */
  protected backendUrl(): string {
    return this.backend || (this.source === 'wordpress' ? (wordPressPage()?.site ?? '') : '');
  }

  /** The post a WordPress page is about, as a thread, when `source="wordpress"` and no backend was named. */
  protected pageThread(): string {
    return this.source === 'wordpress' && !this.backend ? (wordPressPage()?.post ?? '') : '';
  }
}
