import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** After this long without an answer, the reader is told the connection is slow. */
export const SLOW_AFTER_MS = 6_000;

/**
 * Tells an element when a load has been going on for long enough to say so:
 * `slow` turns true `SLOW_AFTER_MS` after `start()`, and false on `stop()`.
 * The element then shows "still trying" with the page author's fallback.
 */
export class SlowLoadController implements ReactiveController {
  slow = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** A load began (again): the clock starts over. */
  start(): void {
    this.stop();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.slow = true;
      this.host.requestUpdate();
    }, SLOW_AFTER_MS);
  }

  /** The load ended, one way or another. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.slow) {
      this.slow = false;
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    this.stop();
  }
}
