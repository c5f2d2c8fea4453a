/**
 * What every Kabar form promises, run against each form. The draft: the text
 * survives a closed tab, a send reports how long the visit to the form lasted
 * (from when it first showed, or the draft's older first change after a reload;
 * never restarted by a send), and a
 * send carries the draft's idempotency key. The feedback: a field's message
 * shows once the field is left (after the press, when a pointer moved the
 * focus), and the server's field errors land on their fields.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { BackendError } from '../../../src/backends/backend.js';
import { fakeWallClock, type WallClock } from './clock.js';
import { leave, typeInto } from './dom.js';

/** What a send looked like to the backend. */
export interface SentRecord {
  elapsedMs?: number;
  idempotencyKey?: string;
}

export interface FormUnderTest {
  /** `kabar-story-form`, `kabar-comment-box`. */
  name: string;
  /** A fresh form on the page, ready to type into; the same `place` gives the same draft. */
  mount(place: string): Promise<HTMLElement>;
  /** Types the main text (the story, the comment) as a reader does. */
  typeText(el: HTMLElement, text: string): Promise<void>;
  /** The main text as the form shows it. */
  textOf(el: HTMLElement): string;
  /** The e-mail control's id, and the model's name of that field (as adapters hand refusals over). */
  email: { id: string; field: string };
  /** The next send is refused as invalid, with these codes by the model's field names. */
  refuseNext(place: string, fields: Record<string, string>): void;
  /** Fills what else a send needs, then sends; resolves once the backend answered. */
  fillRestAndSend(el: HTMLElement, place: string): Promise<void>;
  /** After a confirmed send: whatever the reader does to write the next one. */
  startAnother(el: HTMLElement): Promise<void>;
  /** Every send the backend received for `place`, in order. */
  sent(place: string): SentRecord[];
  /** The draft as kept in `localStorage`, if any. */
  stored(place: string): { values: unknown; key: string } | undefined;
}

let serial = 0;

/** Until an IntersectionObserver watching a fresh form had its first turn (two frames). */
const shown = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))));

/**
 * Answers for a fake backend that answers by call number: the calls made so
 * far as before, the next one refused as invalid with `fields`, later ones `received`.
 */
export function refusingNext<A>(callsSoFar: number, received: A, fields: Record<string, string>): Array<A | (() => never)> {
  const refused = (): never => {
    throw new BackendError('validation', { status: 422, code: 'invalid', fields });
  };
  return [...Array.from({ length: callsSoFar }, () => received), refused, received];
}

const fieldOf = (el: HTMLElement, id: string) => el.shadowRoot!.getElementById(id) as HTMLInputElement;

/** What the form says about a field, through the control's own `aria-describedby`. */
function describedError(el: HTMLElement, id: string): string {
  const ids = fieldOf(el, id).getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids.map((ref) => el.shadowRoot!.getElementById(ref)).find((node) => node?.getAttribute('part')?.includes('field-error'));
  return error?.textContent?.trim() ?? '';
}

export function formSuite(form: FormUnderTest): void {
  draftSuite(form);
  feedbackSuite(form);
}

function feedbackSuite(form: FormUnderTest): void {
  describe(`${form.name}: field feedback`, () => {
    let place = '';
    beforeEach(() => {
      place = `feedback-${Date.now()}-${serial++}`;
    });

    it('says what is wrong with a field once it is left, not while it is typed in', async () => {
      const el = await form.mount(place);
      await typeInto(el, form.email.id, 'sari@');
      expect(describedError(el, form.email.id)).to.equal('');
      expect(fieldOf(el, form.email.id).getAttribute('aria-invalid')).to.equal('false');
      await leave(el, form.email.id);
      expect(describedError(el, form.email.id)).to.equal('Masukkan alamat email yang benar, misalnya nama@contoh.id.');
      expect(fieldOf(el, form.email.id).getAttribute('aria-invalid')).to.equal('true');
    });

    it('holds the message of a field left by a press until the press is over', async () => {
      const el = await form.mount(place);
      await typeInto(el, form.email.id, 'sari@');
      document.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
      await leave(el, form.email.id);
      expect(describedError(el, form.email.id)).to.equal('');
      document.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
      await waitUntil(() => describedError(el, form.email.id) !== '', 'the message came after the press', { timeout: 2000 });
    });

    it('puts the server\u2019s field errors on their fields and takes them away when the field changes', async () => {
      const el = await form.mount(place);
      form.refuseNext(place, { [form.email.field]: 'invalid_email' });
      await form.typeText(el, 'Teks yang cukup untuk dikirim.');
      await form.fillRestAndSend(el, place);
      await waitUntil(() => describedError(el, form.email.id) !== '', 'the server\u2019s error is on the e-mail field', { timeout: 3000 });
      expect(describedError(el, form.email.id)).to.equal('Masukkan alamat email yang benar, misalnya nama@contoh.id.');
      await typeInto(el, form.email.id, 'sari.wulandari@contoh.id');
      expect(describedError(el, form.email.id)).to.equal('');
    });
  });
}

export function draftSuite(form: FormUnderTest): void {
  describe(`${form.name}: the draft`, () => {
    let clock: WallClock | undefined;
    let place = '';
    beforeEach(() => {
      place = `draft-${Date.now()}-${serial++}`;
    });
    afterEach(() => {
      clock?.restore();
      clock = undefined;
    });

    it('survives the tab being closed right after the last keystroke', async () => {
      const el = await form.mount(place);
      await form.typeText(el, 'Ditulis tepat sebelum tab ditutup.');
      // Closing a tab fires pagehide and nothing after it: no timer gets its turn.
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      expect(JSON.stringify(form.stored(place)?.values)).to.contain('Ditulis tepat sebelum tab ditutup.');
      el.remove();
      const again = await form.mount(place);
      expect(form.textOf(again)).to.equal('Ditulis tepat sebelum tab ditutup.');
    });

    it('is written when the page is hidden, before its debounce', async () => {
      const el = await form.mount(place);
      await form.typeText(el, 'Ponsel dikunci di tengah kalimat.');
      document.dispatchEvent(new Event('visibilitychange'));
      expect(JSON.stringify(form.stored(place)?.values)).to.contain('Ponsel dikunci di tengah kalimat.');
    });

    it('reports the visit: from when the form first showed, not from the first keystroke', async () => {
      clock = fakeWallClock();
      const el = await form.mount(place);
      await shown();
      // The reader read the article beside the form for ten minutes, then wrote (or pasted) at once.
      clock.advance(10 * 60_000);
      await form.typeText(el, 'Tulisan pertama.');
      clock.advance(45_000);
      await form.fillRestAndSend(el, place);
      expect(form.sent(place).map((sent) => sent.elapsedMs)).to.deep.equal([10 * 60_000 + 45_000]);
    });

    it('keeps the start of a restored draft, so a send right after a reload counts the earlier writing', async () => {
      clock = fakeWallClock();
      const first = await form.mount(place);
      await form.typeText(first, 'Setengah jadi sebelum dimuat ulang.');
      clock.advance(90_000);
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      first.remove();
      const restored = await form.mount(place);
      expect(form.textOf(restored)).to.equal('Setengah jadi sebelum dimuat ulang.');
      clock.advance(700);
      await form.fillRestAndSend(restored, place);
      expect(form.sent(place).map((sent) => sent.elapsedMs)).to.deep.equal([90_700]);
    });

    it('keeps the visit\'s clock for the next draft (a send never restarts it), with a new key', async () => {
      clock = fakeWallClock();
      const el = await form.mount(place);
      await shown();
      await form.typeText(el, 'Yang pertama.');
      clock.advance(20_000);
      await form.fillRestAndSend(el, place);
      await form.startAnother(el);
      // A pause, then a quick second one: the same visit, which has lasted 84 s by now.
      clock.advance(60_000);
      await form.typeText(el, 'Yang kedua, ditulis kemudian.');
      clock.advance(4_000);
      await form.fillRestAndSend(el, place);
      const sent = form.sent(place);
      expect(sent.map((s) => s.elapsedMs)).to.deep.equal([20_000, 84_000]);
      expect(sent[0].idempotencyKey).to.be.a('string').and.not.equal(sent[1].idempotencyKey);
      await waitUntil(() => form.stored(place) === undefined, 'the confirmed draft is gone', { timeout: 3000 });
    });
  });
}
