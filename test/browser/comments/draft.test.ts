import { waitUntil } from '@open-wc/testing';
import type { KabarCommentBox } from '../../../src/elements/comment-box/comment-box.js';
import { draftSuite } from '../support/draft-suite.js';
import { FakeCommentBackend, accepted } from './fake-backend.js';
import { $, loaded, mountBox, typeInto } from './helpers.js';

const backends = new Map<string, FakeCommentBackend>();
const backendOf = (place: string) => backends.get(place) ?? backends.set(place, new FakeCommentBackend(place).post(accepted('pending'))).get(place)!;
const box = (el: HTMLElement) => el as KabarCommentBox;
let ids = 0;

draftSuite({
  name: 'kabar-comment-box',
  async mount(place) {
    const el = await mountBox({ backend: backendOf(place), thread: `/artikel/${place}` });
    await loaded(el);
    return el;
  },
  async typeText(el, text) {
    await typeInto(box(el), 'field-body', text);
  },
  textOf: (el) => ($(box(el), '#field-body') as HTMLTextAreaElement).value,
  async fillRestAndSend(el, place) {
    const comments = box(el);
    const backend = backendOf(place);
    const before = backend.sent.length;
    backend.post(accepted('pending', `c-${ids++}`));
    await typeInto(comments, 'field-name', 'Rina Marlina');
    await typeInto(comments, 'field-email', 'rina@contoh.id');
    $(comments, '[part="submit-button"]')!.click();
    await waitUntil(() => backend.sent.length > before && !comments.shadowRoot!.querySelector('form[aria-busy="true"]'), 'the comment was received', {
      timeout: 4000,
    });
    await comments.updateComplete;
  },
  async startAnother() {
    // The box is ready for the next comment as soon as the last one was received.
  },
  sent: (place) =>
    backendOf(place).sent.map(({ comment, options }) => ({ elapsedMs: comment.elapsedMs, idempotencyKey: options.idempotencyKey })),
  stored(place) {
    const raw = localStorage.getItem(`kabar:draft:comment:${place} /artikel/${place}`);
    return raw ? (JSON.parse(raw) as { values: unknown; key: string }) : undefined;
  },
});
