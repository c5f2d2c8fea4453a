import { BackendError } from '../backends/backend.js';

/**
 * Waiting between tries, for the http layer's retries and the forms' patient
 * sends alike.
 */

/** Resolves after `ms`, or rejects with `aborted` as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new BackendError('aborted', { cause: signal.reason }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new BackendError('aborted', { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half
 * random, so many phones that lost the same cell tower do not all come back
 * in the same millisecond. `retry` counts from 0.
 */
export function backoffDelay(retry: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** retry);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
