/**
 * What the reach tests share: a partner's pages embedding each element from the real server
 * (another origin, not localhost), a record of what the elements' live regions said, and a
 * Tab key that goes on until focus reaches a given control.
 */
import { after, before } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startServer, type RunningServer } from './harness.js';
import { partnerSite, type PartnerSite } from './partner.js';

/** The partner's page at `path` (`/feed`, `/story`, `/article`, `/all`), using `server`. */
export function partnerPage(server: RunningServer, path: string): string {
  const feed = `<kabar-article-feed theme="auto" id="pages" backend="${server.apiUrl}" paging="pages" per-page="3" show-categories></kabar-article-feed>
<kabar-article-feed theme="auto" id="more" backend="${server.apiUrl}" per-page="3" layout="list"></kabar-article-feed>`;
  const story = `<kabar-story-form theme="auto" backend="${server.apiUrl}" privacy-url="/privasi"></kabar-story-form>`;
  const comments = `<kabar-comment-box theme="auto" loading="eager" backend="${server.apiUrl}" thread="/artikel/bank-sampah-rw-05-sukamaju"></kabar-comment-box>`;
  const count = `<p>Sudah ada <kabar-comment-count theme="auto" backend="${server.apiUrl}" thread="/artikel/bank-sampah-rw-05-sukamaju" href="#komentar">komentar</kabar-comment-count> warga.</p>`;
  const body = { '/feed': feed, '/story': story, '/article': `${count}${comments}`, '/all': `${feed}${story}${count}${comments}` }[path] ?? '';
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mitra warga</title><script type="module" src="${server.url}/kabar.js"></script>
<style>body { margin: 0 auto; max-width: 48rem; padding: 1rem; font: 16px/1.5 system-ui, sans-serif; }</style></head>
<body><header><a href="/">Mitra Warga</a></header><main><h1>Berita warga</h1>${body}</main></body></html>`;
}

/**
 * The set-up of a reach test file: the partner's site (its pages from `partnerPage`) and the
 * server, which allows the partner's origin and keeps every other production default; both
 * start before the file's first test and stop after its last.
 */
export function partnerSuite(host = 'warga-mitra.test'): { readonly server: RunningServer; readonly partner: PartnerSite } {
  let server: RunningServer | undefined;
  let partner: PartnerSite | undefined;
  before(async () => {
    partner = await partnerSite(host, (url) => partnerPage(server!, url.pathname));
    server = await startServer({ env: { KABAR_ALLOWED_ORIGINS: partner.origin } });
  });
  after(async () => {
    await partner?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the server is not running: use the suite inside a test');
      return server;
    },
    get partner() {
      if (!partner) throw new Error('the partner site is not running: use the suite inside a test');
      return partner;
    },
  };
}

/**
 * Starts writing down every text the Kabar elements' live regions (`role="status"`,
 * `role="alert"`, `aria-live`) take on, in order, as a screen reader would hear them.
 * A string, so the test's compiler adds no helpers the page does not have.
 */
export async function listen(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__heard = [];
    const last = new WeakMap();
    const roots = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('kabar-') && el.shadowRoot).map((el) => el.shadowRoot);
    const scan = () => {
      for (const root of roots) {
        for (const region of root.querySelectorAll('[role="status"], [role="alert"], [aria-live]')) {
          const text = (region.textContent || '').replace(/\\s+/g, ' ').trim();
          if (text && last.get(region) !== text) window.__heard.push(text);
          last.set(region, text);
        }
      }
    };
    scan();
    for (const root of roots) new MutationObserver(scan).observe(root, { subtree: true, childList: true, characterData: true });
  })()`);
}

/** What the live regions have said since `listen`. */
export const heard = (page: Page): Promise<string[]> => page.evaluate<string[]>('window.__heard');

/** Waits until a live region has said something matching `pattern`. */
export async function hears(page: Page, pattern: RegExp, timeout = 15_000): Promise<string> {
  const source = pattern.source;
  const flags = pattern.flags;
  await page.waitForFunction(([s, f]) => ((window as unknown as { __heard: string[] }).__heard ?? []).some((text) => new RegExp(s, f).test(text)), [source, flags], { timeout });
  return (await heard(page)).find((text) => pattern.test(text))!;
}

/** A description of the element that has focus, through the shadow roots: `tag#id` and its name. */
export function focusedElement(page: Page): Promise<{ tag: string; id: string; name: string; matches: boolean }> {
  return focusMatches(page, '*');
}

async function focusMatches(page: Page, selector: string): Promise<{ tag: string; id: string; name: string; matches: boolean }> {
  return page.evaluate(`(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return { tag: '', id: '', name: '', matches: false };
    const name = (el.getAttribute('aria-label') || el.textContent || '').replace(/\\s+/g, ' ').trim();
    return { tag: el.localName, id: el.id, name, matches: el.matches(${JSON.stringify(selector)}) };
  })()`);
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `most` presses. */
export async function tabTo(page: Page, selector: string, { most = 60, back = false } = {}): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < most; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focusMatches(page, selector);
    if (now.matches) return;
    stops.push(`${now.tag}${now.id ? `#${now.id}` : ''} "${now.name.slice(0, 30)}"`);
  }
  throw new Error(`Tab never reached ${selector}; it went: ${stops.join(', ')}`);
}

/** A person's typing pace, in milliseconds between keys. */
export const PACE = 25;

/** Types into the field that has focus, at a person's pace (the server's fill-time rule is on). */
export async function typeHere(field: Locator, text: string): Promise<void> {
  await field.pressSequentially(text, { delay: PACE });
}

/** A real photo, drawn in the page and handed back as JPEG bytes. */
export async function drawPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate<string>(`(async () => {
    const canvas = new OffscreenCanvas(1200, 900);
    const context = canvas.getContext('2d');
    for (let i = 0; i < 40; i++) {
      context.fillStyle = 'hsl(' + (i * 9) + ' 60% 45%)';
      context.fillRect((i % 8) * 150, Math.floor(i / 8) * 180, 150, 180);
    }
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  })()`);
  return Buffer.from(base64, 'base64');
}
