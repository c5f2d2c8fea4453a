import { expect } from '@open-wc/testing';
import { fakeTimers } from '../support/clock.js';
import type { CallOptions } from '../../../src/backends/backend.js';
import type { Term } from '../../../src/backends/types.js';
import { FakeBackend, refuse, held, receipt, type SentStory } from '../support/fake-backend.js';
import type { StoryReceipt } from '../../../src/backends/types.js';
import { $, fillValid, mountForm, settle, submit, text } from './helpers.js';

describe('<kabar-story-form> while sending', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('locks the fields while the story is on its way, says so, and unlocks after a failure', async () => {
    const wait = held<StoryReceipt, SentStory>();
    const backend = new FakeBackend().answerStories(wait.answer, refuse('http', { status: 400 }));
    const { el } = await mountForm({ backend });
    await fillValid(el);
    await submit(el);
    await wait.reached;
    await settle(el);
    for (const id of ['name', 'email', 'title', 'body']) expect(($(el, `#${id}`) as HTMLInputElement).readOnly, id).to.equal(true);
    for (const id of ['elsewhere-yes', 'consent', 'photo']) expect(($(el, `#${id}`) as HTMLInputElement).disabled, id).to.equal(true);
    expect(text($(el, '[part="locked-note"]'))).to.equal('Isian tidak dapat diubah selama cerita dikirim.');
    await expect(el).to.be.accessible();
    wait.release(receipt());
    await settle(el);
    expect($(el, '[part="receipt"]')).not.to.equal(null);

    // The next story fails: the writer can correct it at once.
    [...$(el, '[part="receipt"]')!.querySelectorAll('button')].find((b) => text(b) === 'Kirim cerita lain')!.click();
    await settle(el);
    await fillValid(el);
    await submit(el);
    expect($(el, '[part="failure"]')).not.to.equal(null);
    expect(($(el, '#body') as HTMLTextAreaElement).readOnly).to.equal(false);
    expect(($(el, '#consent') as HTMLInputElement).disabled).to.equal(false);
    expect($(el, '[part="locked-note"]')).to.equal(null);
  });

  it('after idempotency_key_reused, says an earlier version was received and sends again with a new key', async () => {
    const backend = new FakeBackend().answerStories(refuse('http', { status: 422, code: 'idempotency_key_reused' }), () => receipt());
    const { el } = await mountForm({ backend });
    await fillValid(el);
    await submit(el);
    expect(text($(el, '[part="failure"]'))).to.contain(
      'Versi sebelumnya dari cerita ini sudah kami terima dan sedang menunggu tinjauan redaksi.',
    );
    await expect(el).to.be.accessible();
    await submit(el);
    expect($(el, '[part="receipt"]')).not.to.equal(null);
    expect(backend.stories[1].options.idempotencyKey).to.be.a('string').and.not.equal(backend.stories[0].options.idempotencyKey);
  });

  it('counts a retry down where it is seen, and announces it once', async () => {
    const backend = new FakeBackend().answerStories(refuse('http', { status: 503, retryAfter: 3 }), () => receipt());
    const { el } = await mountForm({ backend });
    await fillValid(el);
    // Three seconds of Retry-After and a countdown ticking each second: a fake clock spends none of them.
    const clock = fakeTimers();
    try {
      await submit(el);
      const announced = text($(el, '[role="status"]'));
      expect(announced).to.equal('Gagal terkirim. Mencoba lagi dalam 3 detik…');
      expect(text($(el, '[part="status"]'))).to.equal(announced);
      await clock.tickAsync(1_000);
      await el.updateComplete;
      expect(text($(el, '[part="status"]'))).to.equal('Gagal terkirim. Mencoba lagi dalam 2 detik…');
      expect(text($(el, '[role="status"]'))).to.equal(announced);
      expect($(el, '[part="receipt"]')).to.equal(null);
      await clock.tickAsync(2_000);
      await settle(el);
      expect($(el, '[part="receipt"]')).to.not.equal(null);
      expect(backend.stories).to.have.length(2);
    } finally {
      clock.restore();
    }
  });
});

describe('<kabar-story-form> taken off the page', () => {
  class SlowCategories extends FakeBackend {
    readonly signals: AbortSignal[] = [];
    answerCategories?: (terms: Term[]) => void;
    override listCategories(options: CallOptions = {}): Promise<Term[]> {
      if (options.signal) this.signals.push(options.signal);
      return new Promise((resolve, reject) => {
        this.answerCategories = resolve;
        options.signal?.addEventListener('abort', () => reject(new DOMException('gone', 'AbortError')), { once: true });
      });
    }
  }

  it('stops asking for the categories, and asks again when put back', async () => {
    const backend = new SlowCategories();
    const { el } = await mountForm({ backend });
    expect(backend.signals).to.have.length(1);
    const parent = el.parentElement!;
    el.remove();
    expect(backend.signals[0].aborted).to.equal(true);

    parent.append(el);
    await settle(el);
    expect(backend.signals).to.have.length(2);
    backend.answerCategories!([{ id: 'warga', slug: 'warga', name: 'Warga' }]);
    await settle(el);
    expect(text($(el, '#category'))).to.contain('Warga');
  });
});
