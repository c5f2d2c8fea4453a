/**
 * The modules a page loads only when it needs them: the markdown parser (Preview, or a backend
 * that sends no `body_html`) and DOMPurify (browsers without the native Sanitizer API). Here, in
 * the sources and the npm package's modules, they are ordinary dynamic imports, which an app's
 * bundler splits; `kabar.js` inlines them (one self-contained file); each feature file's build
 * swaps this module for lazy-bundled.ts, which loads `kabar-markdown.js` and `kabar-purify.js`
 * from beside the feature file itself.
 */
import type createDOMPurify from 'dompurify';
import type { markdownRenderer } from './markdown-html.js';

export const loadMarkdownRenderer = (): Promise<typeof markdownRenderer> => import('./markdown-html.js').then((module) => module.markdownRenderer);

export const loadPurify = (): Promise<typeof createDOMPurify> => import('dompurify').then((module) => module.default);
