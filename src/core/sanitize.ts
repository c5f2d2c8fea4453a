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
import DOMPurify, { type DOMPurify as DOMPurifyInstance } from 'dompurify';
import { noChange, nothing } from 'lit';
import { Directive, PartType, directive, type PartInfo } from 'lit/directive.js';
import { configurePurifier, type UrlContext } from './allow-list.js';
import { kabarPolicy } from './trusted-types.js';
import { safeImageUrl, safeUrl } from './url.js';

export { TRUSTED_TYPES_POLICY_NAME } from './trusted-types.js';
export { htmlToText } from './text.js';
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

let purifier: DOMPurifyInstance | undefined;
function configuredPurifier(): DOMPurifyInstance {
  if (!purifier) {
    // Created on first use, not at import, so a page that never renders remote HTML never asks
    // for the policy, and the module imports on a server, which has no window.
    purifier = DOMPurify(window);
    const policy = kabarPolicy();
    configurePurifier(purifier, PAGE_URLS, policy ? { RETURN_DOM_FRAGMENT: true, TRUSTED_TYPES_POLICY: policy } : { RETURN_DOM_FRAGMENT: true });
  }
  return purifier;
}

/** Sanitises remote HTML into a fragment, ready to insert. */
export function sanitizeHtml(html: string): DocumentFragment {
  return configuredPurifier().sanitize(html, { RETURN_DOM_FRAGMENT: true });
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
