import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { I18nController } from './i18n/controller.js';
import type { SendController, SendState } from './send.js';

type Sender = Pick<SendController<unknown>, 'state' | 'retryAt' | 'progress'>;

/** "Mengirim…", "Anda sedang luring…" or "Mencoba lagi dalam N detik…" for a send under way; '' otherwise. */
export function sendStatusText(i18n: Pick<I18nController, 't'>, sender: Sender, now = Date.now()): string {
  switch (sender.state) {
    case 'sending':
      return i18n.t('common.sending');
    case 'offline':
      return i18n.t('common.offlineWaiting');
    case 'retrying':
      return i18n.t('common.retryingIn', { seconds: Math.max(1, Math.ceil(((sender.retryAt ?? now) - now) / 1000)) });
    default:
      return '';
  }
}

/** How much of an upload has gone, 0–100, when the attempt reports it. */
export function sendPercent(sender: Sender): number | undefined {
  const progress = sender.progress;
  return progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : undefined;
}

const BUSY: readonly SendState[] = ['sending', 'offline', 'retrying'];

/**
 * What a form says about its send, for the comment box and the story form
 * alike. `text` is for the visible line and counts a retry down: the host
 * re-renders once a second, but only while a retry is scheduled. A live
 * region must not read that countdown out every second, so `announce` hears
 * each busy state once, when it begins, in the words it began with.
 */
export class SendStatus implements ReactiveController {
  private ticker?: ReturnType<typeof setInterval>;
  private lastState: SendState = 'idle';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly sender: Sender,
    private readonly i18n: Pick<I18nController, 't'>,
    private readonly announce?: (text: string) => void,
  ) {
    host.addController(this);
  }

  /** The visible status line: '' when no send is under way. */
  get text(): string {
    return sendStatusText(this.i18n, this.sender);
  }

  get percent(): number | undefined {
    return sendPercent(this.sender);
  }

  hostUpdate(): void {
    const state = this.sender.state;
    if (state === this.lastState) return;
    this.lastState = state;
    if (BUSY.includes(state)) this.announce?.(this.text);
  }

  hostUpdated(): void {
    if (this.sender.state === 'retrying') {
      this.ticker ??= setInterval(() => this.host.requestUpdate(), 1000);
    } else {
      this.stop();
    }
  }

  hostDisconnected(): void {
    this.stop();
  }

  hostConnected(): void {
    // A retry still waiting when the form comes back needs its countdown again.
    if (this.sender.state === 'retrying') this.host.requestUpdate();
  }

  private stop(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
