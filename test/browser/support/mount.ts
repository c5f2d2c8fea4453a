import { render, type TemplateResult } from 'lit';

/**
 * Puts a template into the page and waits for the Kabar elements in it to
 * render. Unlike `fixture()` on a plain element it never waits for an
 * animation frame, which a test page running in a background tab does not get.
 */
const mounted: HTMLElement[] = [];

export async function mount<T extends Element = HTMLElement>(template: TemplateResult): Promise<T> {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  for (const el of container.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('*')) await el.updateComplete;
  return container.firstElementChild as T;
}

afterEach(() => {
  for (const container of mounted.splice(0)) container.remove();
});
