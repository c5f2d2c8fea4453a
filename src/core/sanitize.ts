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
import DOMPurify, { type Config } from 'dompurify';
import { noChange, nothing } from 'lit';
import { Directive, PartType, directive, type PartInfo } from 'lit/directive.js';
import type { TrustedTypePolicy, TrustedTypesWindow } from 'trusted-types/lib/index.js';

/** The Trusted Types policy name the embedding page must allow (besides Lit's `lit-html`). */
export const TRUSTED_TYPES_POLICY_NAME = 'kabar';

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

const purifier = DOMPurify(window);

purifier.addHook('uponSanitizeAttribute', (node, event) => {
  const tag = node.nodeName.toLowerCase();
  const name = event.attrName;
  if (!GLOBAL_ATTRIBUTES.includes(name) && !ATTRIBUTES[tag]?.includes(name)) {
    event.keepAttr = false;
    return;
  }
  const value = checkedAttribute(name, event.attrValue);
  if (value === undefined) event.keepAttr = false;
  else event.attrValue = value;
});

purifier.addHook('afterSanitizeAttributes', (node) => {
  // rel is never taken from the input: every surviving link is marked as reader content and
  // opens without a window.opener, whether or not it has target=_blank.
  if (node.nodeName === 'A' && node.hasAttribute('href')) node.setAttribute('rel', READER_LINK_REL);
});

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
  const candidates: string[] = [];
  for (const candidate of value.split(',')) {
    const [url, descriptor, ...rest] = candidate.trim().split(/\s+/);
    const safe = safeImageUrl(url);
    if (!safe || rest.length || (descriptor !== undefined && !/^\d+(?:\.\d+)?[wx]$/.test(descriptor))) return undefined;
    candidates.push(descriptor ? `${safe} ${descriptor}` : safe);
  }
  return candidates.join(', ');
}

let configured = false;
function configuredPurifier() {
  if (!configured) {
    // Created on first use, not at import, so a page that never renders remote HTML never asks
    // for the policy.
    const policy = createPolicy();
    purifier.setConfig(policy ? { ...CONFIG, TRUSTED_TYPES_POLICY: policy } : CONFIG);
    configured = true;
  }
  return purifier;
}

function createPolicy(): TrustedTypePolicy | undefined {
  const factory = (window as unknown as TrustedTypesWindow).trustedTypes;
  if (!factory) return undefined;
  try {
    const policy = factory.createPolicy(TRUSTED_TYPES_POLICY_NAME, {
      // Only DOMPurify sees this policy, and it only feeds the string to DOMParser, whose
      // document is inert: the markup is sanitised before any node reaches the page.
      createHTML: (html: string) => html,
      // DOMPurify asks for script URLs only for attributes like <script src>, which the
      // allow-list never keeps; refuse rather than bless anything.
      createScriptURL: () => {
        throw new TypeError('kabar: no script URLs from remote content');
      },
    });
    // DOMPurify's type asks for a full policy; it calls only these two methods.
    return policy as unknown as TrustedTypePolicy;
  } catch {
    return undefined;
  }
}

/** Sanitises remote HTML into a fragment, ready to insert. */
export function sanitizeHtml(html: string): DocumentFragment {
  return configuredPurifier().sanitize(html, { RETURN_DOM_FRAGMENT: true });
}

/** Elements whose edges separate words when HTML is read as text. */
const WORD_BREAKS = new Set(['BR', 'P', 'LI', 'TD', 'TH', 'TR', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'FIGCAPTION', 'HR']);

function textOf(node: Node): string {
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) text += child.nodeValue ?? '';
    else if (child.nodeName === 'IMG') text += (child as HTMLImageElement).alt;
    else if (WORD_BREAKS.has(child.nodeName)) text += ` ${textOf(child)} `;
    else text += textOf(child);
  }
  return text;
}

/** Collapses runs of ASCII whitespace; a no-break space is kept, it was put there on purpose. */
function collapse(text: string): string {
  return text.replace(/[\t\n\f\r ]+/g, ' ').trim();
}

/**
 * Decodes HTML (entities and all) to plain text, running nothing: the markup is parsed in an
 * inert document and sanitised, script and style contents are dropped, images give their alt text.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapse(html);
  return collapse(textOf(sanitizeHtml(html)));
}

/** A URL safe for `href`: http, https or mailto, made absolute; anything else gives undefined. */
export function safeUrl(url: string | undefined | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, document.baseURI);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A URL safe to load as an image: https, or http only when the page itself is not on https (a
 * plain-http image on an https page is mixed content). Never data:, javascript: or mailto:.
 */
export function safeImageUrl(url: string | undefined | null, pageProtocol: string = location.protocol): string | undefined {
  const safe = safeUrl(url);
  if (!safe || safe.startsWith('mailto:')) return undefined;
  if (safe.startsWith('http:') && pageProtocol === 'https:') return undefined;
  return safe;
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
