/**
 * What axe cannot see, measured on the rendered elements: the size and spacing of targets
 * (WCAG 2.5.8), text spacing (1.4.12), forced colours and the focus indicator (2.4.7, 2.4.11).
 * Each check walks the shadow roots of the Kabar elements on the page and returns a line per
 * problem, naming the element, so a failing test says what broke.
 */

/** The shadow roots of the Kabar elements under `root`, nested ones included. */
export function kabarRoots(root: ParentNode = document): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (!el.shadowRoot) continue;
    if (el.localName.startsWith('kabar-')) roots.push(el.shadowRoot);
    roots.push(...kabarRoots(el.shadowRoot).filter((nested) => !roots.includes(nested)));
  }
  return roots;
}

/** Every element inside those shadow roots. */
export function shadowElements(root: ParentNode = document): Element[] {
  return kabarRoots(root).flatMap((shadow) => [...shadow.querySelectorAll('*')]);
}

/** `host>>tag#id.class`, enough to find the element in a failure message. */
export function describe(el: Element): string {
  const host = (el.getRootNode() as ShadowRoot).host?.localName ?? 'document';
  const id = el.id ? `#${el.id}` : '';
  const classes = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
  const part = el.getAttribute('part');
  return `${host}>>${el.localName}${id}${classes}${part ? `[part="${part}"]` : ''}`;
}

const INTERACTIVE = 'a[href], button, input:not([type="hidden"]), select, textarea, label, [tabindex]:not([tabindex="-1"])';

/** Drawn and there to touch: not hidden, not a one-pixel visually-hidden text, not left out for assistive technology. */
function shown(el: Element): boolean {
  const box = el.getBoundingClientRect();
  if (box.width <= 1 || box.height <= 1) return false;
  if (getComputedStyle(el).visibility === 'hidden') return false;
  return !el.closest('[aria-hidden="true"]');
}

/** The interactive elements a reader can see inside the Kabar elements. */
export function targets(root: ParentNode = document): Element[] {
  return shadowElements(root).filter((el) => el.matches(INTERACTIVE) && shown(el));
}

/** A link inside a sentence (its block has text of its own), which WCAG 2.5.8 leaves to the line height. */
function inSentence(el: Element): boolean {
  if (el.localName !== 'a') return false;
  const block = el.parentElement;
  if (!block || getComputedStyle(el).display !== 'inline') return false;
  const own = (el.textContent ?? '').trim().length;
  return (block.textContent ?? '').trim().length > own + 3;
}

/** The same target: one holds the other, or a label and its control. */
function sameTarget(a: Element, b: Element): boolean {
  if (a.contains(b) || b.contains(a)) return true;
  const labels = (el: Element) => [...((el as HTMLInputElement).labels ?? [])];
  return labels(a).includes(b as HTMLLabelElement) || labels(b).includes(a as HTMLLabelElement);
}

function distanceToRect(x: number, y: number, box: DOMRect): number {
  const dx = Math.max(box.left - x, 0, x - box.right);
  const dy = Math.max(box.top - y, 0, y - box.bottom);
  return Math.hypot(dx, dy);
}

/**
 * Targets smaller than 24 x 24 CSS px without the spacing exception: a 24 px circle centred on
 * each must touch no other target and no other small target's circle (WCAG 2.5.8). Links
 * inside sentences are left out, as the criterion leaves them.
 */
export function undersizedTargets(root: ParentNode = document): string[] {
  const all = targets(root).map((el) => ({ el, box: el.getBoundingClientRect() }));
  const small = all.filter(({ el, box }) => (box.width < 24 - 0.01 || box.height < 24 - 0.01) && !inSentence(el));
  const problems: string[] = [];
  for (const { el, box } of small) {
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const crowded = all.find(({ el: other, box: otherBox }) => {
      if (sameTarget(el, other)) return false;
      if (distanceToRect(x, y, otherBox) < 12 - 0.01) return true;
      const otherSmall = small.some((entry) => entry.el === other);
      return otherSmall && Math.hypot(otherBox.left + otherBox.width / 2 - x, otherBox.top + otherBox.height / 2 - y) < 24 - 0.01;
    });
    if (crowded) problems.push(`${describe(el)} is ${Math.round(box.width)} x ${Math.round(box.height)} px, ${describe(crowded.el)} within its 24 px circle`);
  }
  return problems;
}

/**
 * Checkboxes and radios whose target (the control and its labels) is not thumb-sized,
 * 44 x 44 CSS px, as GOV.UK draws them.
 */
export function smallChoices(root: ParentNode = document, least = 44): string[] {
  const controls = shadowElements(root).filter((el): el is HTMLInputElement => el.matches('input[type="checkbox"], input[type="radio"]') && shown(el));
  return controls.flatMap((input) => {
    const boxes = [input, ...(input.labels ?? [])].map((el) => el.getBoundingClientRect());
    const top = Math.min(...boxes.map((b) => b.top));
    const bottom = Math.max(...boxes.map((b) => b.bottom));
    const left = Math.min(...boxes.map((b) => b.left));
    const right = Math.max(...boxes.map((b) => b.right));
    const height = bottom - top;
    const width = right - left;
    return height + 0.5 < least || width + 0.5 < least ? [`${describe(input)}: its target is ${Math.round(width)} x ${Math.round(height)} px`] : [];
  });
}

/** WCAG 1.4.12's overrides: line height 1.5, paragraphs 2 em apart, letters 0.12 em, words 0.16 em. */
export const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;

/** Applies the overrides inside every Kabar shadow root and on the page, as a reader's bookmarklet or extension would. */
export function applyTextSpacing(root: ParentNode = document): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(TEXT_SPACING);
  const holders: Array<Document | ShadowRoot> = [document, ...kabarRoots(root)];
  for (const holder of holders) holder.adoptedStyleSheets = [...holder.adoptedStyleSheets, sheet];
  return () => {
    for (const holder of holders) holder.adoptedStyleSheets = holder.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}

const clips = (value: string) => value === 'hidden' || value === 'clip';

/**
 * Text that no longer fits where it is drawn: a box that clips its overflow and has more to
 * show than it has room for, and text that overlaps other text or a control.
 */
export function lostOrOverlappingText(root: ParentNode = document): string[] {
  const problems: string[] = [];
  const elements = shadowElements(root).filter(shown);
  for (const el of elements) {
    const style = getComputedStyle(el);
    const hasText = (el.textContent ?? '').trim() !== '';
    if (!hasText) continue;
    if (clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1) problems.push(`${describe(el)} cuts off text: ${el.scrollHeight} px of text in ${el.clientHeight} px`);
    else if (clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1) problems.push(`${describe(el)} cuts off text: ${el.scrollWidth} px of text in ${el.clientWidth} px`);
  }

  // Every line of text, and every control that text must not run into.
  const lines: Array<{ owner: Element; box: DOMRect }> = [];
  for (const shadow of kabarRoots(root)) {
    const walker = document.createTreeWalker(shadow, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const owner = node.parentElement;
      if (!owner || !(node.textContent ?? '').trim() || !shown(owner)) continue;
      if (owner.closest('textarea, select, option, style')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const box of range.getClientRects()) if (box.width > 0.5 && box.height > 0.5) lines.push({ owner, box });
    }
  }
  const controls = elements.filter((el) => el.matches('input:not([type="checkbox"], [type="radio"]), select, textarea') && getComputedStyle(el).opacity !== '0');
  const overlap = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      if (lines[i].owner === lines[j].owner) continue;
      if (overlap(lines[i].box, lines[j].box)) problems.push(`text of ${describe(lines[i].owner)} overlaps text of ${describe(lines[j].owner)}`);
    }
    for (const control of controls) {
      if (control.contains(lines[i].owner)) continue;
      if (overlap(lines[i].box, control.getBoundingClientRect())) problems.push(`text of ${describe(lines[i].owner)} overlaps ${describe(control)}`);
    }
  }
  return [...new Set(problems)];
}

/** The element that has focus, through every shadow root. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The element itself or the nearest ancestor in its shadow root that draws an outline. */
function outlined(el: Element): Element | undefined {
  for (let at: Element | null = el; at; at = at.parentElement) {
    const style = getComputedStyle(at);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.opacity !== '0') return at;
  }
  return undefined;
}

/**
 * What is wrong with the focus on `el`: no outline of at least 2 px on it or around it, an
 * outline in the colour of what is behind it, or the element out of view or covered by
 * another part of the widget.
 */
export function focusProblems(el: Element): string[] {
  const problems: string[] = [];
  const ring = outlined(el);
  if (!ring) problems.push(`${describe(el)} has focus but shows no focus indicator`);
  else {
    const style = getComputedStyle(ring);
    const behind = backgroundBehind(ring);
    if (style.outlineColor === behind) problems.push(`${describe(el)}: its focus outline (${style.outlineColor}) is the colour behind it`);
  }
  const seen = getComputedStyle(el).opacity === '0' ? el.parentElement! : el;
  const box = seen.getBoundingClientRect();
  if (box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth) problems.push(`${describe(el)} has focus out of view`);
  else {
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 12), 0), innerHeight - 1);
    const top = (el.getRootNode() as ShadowRoot | Document).elementFromPoint(x, y);
    const labels = [...((el as HTMLInputElement).labels ?? [])];
    if (top && !(top === el || el.contains(top) || top.contains(el) || labels.includes(top as HTMLLabelElement) || seen.contains(top)))
      problems.push(`${describe(el)} has focus but ${describe(top)} covers it`);
  }
  return problems;
}

/** No paint: `transparent`, or any colour with alpha 0 (forced colours keep the alpha of the colour they replace). */
const transparent = (colour: string) => colour === 'transparent' || /^rgba\(.*,\s*0\)$/.test(colour);

/** The colour painted behind `el`: the first ancestor (across shadow roots) with a background. */
export function backgroundBehind(el: Element): string {
  for (let at: Element | null = el.parentElement ?? (el.getRootNode() as ShadowRoot).host ?? null; at; ) {
    const colour = getComputedStyle(at).backgroundColor;
    if (!transparent(colour)) return colour;
    at = at.parentElement ?? (at.getRootNode() as ShadowRoot).host ?? null;
  }
  return getComputedStyle(document.documentElement).backgroundColor;
}

/** Whether `el` can be told from what is behind it without its background colour: a border, or a background of its own that differs. */
export function drawsItsEdge(el: Element): boolean {
  const style = getComputedStyle(el);
  const sides = ['Top', 'Right', 'Bottom', 'Left'] as const;
  const behind = backgroundBehind(el);
  const border = sides.some(
    (side) =>
      style.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none' &&
      parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) >= 1 &&
      style.getPropertyValue(`border-${side.toLowerCase()}-color`) !== behind,
  );
  const background = !transparent(style.backgroundColor) && style.backgroundColor !== behind;
  return border || background;
}

/** What the system colours resolve to in forced colours, as computed colour values. */
export function systemColours(): Set<string> {
  const probe = document.createElement('span');
  document.body.append(probe);
  const names = ['Canvas', 'CanvasText', 'LinkText', 'VisitedText', 'ActiveText', 'ButtonFace', 'ButtonText', 'ButtonBorder', 'Field', 'FieldText', 'Highlight', 'HighlightText', 'SelectedItem', 'SelectedItemText', 'Mark', 'MarkText', 'GrayText', 'AccentColor', 'AccentColorText'];
  const colours = new Set<string>();
  for (const colour of names) {
    probe.style.color = colour;
    colours.add(getComputedStyle(probe).color);
  }
  probe.remove();
  return colours;
}

/** How a state is drawn, in what forced colours keep: the text's and the background's colour. */
export function stateLook(el: Element): string {
  const style = getComputedStyle(el);
  return `${style.color} on ${transparent(style.backgroundColor) ? backgroundBehind(el) : style.backgroundColor}`;
}
