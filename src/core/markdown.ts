/**
 * Readers' markdown (comments, story bodies) to DOM: marked for the syntax, then ALWAYS the one
 * sanitiser. A dedicated Marked instance keeps our renderer out of the global `marked`, which a
 * host page may use with its own options.
 */
import { Marked, type RendererObject } from 'marked';
import { directive } from 'lit/directive.js';
import { checkMarkdown } from './rules/rules.js';
import { FragmentDirective, safeUrl, sanitizeHtml } from './sanitize.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** True while the label of a link is being rendered, so an image inside it does not nest a link. */
let inLink = false;

function linkTo(url: string, label: string, title?: string | null): string {
  return `<a href="${escapeHtml(url)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${label}</a>`;
}

const renderer: RendererObject = {
  // A reader who types <b> sees <b>: raw HTML is text here, never markup.
  html({ text, block }) {
    const escaped = escapeHtml(text);
    return block ? `<p>${escaped}</p>\n` : escaped;
  },
  // The page owns h1 and the widget's own headings; a reader's "# Title" starts one level lower.
  heading({ tokens, depth }) {
    const level = Math.min(depth + 1, 6);
    return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
  },
  // Unsafe schemes (javascript:, data:, vbscript:, …) keep their words and lose the link. The
  // sanitiser checks again after parsing, so this is for tidy output, not the only guard.
  link({ href, title, tokens }) {
    inLink = true;
    let label: string;
    try {
      label = this.parser.parseInline(tokens);
    } finally {
      inLink = false;
    }
    const url = safeUrl(href);
    return url ? linkTo(url, label, title) : label;
  },
  // A reader's image becomes a link to it, not an <img>: loading it would send every visitor's
  // address to a server the reader picked (a tracking pixel), could be mixed content, and an image
  // of unknown size shifts the layout on slow phones. One tap still opens it.
  image({ href, title, text, tokens }) {
    const alt = escapeHtml(tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : text);
    const url = safeUrl(href);
    if (!url || inLink) return alt;
    return linkTo(url, alt || escapeHtml(url), title);
  },
  // GFM task lists would render <input> checkboxes, which the sanitiser removes with their meaning.
  checkbox({ checked }) {
    return checked ? '[x] ' : '[ ] ';
  },
};

const readerMarkdown = new Marked({ gfm: true, breaks: true, async: false, renderer });

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
    return sanitizeHtml(readerMarkdown.parse(source, { async: false }));
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
