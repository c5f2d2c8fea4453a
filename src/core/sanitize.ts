/**
 * The one place where HTML from outside (WordPress titles, excerpts, comments, rendered markdown)
 * becomes DOM. Everything goes through a dedicated DOMPurify instance with an explicit allow-list,
 * so a host page's own DOMPurify (its config and hooks) is never touched and ours never leaks out.
 *
 * Trusted Types: DOMPurify parses with DOMParser, a Trusted Types sink. We hand it our own policy,
 * named `kabar`, instead of letting it create its default `dompurify` policy, so a host page that
 * uses DOMPurify itself does not collide with us on the policy name. The bundle therefore needs
 * `trusted-types lit-html kabar` (Lit creates `lit-html`). If the page does not allow `kabar` but
 * allows `dompurify`, we fall back to DOMPurify's own policy; if it allows neither, parsing fails
 * closed and nothing is rendered.
 */
import DOMPurify, { type Config, type DOMPurify as DOMPurifyInstance, type UponSanitizeAttributeHook } from 'dompurify';
import { noChange, nothing } from 'lit';
import { Directive, PartType, directive, type PartInfo } from 'lit/directive.js';
import { kabarPolicy } from './trusted-types.js';
import { safeImageUrl, safeUrl, srcsetCandidates } from './url.js';

export { TRUSTED_TYPES_POLICY_NAME } from './trusted-types.js';
export { htmlToText } from './text.js';
export { safeImageUrl, safeUrl };

/** Attributes allowed per element; anything not listed is dropped. */
const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'target'],
  img: ['src', 'srcset', 'alt', 'width', 'height'],
  abbr: ['title'],
  ol: ['start', 'reversed'],
  th: ['colspan', 'rowspan', 'scope', 'align'],
  td: ['colspan', 'rowspan', 'align'],
};
/** Harmless on any element, and they help screen readers and mixed-script text. */
const GLOBAL_ATTRIBUTES: readonly string[] = ['dir', 'lang'];

// No h1 (the page owns it), no style, forms, frames, objects, media, svg or math.
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'span', 'a', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup',
  'small', 'mark', 'abbr', 'q', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'figure', 'figcaption',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: [...new Set([...GLOBAL_ATTRIBUTES, ...Object.values(ATTRIBUTES).flat()])],
  ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
  ALLOW_ARIA_ATTR: false,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  // Belt and braces: none of these is allowed anyway, but a later edit of the lists must not
  // silently let them in.
  FORBID_TAGS: ['style', 'script', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'svg', 'math', 'base', 'meta', 'link'],
  FORBID_ATTR: ['style', 'class', 'id', 'name', 'srcdoc', 'action', 'formaction'],
  // Text of removed elements is kept (an unknown <font> keeps its words), except where the text is
  // code or controls rather than prose.
  KEEP_CONTENT: true,
  ADD_FORBID_CONTENTS: ['button', 'select', 'textarea', 'object', 'embed', 'canvas'],
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  SAFE_FOR_XML: true,
  RETURN_DOM_FRAGMENT: true,
};

const READER_LINK_REL = 'ugc nofollow noopener';

const checkAttribute: UponSanitizeAttributeHook = (node, event) => {
  const tag = node.nodeName.toLowerCase();
  const name = event.attrName;
  if (!GLOBAL_ATTRIBUTES.includes(name) && !ATTRIBUTES[tag]?.includes(name)) {
    event.keepAttr = false;
    return;
  }
  const value = checkedAttribute(name, event.attrValue);
  if (value === undefined) event.keepAttr = false;
  else event.attrValue = value;
};

/** rel is never taken from the input: every surviving link is marked as reader content and opens without a window.opener, whether or not it has target=_blank. */
const markLink = (node: Element) => {
  if (node.nodeName === 'A' && node.hasAttribute('href')) node.setAttribute('rel', READER_LINK_REL);
};

function checkedAttribute(name: string, value: string): string | undefined {
  switch (name) {
    case 'href':
      return safeUrl(value);
    case 'src':
      return safeImageUrl(value);
    case 'srcset':
      return safeSrcset(value);
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

/** Every candidate must be a safe image URL with a plain descriptor, or the whole srcset goes. */
function safeSrcset(value: string): string | undefined {
  const candidates = srcsetCandidates(value);
  return candidates.every((candidate) => candidate !== undefined) ? candidates.join(', ') : undefined;
}

let purifier: DOMPurifyInstance | undefined;
function configuredPurifier(): DOMPurifyInstance {
  if (!purifier) {
    // Created on first use, not at import, so a page that never renders remote HTML never asks
    // for the policy, and the module imports on a server, which has no window.
    purifier = DOMPurify(window);
    purifier.addHook('uponSanitizeAttribute', checkAttribute);
    purifier.addHook('afterSanitizeAttributes', markLink);
    const policy = kabarPolicy();
    purifier.setConfig(policy ? { ...CONFIG, TRUSTED_TYPES_POLICY: policy } : CONFIG);
  }
  return purifier;
}

/**
 * Each table in a wrapper that scrolls sideways (the elements' host styles give
 * `.table-scroll` its `overflow-x: auto`), so a wide table scrolls inside its
 * text instead of widening the host page. The wrapper takes the keyboard focus,
 * so a reader without a pointer can scroll it too.
 */
export function scrollTables(fragment: DocumentFragment): DocumentFragment {
  for (const table of fragment.querySelectorAll('table')) {
    if (table.parentElement?.classList.contains('table-scroll')) continue;
    const wrapper = document.createElement('div');
    wrapper.className = 'table-scroll';
    wrapper.tabIndex = 0;
    table.replaceWith(wrapper);
    wrapper.append(table);
  }
  return fragment;
}

/** Sanitises remote HTML into a fragment, ready to insert. */
export function sanitizeHtml(html: string): DocumentFragment {
  return scrollTables(configuredPurifier().sanitize(html, { RETURN_DOM_FRAGMENT: true }));
}

/**
 * Turns a string into a fragment once per distinct input: a re-render with the same input keeps
 * the nodes already in place (no second parse, no lost selection or image reload).
 */
export abstract class FragmentDirective extends Directive {
  private rendered = false;
  private last: string | null | undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error('kabar: safeHtml and markdown only work as element content');
  }

  protected abstract toFragment(source: string): DocumentFragment;

  render(source: string | null | undefined) {
    if (this.rendered && source === this.last) return noChange;
    this.rendered = true;
    this.last = source;
    return source ? this.toFragment(source) : nothing;
  }
}

class SafeHtmlDirective extends FragmentDirective {
  protected toFragment(source: string) {
    return sanitizeHtml(source);
  }
}

/** Renders remote HTML through the sanitiser; re-sanitises only when the input changes. */
export const safeHtml = directive(SafeHtmlDirective);
