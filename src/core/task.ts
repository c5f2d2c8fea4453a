import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a task stands (the numbers of `@lit/task`'s `TaskStatus`). */
export const TaskStatus = { INITIAL: 0, PENDING: 1, COMPLETE: 2, ERROR: 3 } as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export interface TaskConfig<A extends readonly unknown[], T> {
  /** The inputs, read before every update; the task runs again when one of them changes (`Object.is`). */
  args: () => A;
  task: (args: A, options: { signal: AbortSignal }) => Promise<T>;
}

export interface TaskRenderer<T, R> {
  initial?: () => R;
  pending?: () => R;
  complete?: (value: T) => R;
  error?: (error: unknown) => R;
}

/**
 * The part of `@lit/task` the elements use, at a fraction of its weight in every file: before an
 * update whose arguments changed it runs the task, aborting the run it replaces; when a run
 * settles, and only the latest, it keeps the value or the error and updates the host.
 */
export class Task<A extends readonly unknown[], T> implements ReactiveController {
  status: TaskStatus = TaskStatus.INITIAL;
  value?: T;
  error?: unknown;
  private previous?: A;
  private controller?: AbortController;
  private calls = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: TaskConfig<A, T>,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const args = this.config.args();
    const previous = this.previous;
    if (!previous || args.length !== previous.length || args.some((value, i) => !Object.is(value, previous[i]))) void this.run(args);
  }

  /** Runs the task now, with these arguments or the current ones. */
  async run(args: A = this.config.args()): Promise<void> {
    this.previous = args;
    this.abort();
    this.status = TaskStatus.PENDING;
    this.host.requestUpdate();
    const call = ++this.calls;
    const controller = (this.controller = new AbortController());
    let status: TaskStatus = TaskStatus.COMPLETE;
    let value: T | undefined;
    let error: unknown;
    try {
      value = await this.config.task(args, { signal: controller.signal });
    } catch (thrown) {
      status = TaskStatus.ERROR;
      error = thrown;
    }
    if (call !== this.calls) return;
    this.status = status;
    this.value = value;
    this.error = error;
    this.host.requestUpdate();
  }

  /** Aborts the run in flight, if any. */
  abort(reason?: unknown): void {
    if (this.status === TaskStatus.PENDING) this.controller?.abort(reason);
  }

  render<R>(renderer: TaskRenderer<T, R>): R | undefined {
    switch (this.status) {
      case TaskStatus.INITIAL:
        return renderer.initial?.();
      case TaskStatus.PENDING:
        return renderer.pending?.();
      case TaskStatus.COMPLETE:
        return renderer.complete?.(this.value as T);
      default:
        return renderer.error?.(this.error);
    }
  }
}
