/**
 * Readers' markdown (comments, story bodies) to DOM: the shared renderer (markdown-html.ts) for
 * the syntax, then ALWAYS the one sanitiser. The renderer is loaded on first use (lazy.ts): the
 * Kabar server sends every text rendered (`body_html`), so a page needs the parser only for
 * Preview or for a backend that sends markdown alone.
 */
import { directive } from 'lit/directive.js';
import { loadMarkdownRenderer } from './lazy.js';
import { checkMarkdown } from './rules/rules.js';
import { FragmentDirective, safeUrl, sanitizeHtml, sanitizerIsReady, sanitizerReady } from './sanitize.js';

let readerMarkdown: ((source: string) => string) | undefined;
let loading: Promise<void> | undefined;

/** Resolves once `renderMarkdown` can run: the renderer loaded (once per page) and the sanitiser ready. */
export function markdownReady(): Promise<void> {
  loading ??= Promise.all([loadMarkdownRenderer(), sanitizerReady()]).then(
    ([markdownRenderer]) => {
      readerMarkdown = markdownRenderer((url) => safeUrl(url));
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Whether `renderMarkdown` can run now. */
export const markdownIsReady = (): boolean => !!readerMarkdown && sanitizerIsReady();

/** The source as it was typed, as text (no markup can come of it); line breaks kept by `white-space`. */
export function plainText(source: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const paragraph = document.createElement('p');
  paragraph.className = 'plain-text';
  paragraph.style.whiteSpace = 'pre-line';
  paragraph.textContent = source;
  fragment.append(paragraph);
  return fragment;
}

/**
 * Renders a reader's markdown to a sanitised fragment. Input past the shared
 * bounds (the rule the server refuses it by) never reaches the parser, and
 * whatever the parser cannot handle shows as text: one bad comment never
 * blanks its thread.
 */
export function renderMarkdown(source: string): DocumentFragment {
  if (checkMarkdown(source)) return plainText(source);
  if (!readerMarkdown) throw new Error('kabar: the markdown renderer is still loading (await markdownReady())');
  try {
    return sanitizeHtml(readerMarkdown(source));
  } catch (error) {
    console.warn('kabar: a text could not be rendered as markdown; shown as plain text.', error);
    return plainText(source);
  }
}

class MarkdownDirective extends FragmentDirective {
  protected toFragment(source: string) {
    return renderMarkdown(source);
  }
  protected override isReady() {
    return markdownIsReady();
  }
  protected override whenReady() {
    return markdownReady();
  }
  // The reader's words at once, as text; formatted when the renderer arrives.
  protected override pending(source: string) {
    return plainText(source);
  }
}

/** Renders markdown through the one pipeline; re-renders only when the source changes. */
export const markdown = directive(MarkdownDirective);

class GuardedHtmlDirective extends FragmentDirective {
  protected toFragment(source: string) {
    try {
      return sanitizeHtml(source);
    } catch (error) {
      console.warn('kabar: a remote text could not be sanitised; shown as plain text.', error);
      return plainText(source);
    }
  }
}

/** Remote HTML through the sanitiser, or as escaped text when that fails, so one bad comment never blanks a thread. */
export const guardedHtml = directive(GuardedHtmlDirective);
