/**
 * URL checks for links and pictures. Their own module, so the card path can use them without
 * loading the HTML sanitiser.
 */

const SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:'];
/** Stands in for the page when there is none (the server): its scheme is one a link may have. */
const NO_PAGE = 'https://page.invalid/';

/**
 * A URL safe for `href`: http, https or mailto, made absolute against `base` (the page's own
 * address by default); anything else gives undefined. With `base` null (the server, which does
 * not know the page a text will be shown on) a relative URL that is safe stays as written, to be
 * made absolute by the sanitiser of the page that shows it.
 */
export function safeUrl(url: string | undefined | null, base: string | null = document.baseURI): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, base ?? NO_PAGE);
    if (!SAFE_PROTOCOLS.includes(parsed.protocol)) return undefined;
    return base === null && !URL.canParse(url) ? url.trim() : parsed.href;
  } catch {
    return undefined;
  }
}

/**
 * A URL safe to load as an image: https, or http only when the page itself is not on https (a
 * plain-http image on an https page is mixed content). Never data:, javascript: or mailto:.
 */
export function safeImageUrl(url: string | undefined | null, pageProtocol: string = location.protocol, base: string | null = document.baseURI): string | undefined {
  const safe = safeUrl(url, base);
  if (!safe || safe.startsWith('mailto:')) return undefined;
  if (safe.startsWith('http:') && pageProtocol === 'https:') return undefined;
  return safe;
}

/**
 * The candidates of a `srcset`, each a safe image URL with a plain width or
 * density descriptor, or `undefined` where a candidate is not. Candidates are
 * split at a comma followed by space (as WordPress and the Kabar server write
 * them, so a comma inside a URL stays part of it) or right after a descriptor.
 */
export function srcsetCandidates(srcset: string, pageProtocol: string = location.protocol, base: string | null = document.baseURI): Array<string | undefined> {
  return srcset.split(/\s*,\s+|(?<=\d[wx]),/).map((candidate) => {
    const [url, descriptor, ...rest] = candidate.trim().split(/\s+/);
    const safe = safeImageUrl(url, pageProtocol, base);
    if (!safe || rest.length || (descriptor !== undefined && !/^\d+(?:\.\d+)?[wx]$/.test(descriptor))) return undefined;
    return descriptor ? `${safe} ${descriptor}` : safe;
  });
}
