import { waitUntil } from '@open-wc/testing';
import type { Comment } from '../../../src/backends/types.js';
import type { KabarCommentBox } from '../../../src/elements/comment-box/comment-box.js';
import { formSuite, refusingNext } from '../support/form-suite.js';
import { FakeBackend, accepted, type SentComment } from '../support/fake-backend.js';
import { $, loaded, mountBox, typeInto } from './helpers.js';

let ids = 0;
/** Held for moderation, each with an id of its own. */
const received = (sent: SentComment): Comment | Promise<Comment> => accepted('pending', `c-${ids++}`)(sent);
const backends = new Map<string, FakeBackend>();
const backendOf = (place: string) => backends.get(place) ?? backends.set(place, new FakeBackend([], place).post(received)).get(place)!;
const box = (el: HTMLElement) => el as KabarCommentBox;

formSuite({
  name: 'kabar-comment-box',
  async mount(place) {
    const el = await mountBox({ backend: backendOf(place), thread: `/artikel/${place}` });
    await loaded(el);
    return el;
  },
  async typeText(el, text) {
    await typeInto(box(el), 'field-body', text);
  },
  email: { id: 'field-email', field: 'authorEmail' },
  refuseNext(place, fields) {
    const backend = backendOf(place);
    backend.post(...refusingNext(backend.comments.length, received, fields));
  },
  textOf: (el) => ($(box(el), '#field-body') as HTMLTextAreaElement).value,
  async fillRestAndSend(el, place) {
    const comments = box(el);
    const backend = backendOf(place);
    const before = backend.comments.length;
    await typeInto(comments, 'field-name', 'Rina Marlina');
    await typeInto(comments, 'field-email', 'rina@contoh.id');
    $(comments, '[part="submit-button"]')!.click();
    await waitUntil(() => backend.comments.length > before && !comments.shadowRoot!.querySelector('form[aria-busy="true"]'), 'the comment was received', {
      timeout: 4000,
    });
    await comments.updateComplete;
  },
  async startAnother() {
    // The box is ready for the next comment as soon as the last one was received.
  },
  sent: (place) =>
    backendOf(place).comments.map(({ comment, options }) => ({ elapsedMs: comment.elapsedMs, idempotencyKey: options.idempotencyKey })),
  stored(place) {
    const raw = localStorage.getItem(`kabar:draft:comment:${place} /artikel/${place}`);
    return raw ? (JSON.parse(raw) as { values: unknown; key: string }) : undefined;
  },
});
