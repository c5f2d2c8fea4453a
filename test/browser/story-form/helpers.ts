import { fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { KabarStoryForm } from '../../../src/elements/story-form/story-form.js';
import { FakeBackend } from './fake-backend.js';

// Only this element: the test must not depend on the others being importable.
if (!customElements.get('kabar-story-form')) customElements.define('kabar-story-form', KabarStoryForm);

export interface MountOptions {
  lang?: string;
  backend?: FakeBackend;
  categories?: string;
  photo?: string;
  privacyUrl?: string;
  source?: string;
  to?: string;
}

export async function mount(options: MountOptions = {}): Promise<{ el: KabarStoryForm; backend: FakeBackend }> {
  const backend = options.backend ?? new FakeBackend();
  const el = await fixture<KabarStoryForm>(html`<kabar-story-form
    lang=${options.lang ?? 'id'}
    categories=${ifDefined(options.categories)}
    photo=${ifDefined(options.photo)}
    privacy-url=${ifDefined(options.privacyUrl)}
    source=${ifDefined(options.source)}
    to=${ifDefined(options.to)}
    .backendAdapter=${backend}
  ></kabar-story-form>`);
  await el.updateComplete;
  return { el, backend };
}

export function $(el: KabarStoryForm, selector: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(selector);
}

export function $$(el: KabarStoryForm, selector: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Types into a field the way the browser reports it: the value, then a bubbling `input`. */
export async function type(el: KabarStoryForm, id: string, value: string): Promise<void> {
  const field = $(el, `#${id}`) as HTMLInputElement | HTMLTextAreaElement;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export async function check(el: KabarStoryForm, id: string): Promise<void> {
  ($(el, `#${id}`) as HTMLInputElement).click();
  await el.updateComplete;
}

/**
 * Focus moves into the field and out again. A page running in the background
 * (another test file has the window) moves focus without firing focus events,
 * so the `focusout` a reader's Tab would cause is sent when none came.
 */
export async function blur(el: KabarStoryForm, id: string): Promise<void> {
  const field = $(el, `#${id}`)!;
  let left = false;
  const note = () => (left = true);
  field.addEventListener('focusout', note, { once: true });
  field.focus();
  field.blur();
  field.removeEventListener('focusout', note);
  if (!left) field.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export const TWO_PARAGRAPHS =
  'Warga Kampung Nelayan membersihkan pantai setiap Sabtu pagi sejak tahun lalu.\n\nKini mereka juga menanam bakau bersama siswa sekolah dasar.';

export async function fillValid(el: KabarStoryForm): Promise<void> {
  await type(el, 'name', 'Sari Wulandari');
  await type(el, 'email', 'sari@contoh.id');
  await type(el, 'community', 'Komunitas Pesisir Hijau');
  await type(el, 'title', 'Bakau untuk pantai kami');
  await type(el, 'body', TWO_PARAGRAPHS);
  await check(el, 'elsewhere-no');
  await check(el, 'consent');
}

export async function submit(el: KabarStoryForm): Promise<void> {
  ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
  await settle(el);
}

/**
 * One macrotask. A message, not `setTimeout`: a page running in the background
 * (another test file has the focus) gets its timers throttled to one a second.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(undefined);
  });
}

/** Lets pending promises (the send, the photo) run and the element re-render. */
export async function settle(el: KabarStoryForm, rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await nextTask();
    await el.updateComplete;
  }
}

export function fieldError(el: KabarStoryForm, id: string): string {
  return text($(el, `#${id}-error`));
}

/** Sets the file of a file input as a reader's pick would, and lets the form check it. */
export async function pickFile(el: KabarStoryForm, file: File): Promise<void> {
  const input = $(el, '#photo') as HTMLInputElement;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}
