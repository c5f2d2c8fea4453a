// PROVISIONAL: signatures are final; the strict allow-list, link rules and tests are being written.
import DOMPurify from 'dompurify';
import { noChange, nothing } from 'lit';
import { Directive, directive, type PartInfo } from 'lit/directive.js';

/** Sanitises remote HTML into a fragment, ready to insert. */
export function sanitizeHtml(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true });
}

/** Decodes HTML (entities and all) to plain text, running nothing. */
export function htmlToText(html: string): string {
  return (DOMPurify.sanitize(html, { ALLOWED_TAGS: ['#text'], KEEP_CONTENT: true, RETURN_DOM_FRAGMENT: true }).textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A URL safe for `href`: http, https or mailto; anything else gives undefined. */
export function safeUrl(url: string | undefined | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, document.baseURI);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A URL safe to load as an image: https, or http only when the page itself is http. */
export function safeImageUrl(url: string | undefined | null): string | undefined {
  const safe = safeUrl(url);
  if (!safe || safe.startsWith('mailto:')) return undefined;
  if (safe.startsWith('http:') && location.protocol === 'https:') return undefined;
  return safe;
}

class SafeHtmlDirective extends Directive {
  private last?: string;
  constructor(part: PartInfo) {
    super(part);
  }
  render(html: string | undefined) {
    if (html === this.last) return noChange;
    this.last = html;
    return html ? sanitizeHtml(html) : nothing;
  }
}

/** Renders remote HTML through the sanitiser; re-sanitises only when the input changes. */
export const safeHtml = directive(SafeHtmlDirective);
