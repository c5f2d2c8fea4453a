/**
 * Readers' markdown rendered on the server, once, when a comment, story or article is written:
 * the browser's own renderer (src/core/markdown-html.ts) and allow-list (src/core/allow-list.ts),
 * sanitised by DOMPurify over jsdom. DOMPurify is the sanitiser the browser falls back to, so the
 * server runs the same library with the same configuration and the same hooks, not a second
 * description of the rules in another library's terms; jsdom is the DOM DOMPurify's own tests run
 * on in Node.
 */
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { SERVER_URLS, configurePurifier } from '../src/core/allow-list.js';
import { RENDERER_VERSION, markdownRenderer, plainTextHtml } from '../src/core/markdown-html.js';
import { checkMarkdown } from '../src/core/rules/rules.js';
import { safeUrl } from '../src/core/url.js';

export { RENDERER_VERSION };

type Purifier = ReturnType<typeof createDOMPurify>;
let purifier: Purifier | undefined;
let render: ((source: string) => string) | undefined;

function serverPurifier(): Purifier {
  if (!purifier) {
    purifier = createDOMPurify(new JSDOM('').window);
    configurePurifier(purifier, SERVER_URLS, { RETURN_DOM_FRAGMENT: false, RETURN_DOM: false });
  }
  return purifier;
}

/** Remote HTML through Kabar's allow-list, as a string. */
export function sanitizeHtmlString(html: string): string {
  return serverPurifier().sanitize(html);
}

/**
 * A reader's markdown as sanitised HTML, ready to store as `body_html`. Input past the shared
 * bounds, or that the parser cannot handle, becomes its own text in a paragraph (as the browser
 * shows it): one bad text never fails a write or a migration.
 */
export function renderMarkdownHtml(source: string): string {
  if (checkMarkdown(source)) return plainTextHtml(source);
  render ??= markdownRenderer((url) => safeUrl(url, SERVER_URLS.base));
  let html: string;
  try {
    html = render(source);
  } catch (error) {
    console.warn('kabar: a text could not be rendered as markdown; stored as plain text.', error);
    html = plainTextHtml(source);
  }
  return sanitizeHtmlString(html);
}
