/**
 * Kabar's allow-list for remote HTML, in one module without a DOM, so the browser's sanitiser
 * (sanitize.ts: the native Sanitizer API or DOMPurify) and the server's (server/render.ts:
 * DOMPurify over jsdom) keep exactly the same elements, attributes and URLs.
 */
import type { Config, DOMPurify as DOMPurifyInstance, UponSanitizeAttributeHook } from 'dompurify';
import { safeImageUrl, safeUrl, srcsetCandidates } from './url.js';

/** Attributes allowed per element; anything not listed is dropped. */
export const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'target'],
  img: ['src', 'srcset', 'alt', 'width', 'height'],
  abbr: ['title'],
  ol: ['start', 'reversed'],
  th: ['colspan', 'rowspan', 'scope', 'align'],
  td: ['colspan', 'rowspan', 'align'],
};
/** Harmless on any element, and they help screen readers and mixed-script text. */
export const GLOBAL_ATTRIBUTES: readonly string[] = ['dir', 'lang'];

// No h1 (the page owns it), no style, forms, frames, objects, media, svg or math.
export const ALLOWED_TAGS: readonly string[] = [
  'p', 'br', 'hr', 'span', 'a', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup',
  'small', 'mark', 'abbr', 'q', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'figure', 'figcaption',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];

// Belt and braces: none of these is allowed anyway, but a later edit of the lists must not
// silently let them in.
export const FORBID_TAGS: readonly string[] = ['style', 'script', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'svg', 'math', 'base', 'meta', 'link'];
export const FORBID_ATTR: readonly string[] = ['style', 'class', 'id', 'name', 'srcdoc', 'action', 'formaction'];
// Text of removed elements is kept (an unknown <font> keeps its words), except where the text is
// code or controls rather than prose.
const ADD_FORBID_CONTENTS = ['button', 'select', 'textarea', 'object', 'embed', 'canvas'];
/**
 * Elements removed with everything inside them: DOMPurify's own list (its default
 * `FORBID_CONTENTS`) and ours. The native path removes the same ones.
 */
export const FORBID_CONTENTS: readonly string[] = [
  'annotation-xml', 'audio', 'colgroup', 'desc', 'foreignobject', 'head', 'iframe', 'math', 'mi', 'mn', 'mo', 'ms', 'mtext',
  'noembed', 'noframes', 'noscript', 'plaintext', 'script', 'style', 'svg', 'template', 'title', 'video', 'xmp',
  ...ADD_FORBID_CONTENTS,
];

export const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** DOMPurify's configuration (both the browser's fallback and the server use it). */
export const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: [...new Set([...GLOBAL_ATTRIBUTES, ...Object.values(ATTRIBUTES).flat()])],
  ALLOWED_NAMESPACES: [HTML_NAMESPACE],
  ALLOW_ARIA_ATTR: false,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  FORBID_TAGS: [...FORBID_TAGS],
  FORBID_ATTR: [...FORBID_ATTR],
  KEEP_CONTENT: true,
  ADD_FORBID_CONTENTS,
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  SAFE_FOR_XML: true,
};

/** The rel of every surviving link: reader content, opened without a window.opener. */
export const READER_LINK_REL = 'ugc nofollow noopener';

/**
 * Where URLs are judged: the base they resolve against (null on the server, which keeps a safe
 * relative URL as written) and the protocol of the page that shows them (an http image is mixed
 * content on an https page).
 */
export interface UrlContext {
  base: string | null;
  pageProtocol: string;
}

/** The server's context: no page known, so judged as if shown on an https page. */
export const SERVER_URLS: UrlContext = { base: null, pageProtocol: 'https:' };

/** Whether `name` may stay on a `tag` element at all (before its value is checked). */
export const attributeAllowed = (tag: string, name: string): boolean => GLOBAL_ATTRIBUTES.includes(name) || !!ATTRIBUTES[tag]?.includes(name);

/** The value an allowed attribute keeps, or undefined when the attribute must go. */
export function checkedAttribute(name: string, value: string, urls: UrlContext): string | undefined {
  switch (name) {
    case 'href':
      return safeUrl(value, urls.base);
    case 'src':
      return safeImageUrl(value, urls.pageProtocol, urls.base);
    case 'srcset': {
      // Every candidate must be a safe image URL with a plain descriptor, or the whole srcset goes.
      const candidates = srcsetCandidates(value, urls.pageProtocol, urls.base);
      return candidates.every((candidate) => candidate !== undefined) ? candidates.join(', ') : undefined;
    }
    case 'target':
      // Named targets could steer a link into another frame of the host page.
      return value === '_blank' ? value : undefined;
    case 'width':
    case 'height':
    case 'colspan':
    case 'rowspan':
    case 'start':
      return /^\d{1,5}$/.test(value) ? value : undefined;
    default:
      return value;
  }
}

/** rel is never taken from the input: every link with an href gets Kabar's. */
export function markLink(node: Element): void {
  if (node.nodeName === 'A' && node.hasAttribute('href')) node.setAttribute('rel', READER_LINK_REL);
}

/** Gives a DOMPurify instance Kabar's rules: the attribute and link passes, then the configuration. */
export function configurePurifier(purifier: DOMPurifyInstance, urls: UrlContext, extra: Config = {}): void {
  const checkAttribute: UponSanitizeAttributeHook = (node, event) => {
    const name = event.attrName;
    if (!attributeAllowed(node.nodeName.toLowerCase(), name)) {
      event.keepAttr = false;
      return;
    }
    const value = checkedAttribute(name, event.attrValue, urls);
    if (value === undefined) event.keepAttr = false;
    else event.attrValue = value;
  };
  purifier.addHook('uponSanitizeAttribute', checkAttribute);
  purifier.addHook('afterSanitizeAttributes', markLink);
  purifier.setConfig({ ...PURIFY_CONFIG, ...extra });
}
