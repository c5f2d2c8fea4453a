/**
 * `kabar-markdown.js`: the markdown renderer alone (marked and Kabar's configuration, no DOM),
 * loaded by a feature file for Preview or for a backend that sends no `body_html` (see
 * src/core/lazy-bundled.ts). Its output goes through the loader's sanitiser.
 */
export { markdownRenderer } from './core/markdown-html.js';
