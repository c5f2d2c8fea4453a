/**
 * `HTMLElement`, or a stand-in class where there is none (Node, an SSR framework's server
 * build), so that a module declaring an element can be imported there without throwing. Lit
 * does the same for its own elements in its Node build.
 */
export const HTMLElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;
