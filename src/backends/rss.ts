import { BackendError, type CallOptions } from './backend.js';
import type { Article, ListArticlesQuery, Page } from './types.js';
import { htmlToText } from '../core/text.js';
import { request } from './http.js';
import { JsonFeedBackend, mapJsonFeedItem, matches, staleSafe } from './jsonfeed.js';

/** Elements named `name` below `node`, in any namespace (RSS, Atom, `media:`, `dc:`, `content:`). */
const all = (node: Element, name: string): Element[] => Array.from(node.getElementsByTagNameNS('*', name));

/** The text of the first of these elements that has some. */
function first(node: Element, ...names: string[]): string | undefined {
  for (const name of names) {
    const text = all(node, name)[0]?.textContent?.trim();
    if (text) return text;
  }
  return undefined;
}

/** RSS's `<link>` holds its URL as text, Atom's `<link rel="alternate">` in `href`. */
function linkOf(node: Element): string | undefined {
  const link = all(node, 'link').find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
  return (link?.getAttribute('href') ?? link?.textContent)?.trim() || undefined;
}

/** One RSS `<item>` or Atom `<entry>` as a card, through the JSON Feed mapping (one set of URL and text rules). */
function toArticle(item: Element, base: string): Article {
  // An image from `media:content` / `media:thumbnail`, an image enclosure (RSS) or an enclosure link (Atom).
  const image = [...all(item, 'content'), ...all(item, 'thumbnail'), ...all(item, 'enclosure'), ...all(item, 'link')].find(
    (m) => m.localName === 'thumbnail' || m.getAttribute('medium') === 'image' || /^image\//.test(m.getAttribute('type') ?? ''),
  );
  const title = first(item, 'title');
  const author = first(item, 'creator', 'name');
  return mapJsonFeedItem(
    {
      id: first(item, 'guid', 'id'),
      url: linkOf(item),
      // RSS titles often carry entities and tags, Atom's may be HTML: read as HTML, keep only text.
      title: title && htmlToText(title),
      content_html: first(item, 'description', 'summary', 'encoded', 'content'),
      image: image?.getAttribute('url') ?? image?.getAttribute('href') ?? undefined,
      date_published: first(item, 'pubDate', 'published', 'date', 'updated'),
      date_modified: first(item, 'updated'),
      authors: author ? [{ name: author }] : undefined,
      tags: all(item, 'category').map((c) => c.getAttribute('term') ?? c.textContent ?? ''),
    },
    {},
    base,
  );
}

/**
 * Reads an RSS 2.0 or Atom feed with the browser's own XML parser. The host
 * must allow this page's origin (CORS); most blogs do not, and for those the
 * console says to add the feed as a source of the Kabar server instead, which
 * fetches it for every page. A feed is one page: `tag` (or `category`) and
 * `search` filter its items here, and `getArticle` finds an item among them, as for JSON Feed.
 */
export class RssBackend extends JsonFeedBackend {
  override async listArticles(query: ListArticlesQuery, options: CallOptions = {}): Promise<Page<Article>> {
    const page = Math.max(1, query.page ?? 1);
    const toPage = (text: unknown): Page<Article> => {
      const items = page > 1 ? [] : this.read(String(text)).filter((article) => matches(article, query));
      return { items, page, perPage: query.perPage ?? items.length, hasMore: false };
    };
    const answer = await request<string>(this.url, {
      signal: options.signal,
      cache: true,
      responseType: 'text',
      corsHint: 'Add this feed as a partner source of your Kabar server (/admin) instead',
      onStale: options.onStale ? (body) => staleSafe(() => options.onStale?.(toPage(body))) : undefined,
    });
    return toPage(answer.body);
  }

  private read(text: string): Article[] {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const root = doc.documentElement;
    if (doc.getElementsByTagName('parsererror').length || !/^(rss|feed|RDF)$/.test(root.localName)) throw new BackendError('parse', { code: 'not_a_feed' });
    const atom = root.localName === 'feed';
    // Relative links are read against the site's address (the feed's first link, before its items), else the feed's own.
    const home = linkOf(root);
    let base = this.url;
    try {
      if (home) base = new URL(home, this.url).href;
    } catch {
      // keep the feed's address
    }
    return all(root, atom ? 'entry' : 'item').map((entry) => toArticle(entry, base));
  }
}
