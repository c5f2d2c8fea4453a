import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { BackendError, toBackendError } from '../backends/backend.js';
import { KabarErrorEvent, type KabarLoadEvent } from './events.js';

/**
 * Ties a `@lit/task` to the element's place in the page: a load cut short by
 * removal is aborted (@lit/task would let it run on, and nobody would see the
 * answer) and asked again when the element comes back.
 */
class TaskLifecycle implements ReactiveController {
  private interrupted = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly task: Task,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.interrupted) return;
    this.interrupted = false;
    void this.task.run();
  }

  hostDisconnected(): void {
    if (this.task.status !== TaskStatus.PENDING) return;
    this.interrupted = true;
    this.task.abort();
  }
}

export interface LoadTaskOptions<A extends readonly unknown[], T> {
  /** The inputs; the load runs again when one changes (compared with `===`: adapters are cached by key). */
  args: () => A;
  /** Loads; `undefined` means there is nothing to load (the element shows its fallback). */
  load: (args: A, signal: AbortSignal) => Promise<T | undefined>;
  /** The `kabar-load` event for what arrived (then any others it calls for, such as one source's failure). */
  loaded: (value: T) => KabarLoadEvent | readonly [KabarLoadEvent, ...Event[]];
  /** Hears a failure (never an abort) before `kabar-error` is dispatched. */
  failed?: (error: BackendError) => void;
}

/**
 * How the data elements load: a `@lit/task` that tells the page what arrived
 * (`kabar-load`) or failed (`kabar-error`, never for an abort), and that
 * follows the element out of and back into the page.
 */
export function loadTask<A extends readonly unknown[], T>(host: ReactiveControllerHost & HTMLElement, options: LoadTaskOptions<A, T>): Task<A, T | undefined> {
  const task = new Task<A, T | undefined>(host, {
    args: options.args,
    task: async (args, { signal }) => {
      try {
        const value = await options.load(args, signal);
        // An answer for inputs the element has left since is not announced.
        if (value !== undefined && !signal.aborted) for (const event of [options.loaded(value)].flat()) host.dispatchEvent(event);
        return value;
      } catch (thrown) {
        const error = signal.aborted ? new BackendError('aborted', { cause: thrown }) : toBackendError(thrown);
        if (error.kind !== 'aborted') {
          options.failed?.(error);
          host.dispatchEvent(new KabarErrorEvent(error));
        }
        throw error;
      }
    },
  });
  new TaskLifecycle(host, task);
  return task;
}
