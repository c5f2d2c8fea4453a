import { html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { KabarStoryForm } from '../../../src/elements/story-form/story-form.js';
import { $, leave, settle, text, typeInto } from '../support/dom.js';
import { FakeBackend } from '../support/fake-backend.js';
import { mount } from '../support/mount.js';

export { $, $$, settle, text } from '../support/dom.js';

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

export async function mountForm(options: MountOptions = {}): Promise<{ el: KabarStoryForm; backend: FakeBackend }> {
  const backend = options.backend ?? new FakeBackend();
  const el = await mount<KabarStoryForm>(html`<kabar-story-form
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

/** Types into a story field; see `typeInto`. */
export const type = (el: KabarStoryForm, id: string, value: string) => typeInto(el, id, value);

/** Leaves a story field; see `leave`. */
export const blur = (el: KabarStoryForm, id: string) => leave(el, id);

export async function check(el: KabarStoryForm, id: string): Promise<void> {
  ($(el, `#${id}`) as HTMLInputElement).click();
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
