import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DraftStore, type Draft } from '../core/drafts.js';

export interface DraftOptions<T> {
  /** `story` or `comment`: part of the storage key. */
  kind: string;
  /** The form's values as they are now, read whenever the draft is written. */
  values: () => T;
  /** Whether these values hold nothing worth keeping. */
  isEmpty: (values: T) => boolean;
  /** Typing pauses this long before the draft is written. */
  delayMs?: number;
}

/** What one send carries from its draft. */
export interface DraftSend {
  /** The `Idempotency-Key` every try of this send uses. */
  readonly idempotencyKey: string;
  /** How long this visit to the form has lasted: since it first showed in this page view, or since the draft's first change when that is older. */
  readonly elapsedMs: number;
  /** The draft the send came from, so its answer settles that draft even if the form moved on. */
  readonly scope: string;
}

/** Drafts saved before their start was kept: the comment box kept it among the values, else the save time is the best guess. */
function startOf(draft: Draft<unknown>): number {
  if (typeof draft.startedAt === 'number') return draft.startedAt;
  const inValues = (draft.values as { startedAt?: unknown } | null)?.startedAt;
  if (typeof inValues === 'number') return inValues;
  const saved = Date.parse(draft.savedAt);
  return Number.isFinite(saved) ? saved : Date.now();
}

/**
 * The draft of a form, for the story form and the comment box alike: written
 * after a pause in typing and at once when the page is hidden, closed or the
 * form leaves it; restored after a reload; dropped only when the server kept
 * the send or the writer threw it away. It holds the send's idempotency key
 * and when the writing began. The time a send reports judges the visit: since
 * the form first showed in this page view, or since the draft's first change
 * when that is older (a draft restored after a reload); a send, a reset or a
 * reply never restarts it, so a second comment or a pasted text in a visit that
 * has lasted is a person's.
 */
export class DraftController<T> implements ReactiveController {
  /** When the draft was last written, for "Draf tersimpan 14.32". */
  savedAt?: Date;

  private store?: DraftStore<T>;
  private currentScope?: string;
  private timer?: ReturnType<typeof setTimeout>;
  private startedAt?: number;
  /** A send is on its way: changes made now belong to the next draft. */
  private sending = false;
  private startedWhileSending?: number;
  /** Confirmed and not changed since: there is nothing left to keep. */
  private done = false;
  /** When the form first showed in this page view (ms since the epoch); kept for the controller's life. */
  private shownAt?: number;
  private visibility?: IntersectionObserver;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DraftOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.flush);
    document.addEventListener('visibilitychange', this.flush);
    this.watchVisibility();
  }

  hostDisconnected(): void {
    this.visibility?.disconnect();
    this.visibility = undefined;
    this.flush();
    window.removeEventListener('pagehide', this.flush);
    document.removeEventListener('visibilitychange', this.flush);
  }

  /** The draft's place (backend and thread); undefined before the first `open`. */
  get scope(): string | undefined {
    return this.currentScope;
  }

  /** The key of the draft's send, stable from its first change until the server kept it. */
  get idempotencyKey(): string | undefined {
    return this.store?.idempotencyKey;
  }

  /**
   * Moves to the draft kept for `scope` ('' for none), writing the current one
   * first. Answers the values kept there, if any.
   */
  open(scope: string): T | undefined {
    this.flush();
    this.currentScope = scope;
    this.store = scope ? new DraftStore<T>(this.options.kind, scope) : undefined;
    this.sending = false;
    this.startedWhileSending = undefined;
    this.done = false;
    const saved = this.store?.load();
    const kept = saved && !this.options.isEmpty(saved.values) ? saved : undefined;
    this.startedAt = kept ? startOf(kept) : undefined;
    this.savedAt = kept ? new Date(kept.savedAt) : undefined;
    return kept?.values;
  }

  /** The writer changed something: the clock starts at the first change; the draft is written after a pause. */
  edited(): void {
    const now = Date.now();
    if (this.sending) this.startedWhileSending ??= now;
    else this.startedAt ??= now;
    this.done = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.flush, this.options.delayMs ?? 400);
  }

  /** Writes the draft now. A form emptied by its writer leaves no draft and no clock. */
  readonly flush = (): void => {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.store || this.done) return;
    const values = this.options.values();
    if (this.options.isEmpty(values)) {
      if (this.savedAt || this.startedAt !== undefined) this.forget();
      return;
    }
    this.store.save(values, this.startedAt);
    this.savedAt = new Date();
    this.host.requestUpdate();
  };

  /**
   * How long this visit to the form has lasted: since it first showed in this page view, or
   * since the draft's first change when that is older. 0 while it has not shown and nothing was typed.
   */
  get elapsedMs(): number {
    const since = Math.min(this.shownAt ?? Infinity, this.startedAt ?? Infinity);
    return Number.isFinite(since) ? Math.max(0, Date.now() - since) : 0;
  }

  /** Notes the first moment the form is on screen (at once where IntersectionObserver is missing). */
  private watchVisibility(): void {
    if (this.shownAt !== undefined || this.visibility) return;
    const element = this.host as unknown as Element;
    if (typeof IntersectionObserver === 'undefined' || !(element instanceof Element)) {
      this.shownAt = Date.now();
      return;
    }
    this.visibility = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      this.shownAt ??= Date.now();
      this.visibility?.disconnect();
      this.visibility = undefined;
    });
    this.visibility.observe(element);
  }

  /** What a send of the draft carries. The draft is written first, so the send outlives a reload. */
  beginSend(): DraftSend {
    this.flush();
    this.sending = true;
    this.startedWhileSending = undefined;
    return { idempotencyKey: this.store?.idempotencyKey ?? '', elapsedMs: this.elapsedMs, scope: this.currentScope ?? '' };
  }

  /**
   * The server kept the send. With `keepWriting`, what was typed while it was
   * on its way is the next draft: a new key, and a clock that started at the
   * first of those changes.
   */
  confirmed(send: DraftSend, keepWriting = false): void {
    if (send.scope !== this.currentScope) {
      if (send.scope) new DraftStore<T>(this.options.kind, send.scope).clear();
      return;
    }
    const next = this.startedWhileSending;
    this.sending = false;
    this.startedWhileSending = undefined;
    clearTimeout(this.timer);
    this.store?.clear();
    this.savedAt = undefined;
    if (keepWriting) {
      this.startedAt = next ?? Date.now();
      this.flush();
    } else {
      this.startedAt = undefined;
      this.done = true;
    }
  }

  /**
   * The send ended without the server keeping it; the writing goes on with
   * its clock. `renewKey` when the server refused this very request: the
   * corrected text is another request, and the old key could only be refused again.
   */
  ended(send: DraftSend, renewKey = false): void {
    if (send.scope !== this.currentScope) return;
    this.sending = false;
    this.startedWhileSending = undefined;
    if (!renewKey) return;
    this.store?.clear();
    this.flush();
  }

  /** The writer threw the draft away: nothing is kept and the clock stops until the next change. */
  discard(): void {
    this.sending = false;
    this.startedWhileSending = undefined;
    this.done = false;
    this.forget();
  }

  private forget(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.store?.clear();
    this.startedAt = undefined;
    this.savedAt = undefined;
    this.host.requestUpdate();
  }
}
