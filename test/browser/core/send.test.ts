import { expect, html } from '@open-wc/testing';
import { mount } from '../support/mount.js';
import { fakeTimers } from '../support/clock.js';
import { LitElement, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { BackendError } from '../../../src/backends/backend.js';
import { KabarBackend } from '../../../src/backends/kabar.js';
import { I18nController } from '../../../src/core/i18n/controller.js';
import { SendController, type SendOptions, type SendState } from '../../../src/core/send.js';
import { SendStatus, sendPercent, sendStatusText } from '../../../src/core/send-status.js';
import { json, raw, useFakeNetwork } from '../backends/fake-fetch.js';

/** A host that records the controller's state at every update it is asked for. */
class RecordingHost implements ReactiveControllerHost {
  readonly states: SendState[] = [];
  readonly retryAts: Array<number | undefined> = [];
  controller?: SendController<string>;
  addController(_controller: ReactiveController): void {}
  removeController(_controller: ReactiveController): void {}
  requestUpdate(): void {
    if (!this.controller) return;
    const { state, retryAt } = this.controller;
    if (this.states[this.states.length - 1] !== state) this.states.push(state);
    this.retryAts.push(retryAt);
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/** Resolves after pending promise callbacks have run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SendController', () => {
  let host: RecordingHost;
  /** Every wait the controller asked for, instead of spending it. */
  let waits: number[];
  let online: boolean;
  const restores: Array<() => void> = [];

  function controller(options: SendOptions = {}): SendController<string> {
    const send = new SendController<string>(host, {
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      ...options,
    });
    host.controller = send;
    return send;
  }

  beforeEach(() => {
    host = new RecordingHost();
    waits = [];
    online = true;
    // navigator.onLine, as the browser reports it, under the test's control.
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    restores.push(() => delete (navigator as { onLine?: boolean }).onLine);
  });
  afterEach(() => restores.splice(0).forEach((restore) => restore()));

  it('sends once on a double call', async () => {
    const send = controller();
    let calls = 0;
    let finish!: (value: string) => void;
    const attempt = () => {
      calls++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const first = send.send(attempt);
    const second = send.send(attempt);
    expect(second).to.equal(first);
    await settle();
    expect(send.state).to.equal('sending');
    expect(send.busy).to.equal(true);
    finish('receipt');
    expect(await first).to.equal('receipt');
    expect(calls).to.equal(1);
    expect(send.state).to.equal('sent');
    expect(send.result).to.equal('receipt');
    expect(host.states).to.deep.equal(['idle', 'sending', 'sent']);
  });

  it('waits while offline and sends when the connection comes back', async () => {
    const send = controller();
    online = false;
    let calls = 0;
    const pending = send.send(async () => {
      calls++;
      return 'ok';
    });
    await settle();
    expect(send.state).to.equal('offline');
    expect(calls).to.equal(0);
    online = true;
    window.dispatchEvent(new Event('online'));
    expect(await pending).to.equal('ok');
    expect(calls).to.equal(1);
    expect(host.states).to.deep.equal(['idle', 'offline', 'sending', 'sent']);
  });

  it('waits for the connection when it drops mid-send, without spending a try', async () => {
    const send = controller({ maxTries: 1 });
    let calls = 0;
    const pending = send.send(async () => {
      calls++;
      if (calls === 1) {
        online = false;
        throw new BackendError('network');
      }
      return 'ok';
    });
    await settle();
    expect(send.state).to.equal('offline');
    online = true;
    window.dispatchEvent(new Event('online'));
    expect(await pending).to.equal('ok');
    expect(send.state).to.equal('sent');
    expect(calls).to.equal(2);
  });

  it('retries a 503 with backoff, then reports sent', async () => {
    const send = controller({ baseDelayMs: 1_000 });
    let calls = 0;
    const result = await send.send(async () => {
      calls++;
      if (calls === 1) throw new BackendError('http', { status: 503 });
      return 'ok';
    });
    expect(result).to.equal('ok');
    expect(calls).to.equal(2);
    expect(host.states).to.deep.equal(['idle', 'sending', 'retrying', 'sending', 'sent']);
    expect(waits).to.have.length(1);
    expect(waits[0]).to.be.within(500, 1_000);
    expect(send.error).to.equal(undefined);
  });

  it('stops waiting to retry a network failure when the connection comes back', async () => {
    const send = controller({
      // A wait that only ends early: as if the backoff were very long.
      sleep: (_ms, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new BackendError('aborted')))),
    });
    let calls = 0;
    const pending = send.send(async () => {
      calls++;
      if (calls === 1) throw new BackendError('network');
      return 'ok';
    });
    await settle();
    expect(send.state).to.equal('retrying');
    window.dispatchEvent(new Event('online'));
    expect(await pending).to.equal('ok');
    expect(calls).to.equal(2);
  });

  it('honours Retry-After and shows when the next try starts', async () => {
    const send = controller();
    let calls = 0;
    const before = Date.now();
    await send.send(async () => {
      calls++;
      if (calls === 1) throw new BackendError('rate-limited', { status: 429, retryAfter: 7 });
      return 'ok';
    });
    expect(waits).to.deep.equal([7_000]);
    const retryAt = host.retryAts.find((at) => at !== undefined)!;
    expect(retryAt - before).to.be.at.least(7_000);
    expect(send.state).to.equal('sent');
    expect(send.retryAt).to.equal(undefined);
  });

  it('fails at once when the server asks to wait unreasonably long', async () => {
    const send = controller();
    const result = await send.send(() => Promise.reject(new BackendError('rate-limited', { status: 429, retryAfter: 3_600 })));
    expect(result).to.equal(undefined);
    expect(send.state).to.equal('failed');
    expect(send.error?.retryAfter).to.equal(3_600);
    expect(waits).to.deep.equal([]);
  });

  it('never reports sent when the server refuses, and keeps the error', async () => {
    const send = controller();
    let calls = 0;
    const result = await send.send(() => {
      calls++;
      return Promise.reject(new BackendError('validation', { status: 422, fields: { body: 'too_few_paragraphs' } }));
    });
    expect(result).to.equal(undefined);
    expect(calls).to.equal(1);
    expect(send.state).to.equal('failed');
    expect(send.error?.kind).to.equal('validation');
    expect(send.error?.fields).to.deep.equal({ body: 'too_few_paragraphs' });
    expect(host.states).not.to.include('sent');
  });

  it('gives up after its tries and reports failed, never sent', async () => {
    const send = controller();
    let calls = 0;
    const result = await send.send(() => {
      calls++;
      return Promise.reject(new BackendError('http', { status: 503 }));
    });
    expect(result).to.equal(undefined);
    expect(calls).to.equal(6);
    expect(waits).to.have.length(5);
    expect(send.state).to.equal('failed');
    expect(send.error?.status).to.equal(503);
    expect(host.states).not.to.include('sent');
  });

  it('turns anything thrown into a BackendError', async () => {
    const send = controller({ maxTries: 1 });
    await send.send(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(send.error).to.be.instanceOf(BackendError);
    expect(send.error?.kind).to.equal('network');
  });

  it('passes upload progress on', async () => {
    const send = controller();
    const seen: unknown[] = [];
    await send.send(async (_signal, onProgress) => {
      onProgress(5, 10);
      seen.push(send.progress);
      onProgress(10, 10);
      seen.push(send.progress);
      return 'ok';
    });
    expect(seen).to.deep.equal([
      { loaded: 5, total: 10 },
      { loaded: 10, total: 10 },
    ]);
  });

  it('cancels a send waiting to retry, and aborts the attempt it gave', async () => {
    const send = controller({
      sleep: (_ms, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new BackendError('aborted')))),
    });
    let calls = 0;
    let signal!: AbortSignal;
    const pending = send.send((given) => {
      calls++;
      signal = given;
      return Promise.reject(new BackendError('timeout'));
    });
    await settle();
    expect(send.state).to.equal('retrying');
    send.cancel();
    expect(await pending).to.equal(undefined);
    expect(send.state).to.equal('idle');
    expect(signal.aborted).to.equal(true);
    expect(calls).to.equal(1);
  });

  it('starts over after reset', async () => {
    const send = controller({ maxTries: 1 });
    await send.send(() => Promise.reject(new BackendError('http', { status: 400 })));
    expect(send.state).to.equal('failed');
    send.reset();
    expect(send.state).to.equal('idle');
    expect(send.error).to.equal(undefined);
    expect(await send.send(async () => 'again')).to.equal('again');
    expect(send.state).to.equal('sent');
  });

  it('updates a real element as the state changes', async () => {
    class SendProbe extends LitElement {
      readonly sending = new SendController<string>(this);
      override render() {
        return html`<p>${this.sending.state}</p>`;
      }
    }
    customElements.define('send-probe', SendProbe);
    const el = await mount<SendProbe>(html`<send-probe></send-probe>`);
    let finish!: (value: string) => void;
    const pending = el.sending.send(() => new Promise<string>((resolve) => (finish = resolve)));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('sending');
    finish('ok');
    await pending;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('sent');
  });

  describe('with the Kabar adapter', () => {
    const network = useFakeNetwork();

    it('keeps one idempotency key across every retry until the server confirms', async () => {
      const backend = new KabarBackend('https://news.example.org/api/v1');
      const down = raw('', { status: 503 });
      const fake = network.fetch;
      fake.answer(down, down, down, json({ id: 'st-1', status: 'pending', received_at: '2026-11-27T10:00:00+07:00' }, { status: 201 }));
      const send = new SendController<Awaited<ReturnType<KabarBackend['submitStory']>>>(host, { sleep: () => Promise.resolve() });
      const receipt = await send.send((signal) =>
        backend.submitStory({ name: 'Sari', email: 'sari@example.org', title: 'Sungai', body: 'a\n\nb', consent: true }, { signal, idempotencyKey: 'draft-key' }),
      );
      expect(receipt?.id).to.equal('st-1');
      expect(send.state).to.equal('sent');
      expect(fake.calls).to.have.length(4);
      expect(new Set(fake.calls.map((call) => call.headers.get('Idempotency-Key')))).to.deep.equal(new Set(['draft-key']));
    });
  });
});

describe('SendStatus', () => {
  /** A form in miniature: the visible status line and what its live region was told. */
  class StatusProbe extends LitElement {
    readonly i18n = new I18nController(this);
    readonly sender = new SendController<string>(this);
    readonly heard: string[] = [];
    readonly status = new SendStatus(this, this.sender, this.i18n, (text) => this.heard.push(text));
    override render() {
      return html`<p>${this.status.text}</p>`;
    }
  }
  customElements.define('status-probe', StatusProbe);
  const shown = (el: StatusProbe) => el.shadowRoot!.textContent?.trim();

  it('counts a retry down with nothing else re-rendering, and announces each state once', async () => {
    const el = await mount<StatusProbe>(html`<status-probe lang="id"></status-probe>`);
    // The retry waits two seconds and the countdown ticks each second: a fake clock spends neither.
    const clock = fakeTimers();
    try {
      let attempts = 0;
      const done = el.sender.send(() =>
        ++attempts === 1 ? Promise.reject(new BackendError('http', { status: 503, retryAfter: 2 })) : Promise.resolve('ok'),
      );
      await clock.tickAsync(0);
      await el.updateComplete;
      expect(el.sender.state).to.equal('retrying');
      expect(shown(el)).to.equal('Gagal terkirim. Mencoba lagi dalam 2 detik…');
      await clock.tickAsync(1_000);
      await el.updateComplete;
      expect(shown(el)).to.equal('Gagal terkirim. Mencoba lagi dalam 1 detik…');
      expect(attempts).to.equal(1);
      await clock.tickAsync(1_000);
      expect(await done).to.equal('ok');
      expect(attempts).to.equal(2);
    } finally {
      clock.restore();
    }
    await el.updateComplete;
    expect(shown(el)).to.equal('');
    expect(el.heard).to.deep.equal(['Mengirim…', 'Gagal terkirim. Mencoba lagi dalam 2 detik…', 'Mengirim…']);
  });

  it('words the waiting states and the upload progress', async () => {
    const el = await mount<StatusProbe>(html`<status-probe lang="en"></status-probe>`);
    const now = 1_000_000;
    expect(sendStatusText(el.i18n, { state: 'offline' })).to.contain('offline');
    expect(sendStatusText(el.i18n, { state: 'retrying', retryAt: now + 4_200 }, now)).to.contain('5');
    expect(sendStatusText(el.i18n, { state: 'sent' })).to.equal('');
    expect(sendPercent({ state: 'sending', progress: { loaded: 300, total: 1200 } })).to.equal(25);
    expect(sendPercent({ state: 'sending' })).to.equal(undefined);
  });
});
