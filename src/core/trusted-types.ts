import type { TrustedTypePolicy, TrustedTypesWindow } from 'trusted-types/lib/index.js';

/** The Trusted Types policy name the embedding page must allow (besides Lit's `lit-html`). */
export const TRUSTED_TYPES_POLICY_NAME = 'kabar';

/**
 * One policy per page, shared by every Kabar file on it through a registry-wide symbol: a page
 * that loads `kabar-feed.js` and `kabar-comments.js` creates `kabar` once, as its CSP (without
 * 'allow-duplicates') demands.
 */
const SHARED = Symbol.for('kabar.trustedTypesPolicy');

/**
 * The `kabar` policy, created on first use (a page that never parses remote HTML never asks for
 * it), or undefined when the browser has no Trusted Types or the page does not allow the name.
 */
export function kabarPolicy(): TrustedTypePolicy | undefined {
  const page = globalThis as unknown as Record<symbol, TrustedTypePolicy | null | undefined>;
  if (page[SHARED] === undefined) page[SHARED] = createPolicy() ?? null;
  return page[SHARED] ?? undefined;
}

function createPolicy(): TrustedTypePolicy | undefined {
  const factory = (window as unknown as TrustedTypesWindow).trustedTypes;
  if (!factory) return undefined;
  try {
    const policy = factory.createPolicy(TRUSTED_TYPES_POLICY_NAME, {
      // Only the parsers of sanitize.ts and text.ts see this policy, and both feed the string to
      // DOMParser, whose document is inert: nothing from it reaches the page as markup.
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
