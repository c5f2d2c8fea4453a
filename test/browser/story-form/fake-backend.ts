import { BackendError, PartialBackend, type CallOptions } from '../../../src/backends/backend.js';
import type { StoryReceipt, StorySubmission, Term } from '../../../src/backends/types.js';

export interface SentStory {
  story: StorySubmission;
  options: CallOptions;
}

type Answer = (sent: SentStory) => Promise<StoryReceipt> | StoryReceipt;

export const receipt = (id = 'story-42'): StoryReceipt => ({ id, status: 'pending', receivedAt: '2025-03-04T14:32:00+07:00' });

/** The one thing element tests fake: a Backend that records every story and answers as told. */
export class FakeBackend extends PartialBackend {
  readonly label = 'fake';
  readonly sent: SentStory[] = [];
  categories: Term[] = [];
  private answers: Answer[] = [() => receipt()];

  /** Answers by call number; the last one answers every later call. */
  answer(...answers: Answer[]): this {
    this.answers = answers;
    return this;
  }

  override async listCategories(): Promise<Term[]> {
    return this.categories;
  }

  override async submitStory(story: StorySubmission, options: CallOptions = {}): Promise<StoryReceipt> {
    const index = this.sent.push({ story, options }) - 1;
    return this.answers[Math.min(index, this.answers.length - 1)]({ story, options });
  }
}

export const fail = (kind: ConstructorParameters<typeof BackendError>[0], init: ConstructorParameters<typeof BackendError>[1] = {}) =>
  (): never => {
    throw new BackendError(kind, init);
  };

/** An answer that waits until `release()` is called, to look at the sending state. */
export function held(): { answer: Answer; release: (value?: StoryReceipt) => void; sent: Promise<SentStory> } {
  let release!: (value?: StoryReceipt) => void;
  let reached!: (sent: SentStory) => void;
  const sent = new Promise<SentStory>((resolve) => (reached = resolve));
  const answer: Answer = (call) =>
    new Promise<StoryReceipt>((resolve) => {
      reached(call);
      release = (value) => resolve(value ?? receipt());
    });
  return { answer, release: (value) => release(value), sent };
}
