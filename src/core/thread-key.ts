/**
 * The thread a comment box uses when the page names none: the page itself,
 * as its site plus its path (the canonical URL's, else the page's own), so two
 * sites that both have `/berita/rapat-warga` never share a thread. Query and
 * fragment are left out: they name views of the page, not other pages.
 */
export function defaultThread(doc: Document = document, page: string = doc.URL): string {
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel~="canonical"]')?.getAttribute('href') ?? undefined;
  for (const candidate of [canonical, page]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate, page);
      if (url.protocol === 'http:' || url.protocol === 'https:') return `${url.origin}${url.pathname}`;
    } catch {
      // A broken canonical link: the page's own address still names it.
    }
  }
  return '/';
}
