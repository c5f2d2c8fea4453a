import type { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';

const HEADINGS = 'h1,h2,h3,h4,h5,h6,[role="heading"]';

/** The level of a heading element: its `aria-level` when set, else `h3` is 3 (default 2). */
function levelOf(element: Element): number {
  const tag = /^h([1-6])$/i.exec(element.localName);
  return Number(element.getAttribute('aria-level')) || (tag ? Number(tag[1]) : 2);
}

/** The last heading inside `node`, its own open shadow root included, or the node itself. */
function lastHeadingIn(node: Element): Element | undefined {
  const inShadow = node.shadowRoot ? [...node.shadowRoot.querySelectorAll(HEADINGS)].pop() : undefined;
  const inLight = [...node.querySelectorAll(HEADINGS)].pop();
  return inShadow ?? inLight ?? (node.matches(HEADINGS) ? node : undefined);
}

/**
 * The level of the nearest heading before `element` in the document, walking
 * back through its siblings and ancestors and out of the shadow roots it sits
 * in; undefined when there is none.
 */
export function precedingHeadingLevel(element: Element): number | undefined {
  let node: Element | null = element;
  while (node) {
    for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      const heading = lastHeadingIn(sibling);
      if (heading) return levelOf(heading);
    }
    const parent: Element | null = node.parentElement;
    if (parent) {
      if (parent.matches(HEADINGS)) return levelOf(parent);
      node = parent;
    } else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return undefined;
}

/** A heading level clamped to 1–6 (2 when it is no number). */
export function clampLevel(level: number): number {
  return Math.min(6, Math.max(1, Math.round(level) || 2));
}

export interface HeadingLevel {
  headingLevel?: number;
  /** The level the element's own top headings use. */
  readonly topHeadingLevel: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base constructor must take any arguments.
type Constructor<T> = new (...args: any[]) => T;

/**
 * Adds `heading-level`: the level of the element's own headings (card titles,
 * a thread's heading). A widget cannot know the page it sits in, so by default
 * it takes one level below the nearest heading before it, or 2 when there is none.
 */
export function WithHeadingLevel<T extends Constructor<LitElement>>(Base: T): Constructor<HeadingLevel> & T {
  class HeadingLevelElement extends Base implements HeadingLevel {
    /** Level (1–6) of the element's own headings; default one below the page's heading before it, or 2. */
    @property({ type: Number, attribute: 'heading-level' }) headingLevel?: number;

    @state() private pageLevel = 2;

    override connectedCallback(): void {
      super.connectedCallback();
      // Where the element now sits decides, so a move in the page is followed.
      this.pageLevel = Math.min(6, (precedingHeadingLevel(this) ?? 1) + 1);
    }

    get topHeadingLevel(): number {
      const own = Math.round(Number(this.headingLevel));
      return own >= 1 && own <= 6 ? own : this.pageLevel;
    }
  }
  return HeadingLevelElement;
}
