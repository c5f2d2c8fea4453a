/**
 * Readers' markdown (comments, story and article bodies) to an HTML string: the one renderer
 * and configuration, shared by the server (which renders once, when a text is written) and the
 * browser (Preview, and backends that send no `body_html`). Its output is NOT safe yet: both
 * sides pass it through the one allow-list (allow-list.ts) before anyone sees it.
 *
 * No DOM and no import besides marked, so the browser loads it as one small lazy module
 * (`kabar-markdown.js`); the URL check it needs comes from the caller.
 *
 * A dedicated Marked instance keeps our renderer out of the global `marked`, which a host page
 * may use with its own options.
 */
import { Marked, type RendererObject } from 'marked';

/**
 * The renderer's version, stored beside every rendered text: a server that finds rows rendered
 * by another version renders them again. Raise it whenever the output for the same source can
 * change (this file, marked's major version, or the allow-list).
 */
export const RENDERER_VERSION = 1;

/** Judges a link's URL: the safe URL to link to, or undefined to keep only the words. */
export type LinkCheck = (url: string) => string | undefined;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** The source as it was typed, as text in one paragraph, its line breaks kept. */
export const plainTextHtml = (source: string): string => `<p>${escapeHtml(source).replace(/\r?\n/g, '<br>')}</p>`;

function linkTo(url: string, label: string, title?: string | null): string {
  return `<a href="${escapeHtml(url)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${label}</a>`;
}

function rendererWith(check: LinkCheck): RendererObject {
  /** True while the label of a link is being rendered, so an image inside it does not nest a link. */
  let inLink = false;
  return {
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
      const url = check(href);
      return url ? linkTo(url, label, title) : label;
    },
    // A reader's image becomes a link to it, not an <img>: loading it would send every visitor's
    // address to a server the reader picked (a tracking pixel), could be mixed content, and an image
    // of unknown size shifts the layout on slow phones. One tap still opens it.
    image({ href, title, text, tokens }) {
      const alt = escapeHtml(tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : text);
      const url = check(href);
      if (!url || inLink) return alt;
      return linkTo(url, alt || escapeHtml(url), title);
    },
    // GFM task lists would render <input> checkboxes, which the sanitiser removes with their meaning.
    checkbox({ checked }) {
      return checked ? '[x] ' : '[ ] ';
    },
  };
}

/**
 * A markdown renderer: source to unsanitised HTML. Throws on input the parser cannot handle;
 * callers check the shared bounds (`checkMarkdown`) first and fall back to plain text.
 */
export function markdownRenderer(check: LinkCheck): (source: string) => string {
  const marked = new Marked({ gfm: true, breaks: true, async: false, renderer: rendererWith(check) });
  return (source) => marked.parse(source, { async: false });
}
