/**
 * The DOM toolkit of the element tests: lookups inside a shadow root, typing
 * and leaving fields the way the browser reports them, and waiting a task.
 */

type Rendering = Element & { updateComplete?: Promise<unknown> };

export function $(el: Element, selector: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(selector);
}

export function $$(el: Element, selector: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

/** The text of a node with its whitespace folded, as a reader sees it. */
export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Types into a field the way the browser reports it: the value, then a bubbling `input`. */
export async function typeInto(el: Rendering, id: string, value: string): Promise<void> {
  const field = $(el, `#${id}`) as HTMLInputElement | HTMLTextAreaElement;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/**
 * Focus moves into the field and out again. A page running in the background
 * (another test file has the window) moves focus without focus events, so the
 * `blur` and `focusout` a reader's Tab would cause are sent when none came.
 */
export async function leave(el: Rendering, id: string): Promise<void> {
  const field = $(el, `#${id}`)!;
  let left = false;
  const note = () => (left = true);
  field.addEventListener('focusout', note, { once: true });
  field.focus();
  field.blur();
  field.removeEventListener('focusout', note);
  if (!left) {
    field.dispatchEvent(new FocusEvent('blur'));
    field.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
  }
  await el.updateComplete;
}

/**
 * One macrotask. A message, not `setTimeout`: a page running in the background
 * (another test file has the focus) gets its timers throttled to one a second.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(undefined);
  });
}

/** Lets pending promises (a send, a photo check) run and the element re-render. */
export async function settle(el: Rendering, rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await nextTask();
    await el.updateComplete;
  }
}

/** Whether the page author's fallback link is on screen (slotted into a rendered slot). */
export function fallbackShown(el: Element): boolean {
  const link = el.querySelector('a');
  return !!link && !!el.firstElementChild?.assignedSlot && link.getBoundingClientRect().height > 0;
}
