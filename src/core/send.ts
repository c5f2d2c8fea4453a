import type { ReactiveControllerHost } from 'lit';
import { BackendError, toBackendError } from '../backends/backend.js';
import { backoffDelay, sleep } from './timing.js';

/**
 * - `sending`: an attempt is in flight;
 * - `offline`: the device has no connection; the send starts when it comes back;
 * - `retrying`: the last attempt failed in a way that may pass (network, timeout,
 *   5xx, 429); the next one starts at `retryAt`;
 * - `sent`: the server confirmed with a 2xx and the expected body;
 * - `failed`: it will not pass by waiting (validation, 4xx, too many tries); see `error`.
 */
export type SendState = 'idle' | 'sending' | 'offline' | 'retrying' | 'sent' | 'failed';

export interface SendProgress {
  loaded: number;
  total: number;
}

/** One try of the send. Pass `signal` and `onProgress` on to the backend call. */
export type SendAttempt<T> = (signal: AbortSignal, onProgress: (loaded: number, total: number) => void) => Promise<T>;

export interface SendOptions {
  /** Attempts before giving up, not counting waits for the connection. Default 6. */
  maxTries?: number;
  /** First backoff after a failure; doubles each time, with jitter. Default 1 s. */
  baseDelayMs?: number;
  /** Longest backoff. Default 30 s. */
  maxDelayMs?: number;
  /** A server asking to wait longer than this means "try later": the send fails with its error. Default 10 min. */
  maxRetryAfterMs?: number;
  /** How waiting is done; tests pass one that records the delays instead of spending them. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Whether the device has a connection. Default `navigator.onLine`. */
  isOnline?: () => boolean;
}

/** The server's code for a key it already holds for another request (an earlier version of the text). */
export const KEY_REUSED = 'idempotency_key_reused';

/**
 * Whether a refused send must take a new idempotency key before the next try:
 * after a validation error or another 4xx the server kept nothing under the
 * key, so the corrected text is a new send; after `idempotency_key_reused` the
 * key belongs to an earlier version, and every retry with it is refused again.
 */
export function needsNewKey(error: BackendError): boolean {
  if (error.code === KEY_REUSED) return true;
  const status = error.status ?? 0;
  return error.kind === 'validation' || (error.kind === 'http' && status >= 400 && status < 500);
}

/**
 * Sends a story or a comment patiently: one send at a time (a double click
 * sends once), waits out a dead connection, retries what may pass with
 * backoff and `Retry-After`, and reports `sent` only for an attempt that
 * resolved. The attempt itself carries the draft's idempotency key, so every
 * retry is the same record to the server.
 *
 * A send keeps going when its element is removed: the request may already
 * have reached the server, and its owner still clears the draft on success.
 */
export class SendController<T> {
  state: SendState = 'idle';
  /** Why the send failed (`failed`), or why it is waiting (`retrying`). */
  error?: BackendError;
  /** The confirmed answer, once `sent`. */
  result?: T;
  /** Upload progress, when the attempt reports it. */
  progress?: SendProgress;
  /** When the next attempt starts (ms since the epoch), while `retrying`: for a countdown. */
  retryAt?: number;
  /** Attempts made by the current send. */
  tries = 0;

  private readonly options: Required<SendOptions>;
  private pending?: Promise<T | undefined>;
  private controller?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: SendOptions = {},
  ) {
    this.options = {
      maxTries: 6,
      baseDelayMs: 1_000,
      maxDelayMs: 30_000,
      maxRetryAfterMs: 10 * 60_000,
      sleep,
      isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
      ...options,
    };
  }

  /** True while a send is under way (in flight or waiting). */
  get busy(): boolean {
    return this.state === 'sending' || this.state === 'offline' || this.state === 'retrying';
  }

  /** Starts a send, or returns the one under way. Resolves with the answer, or undefined if it failed or was cancelled. */
  send(attempt: SendAttempt<T>): Promise<T | undefined> {
    if (this.pending) return this.pending;
    const controller = new AbortController();
    this.controller = controller;
    const pending = this.run(attempt, controller.signal).finally(() => {
      if (this.controller === controller) {
        this.controller = undefined;
        this.pending = undefined;
      }
    });
    this.pending = pending;
    return pending;
  }

  /** Stops the send under way (and any wait); the state goes back to `idle`. */
  cancel(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.pending = undefined;
    if (this.busy) this.change({ state: 'idle', retryAt: undefined, progress: undefined });
  }

  /** Back to a blank `idle`, e.g. to write another story after one was sent. */
  reset(): void {
    this.cancel();
    this.tries = 0;
    this.change({ state: 'idle', error: undefined, result: undefined, progress: undefined, retryAt: undefined });
  }

  private change(patch: Partial<Pick<SendController<T>, 'state' | 'error' | 'result' | 'progress' | 'retryAt'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  private async run(attempt: SendAttempt<T>, signal: AbortSignal): Promise<T | undefined> {
    // A cancelled send may still be settling; it must not touch the state of the next one.
    const update = (patch: Parameters<SendController<T>['change']>[0]) => {
      if (!signal.aborted) this.change(patch);
    };
    this.tries = 0;
    update({ error: undefined, result: undefined, progress: undefined, retryAt: undefined });
    let failures = 0;
    try {
      for (;;) {
        if (!this.options.isOnline()) {
          update({ state: 'offline', retryAt: undefined });
          await this.waitForConnection(signal);
        }
        this.tries++;
        update({ state: 'sending', retryAt: undefined });
        let error: BackendError;
        try {
          const result = await attempt(signal, (loaded, total) => update({ progress: { loaded, total } }));
          if (signal.aborted) return undefined;
          update({ state: 'sent', result, error: undefined, retryAt: undefined });
          return result;
        } catch (thrown) {
          if (signal.aborted) return undefined;
          error = toBackendError(thrown);
        }
        // Lost the connection mid-send: wait for it without spending a try.
        if (error.kind === 'network' && !this.options.isOnline()) continue;
        failures++;
        const delay = error.retryable && failures < this.options.maxTries ? this.retryDelay(error, failures) : undefined;
        if (delay === undefined) {
          update({ state: 'failed', error, retryAt: undefined, progress: undefined });
          return undefined;
        }
        update({ state: 'retrying', error, retryAt: Date.now() + delay });
        await this.pause(delay, signal, error.kind === 'network');
      }
    } catch {
      // Only the waits throw, and only when cancelled.
      return undefined;
    }
  }

  /** The server's `Retry-After` when it gives one (unless it is unreasonably long), else a backoff. */
  private retryDelay(error: BackendError, failures: number): number | undefined {
    if (error.retryAfter !== undefined) {
      const ms = error.retryAfter * 1000;
      return ms <= this.options.maxRetryAfterMs ? ms : undefined;
    }
    return backoffDelay(failures - 1, this.options.baseDelayMs, this.options.maxDelayMs);
  }

  /**
   * Waits before the next try. After a network error the wait also ends when
   * the browser says the connection is back: a phone that found its signal
   * again should not sit out the rest of a long backoff.
   */
  private async pause(ms: number, signal: AbortSignal, wakeWhenOnline: boolean): Promise<void> {
    const wake = new AbortController();
    const stop = () => wake.abort();
    signal.addEventListener('abort', stop, { once: true });
    if (wakeWhenOnline) window.addEventListener('online', stop);
    try {
      await this.options.sleep(ms, wake.signal);
    } catch (error) {
      if (signal.aborted) throw error;
    } finally {
      signal.removeEventListener('abort', stop);
      window.removeEventListener('online', stop);
    }
  }

  private waitForConnection(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new BackendError('aborted'));
      const done = () => {
        window.removeEventListener('online', onOnline);
        signal.removeEventListener('abort', onAbort);
      };
      const onOnline = () => {
        done();
        resolve();
      };
      const onAbort = () => {
        done();
        reject(new BackendError('aborted'));
      };
      window.addEventListener('online', onOnline);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
