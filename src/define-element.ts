/**
 * The guarded define, shared by `kabar.js` and the feature files.
 *
 * Every Kabar file carries its own copy of the classes it defines, so on a page that loads
 * `kabar-feed.js` and `kabar.js` two different classes reach for `<kabar-article-feed>`. Kabar
 * calls two classes "the same" when both come from a Kabar build of the same version: the
 * code is the same, so the first copy wins and the later one is skipped quietly. A tag held
 * by another Kabar version, by another library, or by a development build is left in place and
 * warned about once per page; nothing ever throws.
 */

/** Replaced with the package version when the files are built; development builds say `dev`. */
declare const __KABAR_VERSION__: string | undefined;
export const VERSION: string = typeof __KABAR_VERSION__ === 'string' ? __KABAR_VERSION__ : 'dev';

/** A registry-wide mark (Symbol.for is shared by every script on the page) naming the version that defined a class. */
const BRAND = Symbol.for('kabar.version');

/** Defines a tag unless it is taken; see the module comment for when a taken tag is warned about. */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  // On a server (Node, an SSR framework's server build) there is nothing to define. Lit's Node
  // build puts a stand-in customElements there, hence the check for a document as well.
  if (typeof customElements === 'undefined' || typeof document === 'undefined') return;
  const existing = customElements.get(tag);
  if (existing === constructor) return;
  if (existing) {
    const other = (existing as unknown as Record<symbol, string | undefined>)[BRAND];
    if (VERSION === 'dev' || other !== VERSION) warnOnce(tag, other);
    return;
  }
  Object.defineProperty(constructor, BRAND, { value: VERSION });
  customElements.define(tag, constructor);
}

function warnOnce(tag: string, other: string | undefined): void {
  const flag = '__kabarDuplicateWarned';
  const page = globalThis as unknown as Record<string, boolean>;
  if (page[flag]) return;
  page[flag] = true;
  const holder = other ? `Kabar ${other}` : 'another script';
  console.warn(
    `kabar: <${tag}> is already defined by ${holder}; Kabar ${VERSION} leaves it in place. Load one version of Kabar per page.`,
  );
}

/** Defines each tag of a map of tag names to classes. */
export function defineElements(elements: Readonly<Record<string, CustomElementConstructor>>): void {
  for (const [tag, constructor] of Object.entries(elements)) defineElement(tag, constructor);
}
