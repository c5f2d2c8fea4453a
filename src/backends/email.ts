import { PartialBackend } from './backend.js';

/** Placeholder until the adapter is written. */
export class EmailBackend extends PartialBackend {
  readonly label: string;
  constructor(readonly address: string) {
    super();
    this.label = address;
  }
}
