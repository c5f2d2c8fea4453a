/**
 * URL checks for links and pictures. Their own module, so the card path can use them without
 * loading the HTML sanitiser.
 */

/** A URL safe for `href`: http, https or mailto, made absolute; anything else gives undefined. */
export function safeUrl(url: string | undefined | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, document.baseURI);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A URL safe to load as an image: https, or http only when the page itself is not on https (a
 * plain-http image on an https page is mixed content). Never data:, javascript: or mailto:.
 */
export function safeImageUrl(url: string | undefined | null, pageProtocol: string = location.protocol): string | undefined {
  const safe = safeUrl(url);
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
export function srcsetCandidates(srcset: string): Array<string | undefined> {
  return srcset.split(/\s*,\s+|(?<=\d[wx]),/).map((candidate) => {
    const [url, descriptor, ...rest] = candidate.trim().split(/\s+/);
    const safe = safeImageUrl(url);
    if (!safe || rest.length || (descriptor !== undefined && !/^\d+(?:\.\d+)?[wx]$/.test(descriptor))) return undefined;
    return descriptor ? `${safe} ${descriptor}` : safe;
  });
}
