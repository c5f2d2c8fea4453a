import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether an element has come near the viewport, for widgets that load
 * nothing until a reader scrolls towards them. Once near, it stays near.
 */
export class NearViewport implements ReactiveController {
  near = false;
  private observer?: IntersectionObserver;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    /** How far ahead of the viewport counts as near, as an IntersectionObserver `rootMargin`. */
    private readonly margin: string,
    /** Load at once instead (e.g. `loading="eager"`). */
    private readonly eager: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.near || this.observer) return;
    if (this.eager() || typeof IntersectionObserver === 'undefined') {
      this.arrive();
      return;
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.arrive();
      },
      { rootMargin: this.margin },
    );
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Near from now on: stop watching and let the host update. */
  arrive(): void {
    this.stop();
    if (this.near) return;
    this.near = true;
    this.host.requestUpdate();
  }

  private stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
