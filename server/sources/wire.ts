/** Partner sources and their items on the wire (snake_case, RFC 3339 times). */
import type { SourceItemRecord, SourceRecord } from '../store/types.js';
import { rfc3339 } from '../time.js';
import { sourceErrorMessage } from './errors.js';

const time = (at: number | undefined): string | null => (at === undefined ? null : rfc3339(at));

/** A source as editors see it: where it is, how the last fetches went, in plain words. */
export function wireSource(source: SourceRecord) {
  return {
    id: source.id,
    url: source.url,
    label: source.label,
    feed_url: source.feedUrl ?? source.url,
    site_url: source.siteUrl ?? null,
    interval_minutes: Math.round(source.intervalMs / 60_000),
    added_at: rfc3339(source.addedAt),
    added_by: source.addedBy,
    last_fetch_at: time(source.lastFetchAt),
    last_ok_at: time(source.lastOkAt),
    next_fetch_at: rfc3339(source.nextFetchAt),
    failures: source.failures,
    items: source.items,
    last_error: source.lastError ? { code: source.lastError, message: sourceErrorMessage(source.lastError) } : null,
  };
}

/** A partner's item in the public list, shaped like an article, with its `source` and the original URL. */
export function wirePartnerItem(item: SourceItemRecord) {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    excerpt: item.excerpt,
    published_at: rfc3339(item.publishedAt),
    ...(item.updatedAt ? { updated_at: rfc3339(item.updatedAt) } : {}),
    ...(item.authorName ? { author: { name: item.authorName } } : {}),
    ...(item.image
      ? { image: { src: item.image.src, ...(item.image.width ? { width: item.image.width, height: item.image.height } : {}), alt: item.image.alt } }
      : {}),
    categories: [],
    tags: [],
    source: { id: item.source.id, label: item.source.label, ...(item.source.link ? { link: item.source.link } : {}) },
  };
}
