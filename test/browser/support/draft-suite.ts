/**
 * What every Kabar form promises about its draft, run against each form: the
 * text survives a closed tab, a send reports the time a person spent writing
 * it (from the draft's first change, kept across a reload, and per draft),
 * and a send carries the draft's idempotency key.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { fakeWallClock, type WallClock } from './clock.js';

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

    it('reports the writing time from the first change, not from when the form appeared', async () => {
      clock = fakeWallClock();
      const el = await form.mount(place);
      // The form sat on the page for ten minutes before anyone wrote in it.
      clock.advance(10 * 60_000);
      await form.typeText(el, 'Tulisan pertama.');
      clock.advance(45_000);
      await form.fillRestAndSend(el, place);
      expect(form.sent(place).map((sent) => sent.elapsedMs)).to.deep.equal([45_000]);
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

    it('starts the clock of the next draft at its own first change, with a new key', async () => {
      clock = fakeWallClock();
      const el = await form.mount(place);
      await form.typeText(el, 'Yang pertama.');
      clock.advance(20_000);
      await form.fillRestAndSend(el, place);
      await form.startAnother(el);
      // A pause, then the next text: written in four seconds, not in the pause before it.
      clock.advance(60_000);
      await form.typeText(el, 'Yang kedua, ditulis kemudian.');
      clock.advance(4_000);
      await form.fillRestAndSend(el, place);
      const sent = form.sent(place);
      expect(sent.map((s) => s.elapsedMs)).to.deep.equal([20_000, 4_000]);
      expect(sent[0].idempotencyKey).to.be.a('string').and.not.equal(sent[1].idempotencyKey);
      await waitUntil(() => form.stored(place) === undefined, 'the confirmed draft is gone', { timeout: 3000 });
    });
  });
}
