/**
 * What a WordPress page says about itself: WordPress prints
 * `<link rel="alternate" type="application/json" href="…/wp-json/wp/v2/posts/ID">` in the head
 * of every post and page (`?rest_route=/wp/v2/posts/ID` without pretty permalinks). From it a
 * comment box or count with `source="wordpress"` and no `backend`/`thread` knows the site and
 * the post, so a theme's template needs no PHP. Pages that are no post still name the REST root
 * (`<link rel="https://api.w.org/" href="…/wp-json/">`): the site, without a post.
 */
export interface WordPressPage {
  /** The site URL. */
  site: string;
  /** The post's (or page's) id, as a thread; empty on a page that is no post. */
  post: string;
}

const REST_PATH = /^(.*?)\/wp-json\/wp\/v2\/(?:posts|pages)\/(\d+)\/?$/;

export function wordPressPage(doc: Document = document): WordPressPage | undefined {
  for (const link of Array.from(doc.querySelectorAll<HTMLLinkElement>('link[rel~="alternate"][type="application/json"][href]'))) {
    let url: URL;
    try {
      url = new URL(link.getAttribute('href') ?? '', doc.baseURI);
    } catch {
      continue;
    }
    const route = url.searchParams.get('rest_route');
    const pretty = REST_PATH.exec(`${url.origin}${url.pathname}`);
    if (pretty) return { site: pretty[1], post: pretty[2] };
    const query = route ? /^\/wp\/v2\/(?:posts|pages)\/(\d+)\/?$/.exec(route) : null;
    if (query) return { site: `${url.origin}${url.pathname.replace(/\/(?:index\.php)?$/, '')}`, post: query[1] };
  }
  const root = doc.querySelector<HTMLLinkElement>('link[rel="https://api.w.org/"][href]');
  if (!root) return undefined;
  try {
    const url = new URL(root.getAttribute('href') ?? '', doc.baseURI);
    return { site: `${url.origin}${url.pathname.replace(/\/(?:wp-json\/?|index\.php)?$/, '')}`, post: '' };
  } catch {
    return undefined;
  }
}
