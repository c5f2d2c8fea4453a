import { html, waitUntil } from '@open-wc/testing';
import { mount } from '../support/mount.js';
import type { KabarStoryForm } from '../../../src/elements/story-form/story-form.js';
import { formSuite, refusingNext } from '../support/form-suite.js';
import { FakeBackend, receipt } from '../support/fake-backend.js';
import { $, TWO_PARAGRAPHS, check, settle, type } from './helpers.js';

const backends = new Map<string, FakeBackend>();
const backendOf = (place: string) => backends.get(place) ?? backends.set(place, new FakeBackend()).get(place)!;
const form = (el: HTMLElement) => el as KabarStoryForm;

formSuite({
  name: 'kabar-story-form',
  async mount(place) {
    // The `backend` attribute names where the draft belongs; the injected adapter answers.
    const el = await mount<KabarStoryForm>(
      html`<kabar-story-form lang="id" backend=${place} .backendAdapter=${backendOf(place)}></kabar-story-form>`,
    );
    await settle(el);
    return el;
  },
  async typeText(el, text) {
    await type(form(el), 'title', text);
  },
  email: { id: 'email', field: 'email' },
  refuseNext(place, fields) {
    const backend = backendOf(place);
    backend.answerStories(...refusingNext(backend.stories.length, () => receipt(), fields));
  },
  textOf: (el) => ($(form(el), '#title') as HTMLInputElement).value,
  async fillRestAndSend(el, place) {
    const story = form(el);
    const before = backendOf(place).stories.length;
    await type(story, 'name', 'Sari Wulandari');
    await type(story, 'email', 'sari@contoh.id');
    await type(story, 'body', TWO_PARAGRAPHS);
    await check(story, 'elsewhere-no');
    if (!($(story, '#consent') as HTMLInputElement).checked) await check(story, 'consent');
    story.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(() => backendOf(place).stories.length > before, 'the story was sent', { timeout: 4000 });
    await settle(story);
  },
  async startAnother(el) {
    const story = form(el);
    await waitUntil(() => $(story, '[part="receipt"]'), 'the story was received', { timeout: 4000 });
    const another = [...story.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="receipt"] button')].find(
      (button) => button.textContent?.trim() === 'Kirim cerita lain',
    );
    another!.click();
    await settle(story);
  },
  sent: (place) =>
    backendOf(place).stories.map(({ story, options }) => ({ elapsedMs: story.elapsedMs, idempotencyKey: options.idempotencyKey })),
  stored(place) {
    const raw = localStorage.getItem(`kabar:draft:story:kabar:${place}`);
    return raw ? (JSON.parse(raw) as { values: unknown; key: string }) : undefined;
  },
});
