/**
 * HTML from outside (WordPress titles, excerpts, term and author names) read as plain text,
 * without the sanitiser: the markup is parsed in an inert DOMParser document (no script runs,
 * nothing loads) and only its text is kept. Nothing from the parsed document is ever inserted
 * into the page, so the feed can show WordPress text without carrying DOMPurify.
 */
import { kabarPolicy } from './trusted-types.js';

/** Elements whose content is code, controls or media rather than prose: their text is dropped. */
const NOT_PROSE = 'script,style,template,noscript,title,iframe,noembed,noframes,xmp,plaintext,svg,math,audio,video,object,embed,canvas,button,select,textarea';

/** Elements whose edges separate words when HTML is read as text. */
const WORD_BREAKS = new Set(['br', 'p', 'li', 'td', 'th', 'tr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'figcaption', 'hr']);

/**
 * The body of an inert document holding `html`, with non-prose elements removed. Under Trusted
 * Types the string goes through the shared `kabar` policy; when the page allows no such policy the
 * parse is refused and the tags are stripped by pattern instead (the result is text either way).
 */
export function inertBody(html: string): HTMLElement {
  const policy = kabarPolicy();
  let body: HTMLElement;
  try {
    const source = (policy ? policy.createHTML(html) : html) as string;
    body = new DOMParser().parseFromString(source, 'text/html').body;
  } catch {
    body = new DOMParser().parseFromString('', 'text/html').body;
    body.textContent = html.replace(/<[^>]*>?/g, ' ');
  }
  for (const element of Array.from(body.querySelectorAll(NOT_PROSE))) element.remove();
  return body;
}

function textOf(node: Node): string {
  let text = '';
  for (const child of node.childNodes) {
    const name = (child as Element).localName;
    if (child.nodeType === Node.TEXT_NODE) text += child.nodeValue ?? '';
    else if (name === 'img') text += (child as HTMLImageElement).alt;
    else if (WORD_BREAKS.has(name)) text += ` ${textOf(child)} `;
    else text += textOf(child);
  }
  return text;
}

/** Collapses runs of ASCII whitespace; a no-break space is kept, it was put there on purpose. */
export function collapseSpace(text: string): string {
  return text.replace(/[\t\n\f\r ]+/g, ' ').trim();
}

/**
 * Decodes HTML (entities and all) to plain text, running nothing: script, style and other
 * non-prose contents are dropped, images give their alt text, blocks separate words.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapseSpace(html);
  return collapseSpace(textOf(inertBody(html)));
}
