import { html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Backend } from '../../../src/backends/backend.js';
import { KabarCommentBox } from '../../../src/elements/comment-box/comment-box.js';
import { KabarCommentCount } from '../../../src/elements/comment-count/comment-count.js';
import { $, typeInto } from '../support/dom.js';
import { mount } from '../support/mount.js';

export { $, $$, text, typeInto } from '../support/dom.js';

// Only these elements: the tests must not depend on the others being importable.
if (!customElements.get('kabar-comment-box')) customElements.define('kabar-comment-box', KabarCommentBox);
if (!customElements.get('kabar-comment-count')) customElements.define('kabar-comment-count', KabarCommentCount);

export interface BoxOptions {
  backend?: Backend;
  /** `backend` attribute, for the real adapters. */
  url?: string;
  source?: string;
  thread?: string;
  lang?: string;
  maxDepth?: number;
  perPage?: number;
  sort?: string;
  loading?: string;
}

export async function mountBox(options: BoxOptions = {}): Promise<KabarCommentBox> {
  const el = await mount<KabarCommentBox>(html`<kabar-comment-box
    lang=${options.lang ?? 'id'}
    thread=${options.thread ?? '/artikel/contoh'}
    loading=${options.loading ?? 'eager'}
    backend=${ifDefined(options.url)}
    source=${ifDefined(options.source)}
    max-depth=${ifDefined(options.maxDepth)}
    per-page=${ifDefined(options.perPage)}
    sort=${ifDefined(options.sort)}
    .backendAdapter=${options.backend}
  ></kabar-comment-box>`);
  await el.updateComplete;
  return el;
}

/** Waits until the thread has settled (listed, empty or failed) and the form (or "closed") is there. */
export async function loaded(el: KabarCommentBox): Promise<void> {
  await waitUntil(() => $(el, 'ol[part="thread"], [part="empty"], [part="error"], [part="closed"]') && $(el, 'form, [part="closed"]'), 'the thread did not settle', { timeout: 4000 });
  await el.updateComplete;
}

export async function fillComment(el: KabarCommentBox, body = 'Terima kasih atas liputannya.'): Promise<void> {
  await typeInto(el, 'field-body', body);
  await typeInto(el, 'field-name', 'Rina Marlina');
  await typeInto(el, 'field-email', 'rina@contoh.id');
}

export async function submit(el: KabarCommentBox): Promise<void> {
  $(el, 'button[type="submit"]')!.click();
  await el.updateComplete;
}

/** The article of a comment, by id. */
export function article(el: KabarCommentBox, id: string): HTMLElement | null {
  return $(el, `#comment-${id}`);
}

/** The element that has focus inside the box. */
export function focused(el: KabarCommentBox): Element | null {
  return el.shadowRoot!.activeElement;
}

/** The ids of the comments directly in a list, in order. */
export function idsIn(list: Element | null): string[] {
  return [...(list?.children ?? [])].map((li) => li.querySelector(':scope > article')?.id.replace('comment-', '') ?? '');
}
