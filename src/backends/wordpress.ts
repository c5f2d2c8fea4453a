import { PartialBackend } from './backend.js';

/** Placeholder until the adapter is written. */
export class WordPressBackend extends PartialBackend {
  readonly label: string;
  constructor(readonly url: string) {
    super();
    this.label = url;
  }
}
