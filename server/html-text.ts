/**
 * Remote HTML (a partner's titles and summaries, imported comments) to plain
 * text, by a real HTML parser: tags go, entities are decoded, what a script or
 * style holds is dropped, and block ends become spaces (or paragraph breaks).
 * Nothing here ever produces markup.
 */
import { Parser } from 'htmlparser2';

const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'head', 'title']);
const BLOCKS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'tr', 'table', 'section', 'article', 'figure', 'hr']);

/**
 * The text of an HTML fragment. With `paragraphs`, block ends are kept as blank
 * lines (for a comment's text, which is markdown); otherwise all white space folds to one space.
 */
export function htmlToText(html: string, { paragraphs = false }: { paragraphs?: boolean } = {}): string {
  let out = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (name === 'br') out += paragraphs ? '\n' : ' ';
      },
      onclosetag(name, implied) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCKS.has(name) && name !== 'br' && !(implied && name === 'br')) out += paragraphs ? '\n\n' : ' ';
      },
      ontext(text) {
        if (!skipping) out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  if (!paragraphs) return out.replace(/\s+/g, ' ').trim();
  return out
    .split(/\n[ \t]*\n/)
    .map((part) => part.replace(/[ \t\r\f\v]+/g, ' ').replace(/ *\n */g, '\n').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** At most `max` characters, cut at a word, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
