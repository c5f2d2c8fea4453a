/** The bundle entry: defines every tag and re-exports the public API. */
import { defineAll } from './define.js';

export * from './index.js';

defineAll();
