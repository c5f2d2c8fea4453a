/**
 * A partner's feed (RSS 2.0, Atom, RDF or JSON Feed, parsed by feedsmith,
 * which leaves XML entity declarations unexpanded) to the items Kabar keeps:
 * plain-text titles and excerpts, absolute http(s) links resolved against the
 * feed, an image from an enclosure, `media:content` or `media:thumbnail`, a date
 * that is real and not in the future, and one item per GUID.
 */
import { parseFeed } from 'feedsmith';
import { clip, htmlToText } from '../html-text.js';
import type { SourceItem } from '../store/types.js';

export interface ParsedFeed {
  siteUrl?: string;
  title?: string;
  items: SourceItem[];
}

/** The longest title and excerpt kept; a feed's own can be anything. */
const MAX_TITLE = 300;
const MAX_EXCERPT = 400;
/** A date further ahead than this is not believed: the item counts as seen now. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

type Loose = Record<string, unknown> | undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : value && typeof value === 'object' ? [value as Loose] : []);
/** Atom text constructs are `{value, type}`; RSS's are strings. */
const textOf = (value: unknown): string | undefined => str(value) ?? str((value as Loose)?.value);
const num = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && n > 0 && n < 100_000 ? n : undefined;
};

function absolute(link: unknown, base: string): string | undefined {
  const text = str(link);
  if (!text) return undefined;
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function timeOf(...values: unknown[]): number | undefined {
  for (const value of values) {
    const text = str(value);
    if (!text) continue;
    const time = Date.parse(text);
    if (Number.isFinite(time)) return time;
  }
  return undefined;
}

/** Text of what may be HTML (RSS titles often carry entities and tags). */
const plain = (value: string | undefined, max: number): string => (value ? clip(htmlToText(value), max) : '');

function imageOf(item: Record<string, unknown>, base: string): SourceItem['image'] {
  const media = item.media as Loose;
  const candidates: Array<{ url?: unknown; type?: unknown; medium?: unknown; width?: unknown; height?: unknown }> = [
    ...list(media?.contents).filter((m) => m && (m.medium === 'image' || (str(m.type) ?? '').startsWith('image/') || (!m.medium && !m.type))),
    ...list((media?.group as Loose)?.contents),
    ...list(media?.thumbnails),
    ...list(item.enclosures).filter((e) => (str(e?.type) ?? '').startsWith('image/')),
    ...list(item.links)
      .filter((l) => l?.rel === 'enclosure' && (str(l.type) ?? '').startsWith('image/'))
      .map((l) => ({ url: l?.href, type: l?.type })),
    { url: item.image },
    { url: item.banner_image },
  ].map((c) => c ?? {});
  for (const candidate of candidates) {
    const src = absolute(candidate.url, base);
    if (!src) continue;
    const width = num(candidate.width);
    const height = num(candidate.height);
    return { src, alt: '', ...(width && height ? { width, height } : {}) };
  }
  return undefined;
}

function linkOf(item: Record<string, unknown>, base: string): string | undefined {
  const links = list(item.links);
  const alternate = links.find((l) => !l?.rel || l.rel === 'alternate') ?? links[0];
  const guid = item.guid as Loose;
  const permalink = guid && guid.isPermaLink !== false ? guid.value : undefined;
  return absolute(item.link, base) ?? absolute(alternate?.href, base) ?? absolute(item.url, base) ?? absolute(item.external_url, base) ?? absolute(permalink, base);
}

function authorOf(item: Record<string, unknown>): string | undefined {
  const authors = list(item.authors);
  const first = authors[0];
  const name = str(first?.name) ?? str(first) ?? str((item.dc as Loose)?.creator) ?? str(list((item.dc as Loose)?.creators)[0]) ?? str(item.author);
  return name ? clip(htmlToText(name), 100) : undefined;
}

/** Reads a feed body; `undefined` when it is no feed at all. */
export function parseSourceFeed(text: string, feedUrl: string, now: number): ParsedFeed | undefined {
  let parsed: { format: string; feed: Record<string, unknown> };
  try {
    parsed = parseFeed(text);
  } catch {
    return undefined;
  }
  const feed = parsed.feed;
  const feedLinks = list(feed.links);
  const siteUrl = absolute(feed.link, feedUrl) ?? absolute(feed.home_page_url, feedUrl) ?? absolute((feedLinks.find((l) => !l?.rel || l.rel === 'alternate') ?? {}).href, feedUrl);
  // Links inside the feed are relative to the site when the feed names one, else to the feed itself.
  const base = siteUrl ?? feedUrl;
  const raw = list(feed.items ?? feed.entries) as Array<Record<string, unknown> | undefined>;
  const seen = new Set<string>();
  const items: SourceItem[] = [];
  for (const item of raw) {
    if (!item) continue;
    const url = linkOf(item, base);
    if (!url) continue;
    const guid = clip(textOf((item.guid as Loose)?.value) ?? str(item.guid) ?? str(item.id) ?? (typeof item.id === 'number' ? String(item.id) : undefined) ?? url, 500);
    if (seen.has(guid)) continue;
    seen.add(guid);
    const content = item.content as Loose;
    const summary = textOf(item.summary) ?? str(item.description) ?? str(content?.encoded) ?? textOf(content) ?? str(item.content_html) ?? str(item.content_text);
    const dc = item.dc as Loose;
    const published = timeOf(item.pubDate, item.published, item.date_published, dc?.date, item.updated, item.date_modified);
    const updated = timeOf(item.updated, item.date_modified);
    const excerpt = plain(summary, MAX_EXCERPT);
    const title = plain(textOf(item.title), MAX_TITLE) || clip(excerpt, 80);
    if (!title) continue;
    const believable = (time: number | undefined) => (time !== undefined && time <= now + FUTURE_SLACK_MS ? time : undefined);
    const image = imageOf(item, base);
    const authorName = authorOf(item);
    const updatedAt = believable(updated);
    items.push({
      guid,
      url,
      title,
      excerpt,
      publishedAt: believable(published) ?? now,
      ...(updatedAt ? { updatedAt } : {}),
      ...(authorName ? { authorName } : {}),
      ...(image ? { image } : {}),
    });
  }
  return { siteUrl, title: plain(textOf(feed.title), MAX_TITLE) || undefined, items };
}
