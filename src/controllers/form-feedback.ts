import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Error codes by field; a code is worded by the i18n catalogue's `fieldError`. */
export type FieldCodes<F extends string> = Partial<Record<F, string>>;

/**
 * When a form shows its field errors, for the story form and the comment box
 * alike: a field's message appears once the reader has left it or tried to
 * send, and the server's 422 answers stay on their fields until those fields
 * change. A field left by a pointer press (a click on a radio or a button
 * below it) shows its message only once the press is over: shown at once it
 * would push the pressed control away from under the pointer, and the click
 * would land on nothing.
 */
export class FormFeedback<F extends string> implements ReactiveController {
  /** Fields the reader has left. */
  touched = new Set<F>();
  /** A send was tried: every message shows. */
  attempted = false;
  /** What the server said, by field, until the field changes. */
  serverErrors: FieldCodes<F> = {};

  private readonly leftDuringPress = new Set<F>();
  private pointerHeld = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The form's fields in the order they appear: the order of summaries and of "focus the first". */
    readonly order: readonly F[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('pointerdown', this.handlePointerDown, true);
    document.addEventListener('pointerup', this.handlePointerUp, true);
    document.addEventListener('pointercancel', this.handlePointerUp, true);
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.handlePointerDown, true);
    document.removeEventListener('pointerup', this.handlePointerUp, true);
    document.removeEventListener('pointercancel', this.handlePointerUp, true);
  }

  /** Whether `name` is one of the form's fields. */
  has(name: string): name is F {
    return (this.order as readonly string[]).includes(name);
  }

  /** The reader left a field: the cue for its message. */
  left(field: F): void {
    if (this.touched.has(field)) return;
    if (this.pointerHeld) this.leftDuringPress.add(field);
    else this.touch(field);
  }

  /** Marks a field as done with at once, e.g. a file picked (no focus to leave). */
  touch(field: F): void {
    if (this.touched.has(field)) return;
    this.touched = new Set(this.touched).add(field);
    this.host.requestUpdate();
  }

  /** A field changed: what the server said about it no longer holds. */
  changed(field: F): void {
    if (!(field in this.serverErrors)) return;
    const { [field]: _gone, ...rest } = this.serverErrors;
    this.serverErrors = rest as FieldCodes<F>;
    this.host.requestUpdate();
  }

  /** A send was tried. */
  attempt(): void {
    this.attempted = true;
    this.host.requestUpdate();
  }

  /** The server's field codes; answers the fields it named that this form has, in form order. */
  fromServer(fields: Record<string, string> | undefined): F[] {
    const known = this.order.filter((field) => fields?.[field]);
    if (known.length) {
      this.serverErrors = { ...this.serverErrors, ...Object.fromEntries(known.map((field) => [field, fields![field]])) };
      this.host.requestUpdate();
    }
    return known;
  }

  /** Every error: the server's over the form's own. */
  merged(client: FieldCodes<F>): FieldCodes<F> {
    return { ...client, ...this.serverErrors };
  }

  /** The code to show for a field now, if any. */
  shown(field: F, client: FieldCodes<F>): string | undefined {
    return this.serverErrors[field] ?? (this.attempted || this.touched.has(field) ? client[field] : undefined);
  }

  /** The first field, in form order, with an error. */
  firstInvalid(client: FieldCodes<F>): F | undefined {
    const all = this.merged(client);
    return this.order.find((field) => all[field]);
  }

  /** A fresh form: nothing touched, tried or answered. */
  reset(): void {
    this.touched = new Set();
    this.leftDuringPress.clear();
    this.attempted = false;
    this.serverErrors = {};
    this.host.requestUpdate();
  }

  private readonly handlePointerDown = (): void => {
    this.pointerHeld = true;
  };

  private readonly handlePointerUp = (): void => {
    this.pointerHeld = false;
    if (!this.leftDuringPress.size) return;
    // A task later, so the click that follows this release has happened.
    setTimeout(() => {
      if (this.pointerHeld || !this.leftDuringPress.size) return;
      this.touched = new Set([...this.touched, ...this.leftDuringPress]);
      this.leftDuringPress.clear();
      this.host.requestUpdate();
    }, 0);
  };
}
