/**
 * Shared by the sanitiser and markdown tests: payloads call `window.__xss(id)` if they ever run;
 * `mount` puts a fragment into the live document, pokes it the way a reader would (click, hover,
 * focus), waits for images and frames to settle, and `assertClean` walks what survived.
 */
import { expect } from '@open-wc/testing';

declare global {
  interface Window {
    __xss: (id: string) => void;
  }
}

/** Ids of payloads that ran; reset before each test. */
export const ran: string[] = [];
window.__xss = (id: string) => {
  ran.push(String(id));
};

const hosts: HTMLElement[] = [];

/** Removes what earlier tests mounted and forgets earlier runs. */
export function resetXss(): void {
  for (const host of hosts.splice(0)) host.remove();
  ran.length = 0;
}

const SAFE_SCHEMES = ['http:', 'https:', 'mailto:'];

function settled(element: Element): Promise<unknown> {
  if (element instanceof HTMLImageElement && !element.complete) {
    return new Promise((resolve) => {
      element.addEventListener('load', resolve, { once: true });
      element.addEventListener('error', resolve, { once: true });
    });
  }
  if (element instanceof HTMLIFrameElement || element instanceof HTMLObjectElement || element instanceof HTMLEmbedElement) {
    // These should never survive; if one does, let it load and run its payload, so the failure
    // names both the element and the payload.
    return new Promise((resolve) => {
      element.addEventListener('load', resolve, { once: true });
      element.addEventListener('error', resolve, { once: true });
    });
  }
  return Promise.resolve();
}

/**
 * One macrotask. Not requestAnimationFrame or setTimeout: the runner keeps several pages open and
 * a page in the background gets no frames and throttled timers, but messages still flow.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Inserts the fragment into the page, lets it do whatever it would do, and returns its host. */
export async function mount(fragment: DocumentFragment | Node): Promise<HTMLElement> {
  const host = document.createElement('div');
  // Links must not navigate the test page away, but a surviving javascript: URL is left to run,
  // so it would call its spy.
  host.addEventListener('click', (event) => {
    const link = (event.target as Element).closest('a, area');
    if (link && !/^\s*javascript:/i.test(link.getAttribute('href') ?? '')) event.preventDefault();
  });
  host.append(fragment);
  document.body.append(host);
  hosts.push(host);
  await Promise.all([...host.querySelectorAll('*')].map(settled));
  for (const element of host.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart', 'load', 'error'])
      element.dispatchEvent(new Event(type));
    if (element instanceof HTMLElement) element.click();
  }
  // javascript: navigations and late handlers run as tasks of their own.
  for (let i = 0; i < 5; i++) await nextTask();
  return host;
}

/** What may survive the sanitiser: tag -> attributes. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'target', 'rel'],
  img: ['src', 'srcset', 'alt', 'width', 'height'],
  abbr: ['title'],
  ol: ['start', 'reversed'],
  th: ['colspan', 'rowspan', 'scope', 'align'],
  td: ['colspan', 'rowspan', 'align'],
  // Only as the sanitiser's own scrolling wrapper around a table (checked below).
  div: ['class', 'tabindex'],
  ...Object.fromEntries(
    'p br hr span strong b em i u s del ins sub sup small mark q code pre blockquote ul li h2 h3 h4 h5 h6 figure figcaption table caption thead tbody tfoot tr'
      .split(' ')
      .map((tag) => [tag, []]),
  ),
};
const ANY_ELEMENT = ['dir', 'lang'];

function schemeOf(url: string): string {
  return new URL(url, document.baseURI).protocol;
}

/** Fails on any element or attribute outside the allow-list and on any unsafe URL. */
export function assertClean(root: ParentNode): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node as Element;
    if (root instanceof Element && element === root) continue;
    const tag = element.localName;
    expect(element.namespaceURI, `<${tag}> namespace`).to.equal('http://www.w3.org/1999/xhtml');
    expect(Object.keys(ALLOWED), `<${tag}> is not allowed`).to.include(tag);
    for (const { name, value } of element.attributes) {
      expect([...ALLOWED[tag], ...ANY_ELEMENT], `<${tag} ${name}="${value}">`).to.include(name);
    }
    if (tag === 'a' && element.hasAttribute('href')) {
      expect(SAFE_SCHEMES, `href ${element.getAttribute('href')}`).to.include(schemeOf(element.getAttribute('href')!));
      expect(element.getAttribute('rel')).to.equal('ugc nofollow noopener');
    }
    if (tag === 'div') {
      expect(element.className, '<div> other than a table wrapper').to.equal('table-scroll');
      expect(element.getAttribute('tabindex')).to.equal('0');
      expect([...element.children].map((child) => child.localName)).to.deep.equal(['table']);
    }
    if (tag === 'a' && element.hasAttribute('target')) expect(element.getAttribute('target')).to.equal('_blank');
    if (tag === 'img') {
      const urls = [element.getAttribute('src'), ...(element.getAttribute('srcset') ?? '').split(',').map((c) => c.trim().split(/\s+/)[0])];
      for (const url of urls.filter(Boolean)) expect(['http:', 'https:'], `image ${url}`).to.include(schemeOf(url!));
    }
  }
}

/** Mounts, then asserts that nothing ran and nothing dangerous is left. */
export async function expectHarmless(fragment: DocumentFragment): Promise<HTMLElement> {
  const host = await mount(fragment);
  expect(ran, 'payloads that ran').to.deep.equal([]);
  assertClean(host);
  return host;
}
