import sinon from 'sinon';

/**
 * A wall clock the test moves by hand: `Date` answers what the test set,
 * while timers keep running, so debounced saves and renders still happen.
 * What a form measures with `Date.now()` (the time spent writing) then depends
 * on the test's own steps, never on how fast the machine is.
 */
export interface WallClock {
  /** Moves the clock on by `ms`. */
  advance(ms: number): void;
  /** Puts the real `Date.now` back. */
  restore(): void;
}

export function fakeWallClock(start = Date.UTC(2026, 10, 27, 3, 0, 0)): WallClock {
  const clock = sinon.useFakeTimers({ now: start, toFake: ['Date'] });
  return { advance: (ms) => clock.tick(ms), restore: () => clock.restore() };
}

/**
 * Timers and `Date` on a clock only the test moves (`tickAsync`), for what
 * waits on a backoff, a Retry-After, a countdown or a deadline. Animation
 * frames, messages and promises run as usual, so Lit still renders.
 */
export function fakeTimers(): sinon.SinonFakeTimers {
  // A timer set before the clock was installed (a debounced save) may be cleared while it runs.
  return sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], shouldClearNativeTimers: true });
}
