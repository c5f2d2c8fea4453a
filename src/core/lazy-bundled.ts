/**
 * lazy.ts as the feature files (`kabar-comments.js`, `kabar-story.js`) are built: the markdown
 * parser and DOMPurify are files of their own beside the feature file, loaded relative to it
 * (`import.meta.url`), so a copy on a CDN or an integrator's own server finds them where it is.
 * A versioned address (`/kabar-comments@0.1.0.js`, as the reference server answers) asks for the
 * same version of the sibling.
 *
 * Subresource Integrity: an `integrity` attribute on the feature file's script tag does not cover
 * these; a page that pins hashes lists them in its import map's `integrity` field.
 */
import type createDOMPurify from 'dompurify';
import type { markdownRenderer } from './markdown-html.js';

/** The address of a sibling file of this one: `kabar-markdown.js` beside `…/kabar-comments.js`. */
export function siblingUrl(name: string, from: string = import.meta.url): string {
  const url = new URL(from);
  const version = /@[^/@]+(?=\.js$)/.exec(url.pathname)?.[0] ?? '';
  return new URL(`./${name}${version}.js`, url).href;
}

export const loadMarkdownRenderer = (): Promise<typeof markdownRenderer> =>
  (import(/* @vite-ignore */ siblingUrl('kabar-markdown')) as Promise<{ markdownRenderer: typeof markdownRenderer }>).then((module) => module.markdownRenderer);

export const loadPurify = (): Promise<typeof createDOMPurify> =>
  (import(/* @vite-ignore */ siblingUrl('kabar-purify')) as Promise<{ default: typeof createDOMPurify }>).then((module) => module.default);
