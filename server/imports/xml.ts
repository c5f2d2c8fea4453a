/**
 * Reading export files: XML through htmlparser2 in XML mode (it never expands
 * entities a file declares, so a hostile export cannot blow up), and the HTML
 * that WordPress and Disqus store turned into the markdown Kabar keeps, by turndown.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import { isTag, type Document, type Element } from 'domhandler';
import TurndownService from 'turndown';

export class ImportError extends Error {}

export function readXml(text: string): Document {
  return parseDocument(text, { xmlMode: true, decodeEntities: true });
}

/** Child elements of `node` with this (qualified) tag name, e.g. `wp:comment`. */
export const childrenNamed = (node: Element | Document, name: string): Element[] =>
  node.children.filter((child): child is Element => isTag(child) && child.name === name);

export const firstNamed = (node: Element | Document, name: string): Element | undefined => DomUtils.findOne((e) => e.name === name, node.children, true) ?? undefined;

/** The text of a child (CDATA or text), trimmed. */
export const textOf = (node: Element, name: string): string => {
  const child = childrenNamed(node, name)[0];
  return child ? DomUtils.textContent(child).trim() : '';
};

let turndown: TurndownService | undefined;

/** HTML (or text with line breaks, as WordPress keeps comments) to markdown. */
export function htmlToMarkdown(html: string): string {
  turndown ??= new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '*' });
  // WordPress keeps paragraphs as blank lines (wpautop adds the <p> on display).
  const withParagraphs = /<(p|div|br|ul|ol|h\d|blockquote)\b/i.test(html)
    ? html
    : html
        .split(/\r?\n\s*\r?\n/)
        .map((p) => `<p>${p.replace(/\r?\n/g, '<br>')}</p>`)
        .join('');
  return turndown.turndown(withParagraphs).trim();
}

/** `2026-01-05 10:00:00` as WordPress writes GMT times, or any date JavaScript reads. */
export function timeOf(value: string, utc = false): number | undefined {
  if (!value || value.startsWith('0000-00-00')) return undefined;
  const time = Date.parse(utc && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value) ? `${value.replace(' ', 'T')}Z` : value);
  return Number.isFinite(time) ? time : undefined;
}
