// PROVISIONAL: signatures are final; options and tests are being written.
import { marked } from 'marked';
import { noChange, nothing } from 'lit';
import { Directive, directive, type PartInfo } from 'lit/directive.js';
import { sanitizeHtml } from './sanitize.js';

/** Renders a reader's markdown to a sanitised fragment. */
export function renderMarkdown(source: string): DocumentFragment {
  return sanitizeHtml(marked.parse(source, { async: false, gfm: true, breaks: true }));
}

class MarkdownDirective extends Directive {
  private last?: string;
  constructor(part: PartInfo) {
    super(part);
  }
  render(source: string | undefined) {
    if (source === this.last) return noChange;
    this.last = source;
    return source ? renderMarkdown(source) : nothing;
  }
}

/** Renders markdown through the one pipeline; re-renders only when the source changes. */
export const markdown = directive(MarkdownDirective);
