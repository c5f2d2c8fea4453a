/**
 * The one place where HTML from outside (WordPress titles, excerpts, comments, the server's
 * `body_html`, rendered markdown) becomes DOM, with Kabar's allow-list (allow-list.ts) on one of
 * two engines:
 *
 * - the browser's own HTML Sanitizer API, where `Document.parseHTML` exists (Chromium 146+,
 *   Firefox 148+; Chromium 105–118 had an older `setHTML` with another meaning, hence this test).
 *   It parses into an inert document and removes what is never safe; our own pass over the result
 *   then applies the allow-list, the URL checks and `rel`/`target`, as the DOMPurify hooks do.
 *   No Trusted Types policy is needed: parseHTML is not a sink.
 * - a dedicated DOMPurify instance elsewhere (Safari), so a host page's own DOMPurify (its config
 *   and hooks) is never touched and ours never leaks out. The feature files load it as a lazy
 *   module beside them (`kabar-purify.js`) only on such browsers; `kabar.js` carries it.
 *
 * Trusted Types (DOMPurify path): DOMPurify parses with DOMParser, a Trusted Types sink. We hand
 * it our own policy, named `kabar`, instead of letting it create its default `dompurify` policy,
 * so a host page that uses DOMPurify itself does not collide with us on the policy name. The
 * bundle therefore needs `trusted-types lit-html kabar` (Lit creates `lit-html`). If the page does
 * not allow `kabar` but allows `dompurify`, we fall back to DOMPurify's own policy; if it allows
 * neither, parsing fails closed and nothing is rendered.
 */
import type { DOMPurify as DOMPurifyInstance } from 'dompurify';
import { noChange, nothing } from 'lit';
import { AsyncDirective, PartType, directive, type PartInfo } from 'lit/async-directive.js';
import { ALLOWED_TAGS, ATTRIBUTES, attributeAllowed, checkedAttribute, configurePurifier, FORBID_CONTENTS, FORBID_TAGS, GLOBAL_ATTRIBUTES, HTML_NAMESPACE, markLink, type UrlContext } from './allow-list.js';
import { loadPurify } from './lazy.js';
import { kabarPolicy } from './trusted-types.js';
import { safeImageUrl, safeUrl } from './url.js';

export { TRUSTED_TYPES_POLICY_NAME } from './trusted-types.js';
import { htmlToText } from './text.js';

export { htmlToText };
export { safeImageUrl, safeUrl };

/** URLs judged against the page that shows them, read when judged. */
const PAGE_URLS: UrlContext = {
  get base() {
    return document.baseURI;
  },
  get pageProtocol() {
    return location.protocol;
  },
};

interface SanitizerDocument {
  parseHTML(html: string, options: { sanitizer: object }): Document;
}

/** The native Sanitizer API, when the browser has the current one; read each time (a test may take it away). */
const nativeParser = (): SanitizerDocument | undefined => {
  const parser = Document as unknown as Partial<SanitizerDocument>;
  return typeof parser.parseHTML === 'function' ? (parser as SanitizerDocument) : undefined;
};

/**
 * HTML elements outside the allow-list whose words are kept (their tags go), as DOMPurify's
 * KEEP_CONTENT keeps them. The native sanitiser drops an element it is not told about together
 * with its content, so elements no standard names (custom tags) lose their text on this path.
 */
const UNWRAPPED = [
  'address', 'article', 'aside', 'bdi', 'bdo', 'big', 'center', 'cite', 'data', 'dd', 'details', 'dfn', 'div', 'dl', 'dt',
  'font', 'footer', 'h1', 'header', 'hgroup', 'kbd', 'label', 'legend', 'fieldset', 'main', 'marquee', 'nav', 'nobr', 'output',
  'picture', 'rp', 'rt', 'ruby', 'samp', 'section', 'summary', 'time', 'tt', 'var', 'wbr', 'blink', 'menu', 'search',
];

/**
 * The native sanitiser's allow-list: Kabar's elements with their attributes, plus the document's
 * own. (An allow-list, not a list of removals: Chromium 156 crashes removing a marquee's `onstart`
 * or `onfinish` under a removal list.) Our pass over the result then checks URLs, rel and target.
 */
const NATIVE_CONFIG = {
  elements: [...['html', 'head', 'body'], ...ALLOWED_TAGS.map((name) => ({ name, attributes: [...(ATTRIBUTES[name] ?? [])] }))],
  replaceWithChildrenElements: [...new Set(UNWRAPPED)],
  attributes: [...GLOBAL_ATTRIBUTES],
  comments: false,
};

/** SAFE_FOR_XML's rule: an attribute value that could close a comment or a raw-text element goes. */
const XML_BREAKOUT = /((--!?|])>)|<\/(style|title)/i;

const ALLOWED = new Set(ALLOWED_TAGS.filter((tag) => !FORBID_TAGS.includes(tag)));
const DROPPED_WHOLE = new Set(FORBID_CONTENTS);

/** Our pass over the native result: the same elements, attributes and URLs DOMPurify keeps. */
function applyAllowList(parent: Node, urls: UrlContext): void {
  for (let child = parent.firstChild, next: ChildNode | null; child; child = next) {
    next = child.nextSibling;
    if (child.nodeType === Node.TEXT_NODE) continue;
    if (child.nodeType !== Node.ELEMENT_NODE) {
      child.remove();
      continue;
    }
    const element = child as Element;
    const tag = element.localName;
    if (element.namespaceURI !== HTML_NAMESPACE || DROPPED_WHOLE.has(tag)) {
      element.remove();
      continue;
    }
    if (element.firstChild) applyAllowList(element, urls);
    if (!ALLOWED.has(tag)) {
      // Unknown elements keep their words, as DOMPurify's KEEP_CONTENT does.
      element.replaceWith(...element.childNodes);
      continue;
    }
    if (element.hasAttributes()) {
      for (const { name, value } of [...element.attributes]) {
        const kept = attributeAllowed(tag, name) && !XML_BREAKOUT.test(value) ? checkedAttribute(name, value, urls) : undefined;
        if (kept === undefined) element.removeAttribute(name);
        else if (kept !== value) element.setAttribute(name, kept);
      }
    }
    markLink(element);
  }
}

function sanitizeNatively(parser: SanitizerDocument, html: string): DocumentFragment {
  const body = parser.parseHTML(html, { sanitizer: NATIVE_CONFIG }).body;
  // Read once per text, not once per link.
  applyAllowList(body, { base: document.baseURI, pageProtocol: location.protocol });
  const fragment = document.createDocumentFragment();
  // A snapshot first: adopting a node takes it out of the live childNodes list.
  fragment.append(...[...body.childNodes].map((node) => document.adoptNode(node)));
  return fragment;
}

let purifier: DOMPurifyInstance | undefined;
let purifierLoading: Promise<void> | undefined;

/**
 * Resolves once this page can sanitise: at once with the native sanitiser; otherwise when
 * DOMPurify has loaded and been given Kabar's rules. Created on first use, not at import, so a
 * page that never renders remote HTML never asks for the policy or the module.
 */
export function sanitizerReady(): Promise<void> {
  if (nativeParser() || purifier) return Promise.resolve();
  purifierLoading ??= loadPurify().then(
    (createPurifier) => {
      const instance = createPurifier(window);
      const policy = kabarPolicy();
      configurePurifier(instance, PAGE_URLS, policy ? { RETURN_DOM_FRAGMENT: true, TRUSTED_TYPES_POLICY: policy } : { RETURN_DOM_FRAGMENT: true });
      purifier = instance;
    },
    (error: unknown) => {
      purifierLoading = undefined;
      throw error;
    },
  );
  return purifierLoading;
}

/** Whether `sanitizeHtml` can run now, without waiting for `sanitizerReady()`. */
export const sanitizerIsReady = (): boolean => !!nativeParser() || !!purifier;

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

/** Sanitises remote HTML into a fragment, ready to insert. Throws until `sanitizerReady()` has resolved on a browser without the native sanitiser. */
export function sanitizeHtml(html: string): DocumentFragment {
  const parser = nativeParser();
  if (parser) return scrollTables(sanitizeNatively(parser, html));
  if (!purifier) throw new Error('kabar: the sanitiser is still loading (await sanitizerReady())');
  return scrollTables(purifier.sanitize(html, { RETURN_DOM_FRAGMENT: true }));
}

/**
 * Turns a string into a fragment once per distinct input: a re-render with the same input keeps
 * the nodes already in place (no second parse, no lost selection or image reload). When what
 * makes the fragment is still loading (DOMPurify on Safari, the markdown parser), the part shows
 * `pending(source)` meanwhile and the fragment as soon as it can.
 */
export abstract class FragmentDirective extends AsyncDirective {
  private rendered = false;
  private last: string | null | undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error('kabar: safeHtml and markdown only work as element content');
  }

  protected abstract toFragment(source: string): DocumentFragment;
  /** True when `toFragment` can run now (by default: when the sanitiser can). */
  protected isReady(): boolean {
    return sanitizerIsReady();
  }
  /** Resolves when `toFragment` can run. */
  protected whenReady(): Promise<unknown> {
    return sanitizerReady();
  }
  /** What shows while loading: the words of the HTML, as text (formatted once the sanitiser is there). */
  protected pending(source: string): unknown {
    return htmlToText(source);
  }

  render(source: string | null | undefined) {
    if (this.rendered && source === this.last) return noChange;
    this.rendered = true;
    this.last = source;
    if (!source) return nothing;
    if (this.isReady()) return this.toFragment(source);
    this.whenReady().then(
      () => {
        if (this.last === source) this.setValue(this.toFragment(source));
      },
      (error: unknown) => {
        console.warn('kabar: a module for showing remote text could not load.', error);
      },
    );
    return this.pending(source);
  }
}

class SafeHtmlDirective extends FragmentDirective {
  protected toFragment(source: string) {
    return sanitizeHtml(source);
  }
}

/** Renders remote HTML through the sanitiser; re-sanitises only when the input changes. */
export const safeHtml = directive(SafeHtmlDirective);
