/**
 * Readers' markdown (comments, story bodies) to DOM: the shared renderer (markdown-html.ts) for
 * the syntax, then ALWAYS the one sanitiser.
 */
import { directive } from 'lit/directive.js';
import { markdownRenderer } from './markdown-html.js';
import { checkMarkdown } from './rules/rules.js';
import { FragmentDirective, safeUrl, sanitizeHtml } from './sanitize.js';

const readerMarkdown = markdownRenderer((url) => safeUrl(url));

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
