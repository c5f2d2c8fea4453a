/**
 * Partner sources in SQL both databases speak: the sources and their fetch
 * state, the items kept of each, and the public list where those items sit
 * among the site's own articles, newest first.
 */
import { articleWhere, opt, rowId } from './rows.js';
import type { Conn } from './sql-store.js';
import type { AddSourceResult, ArticleRecord, FeedEntry, FeedQuery, NewSource, Paged, SourceFetch, SourceItemRecord, SourceRecord } from './types.js';

interface SourceRow {
  id: number;
  url: string;
  label: string;
  feed_url: string | null;
  site_url: string | null;
  interval_ms: number;
  added_at: number;
  added_by: string;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: number | null;
  last_ok_at: number | null;
  next_fetch_at: number;
  failures: number;
  last_error: string | null;
  items: number;
}

interface ItemRow {
  id: number;
  source_id: number;
  guid: string;
  url: string;
  title: string;
  excerpt: string;
  published_at: number;
  updated_at: number | null;
  author_name: string | null;
  image_src: string | null;
  image_width: number | null;
  image_height: number | null;
  image_alt: string | null;
  label: string;
  site_url: string | null;
}

const SOURCE_COLUMNS = `s.id, s.url, s.label, s.feed_url, s.site_url, s.interval_ms, s.added_at, s.added_by, s.etag, s.last_modified,
  s.last_fetch_at, s.last_ok_at, s.next_fetch_at, s.failures, s.last_error,
  (SELECT COUNT(*) FROM source_items i WHERE i.source_id = s.id) AS items`;

const ITEM_COLUMNS = `i.id, i.source_id, i.guid, i.url, i.title, i.excerpt, i.published_at, i.updated_at, i.author_name,
  i.image_src, i.image_width, i.image_height, i.image_alt, s.label, s.site_url`;

/** Partner items' ids on the wire, kept apart from the articles' plain numbers. */
export const PARTNER_ID = /^partner-([1-9]\d{0,15})$/;
export const partnerId = (id: number | string): string => `partner-${id}`;

function toSource(row: SourceRow): SourceRecord {
  return {
    id: String(row.id),
    url: row.url,
    label: row.label,
    feedUrl: opt(row.feed_url),
    siteUrl: opt(row.site_url),
    intervalMs: Number(row.interval_ms),
    addedAt: Number(row.added_at),
    addedBy: row.added_by,
    etag: opt(row.etag),
    lastModified: opt(row.last_modified),
    lastFetchAt: row.last_fetch_at === null ? undefined : Number(row.last_fetch_at),
    lastOkAt: row.last_ok_at === null ? undefined : Number(row.last_ok_at),
    nextFetchAt: Number(row.next_fetch_at),
    failures: Number(row.failures),
    lastError: opt(row.last_error),
    items: Number(row.items),
  };
}

function toItem(row: ItemRow): SourceItemRecord {
  return {
    id: partnerId(row.id),
    guid: row.guid,
    url: row.url,
    title: row.title,
    excerpt: row.excerpt,
    publishedAt: Number(row.published_at),
    updatedAt: row.updated_at === null ? undefined : Number(row.updated_at),
    authorName: opt(row.author_name),
    image: row.image_src
      ? { src: row.image_src, alt: row.image_alt ?? '', ...(row.image_width ? { width: row.image_width } : {}), ...(row.image_height ? { height: row.image_height } : {}) }
      : undefined,
    source: { id: String(row.source_id), label: row.label, ...(row.site_url ? { link: row.site_url } : {}) },
  };
}

/** The WHERE clause of partners' items for a public list: they carry no categories or tags. */
function itemWhere(query: FeedQuery, like: 'LIKE' | 'ILIKE'): { sql: string; params: unknown[] } {
  if (query.category || query.tag || query.source === 'own') return { sql: 'WHERE 1 = 0', params: [] };
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (query.source) {
    clauses.push('i.source_id = ?');
    params.push(rowId(query.source));
  }
  for (const word of (query.q ?? '').split(/\s+/).filter(Boolean)) {
    clauses.push(`(i.title ${like} ? ESCAPE '\\' OR i.excerpt ${like} ? ESCAPE '\\')`);
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(pattern, pattern);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export interface SourceSqlHost {
  reads: () => Conn;
  write: <T>(work: (db: Conn) => Promise<T>) => Promise<T>;
  like: 'LIKE' | 'ILIKE';
  /** The store's own reading of articles by id, with their terms. */
  articlesById: (ids: number[]) => Promise<ArticleRecord[]>;
  audit: (db: Conn, entry: { actor: string; action: string; itemType: 'source'; itemId: string; detail?: string }, at?: number) => Promise<void>;
}

export class SourceSql {
  constructor(private readonly host: SourceSqlHost) {}

  async listFeed(query: FeedQuery): Promise<Paged<FeedEntry>> {
    const reads = this.host.reads();
    const own = query.source && query.source !== 'own' ? { sql: 'WHERE 1 = 0', params: [] } : articleWhere(query, false, this.host.like);
    const theirs = itemWhere(query, this.host.like);
    const union = `SELECT 'a' AS kind, a.id, a.published_at FROM articles a ${own.sql}
      UNION ALL SELECT 'p' AS kind, i.id, i.published_at FROM source_items i ${theirs.sql}`;
    const params = [...own.params, ...theirs.params];
    const [count, rows] = await Promise.all([
      reads.get<{ n: number }>(`SELECT COUNT(*) AS n FROM (${union}) u`, ...params),
      reads.all<{ kind: 'a' | 'p'; id: number }>(
        `SELECT kind, id FROM (${union}) u ORDER BY published_at DESC, kind, id DESC LIMIT ? OFFSET ?`,
        ...params,
        query.perPage,
        (query.page - 1) * query.perPage,
      ),
    ]);
    const articleIds = rows.filter((r) => r.kind === 'a').map((r) => Number(r.id));
    const itemIds = rows.filter((r) => r.kind === 'p').map((r) => Number(r.id));
    const [articles, items] = await Promise.all([
      this.host.articlesById(articleIds),
      itemIds.length
        ? reads.all<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM source_items i JOIN sources s ON s.id = i.source_id WHERE i.id IN (${itemIds.map(() => '?').join(',')})`, ...itemIds)
        : Promise.resolve([]),
    ]);
    const articleBy = new Map(articles.map((a) => [Number(a.id), a]));
    const itemBy = new Map(items.map((i) => [Number(i.id), toItem(i)]));
    const entries: FeedEntry[] = [];
    for (const row of rows) {
      const id = Number(row.id);
      const article = row.kind === 'a' ? articleBy.get(id) : undefined;
      const item = row.kind === 'p' ? itemBy.get(id) : undefined;
      if (article) entries.push({ kind: 'article', article });
      else if (item) entries.push({ kind: 'partner', item });
    }
    return { items: entries, total: Number(count!.n) };
  }

  async getItem(id: string): Promise<SourceItemRecord | undefined> {
    const match = PARTNER_ID.exec(id);
    if (!match) return undefined;
    const row = await this.host.reads().get<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM source_items i JOIN sources s ON s.id = i.source_id WHERE i.id = ?`, Number(match[1]));
    return row && toItem(row);
  }

  async list(): Promise<SourceRecord[]> {
    const rows = await this.host.reads().all<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources s ORDER BY s.id`);
    return rows.map(toSource);
  }

  async get(id: string): Promise<SourceRecord | undefined> {
    const row = await this.host.reads().get<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.id = ?`, rowId(id));
    return row && toSource(row);
  }

  async due(now: number): Promise<SourceRecord[]> {
    const rows = await this.host.reads().all<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.next_fetch_at <= ? ORDER BY s.next_fetch_at`, now);
    return rows.map(toSource);
  }

  async add(source: NewSource): Promise<AddSourceResult> {
    return this.host.write(async (db): Promise<AddSourceResult> => {
      if (await db.get('SELECT 1 FROM sources WHERE url = ?', source.url)) return { ok: false, reason: 'duplicate' };
      const row = (await db.get<{ id: number }>(
        `INSERT INTO sources (url, label, interval_ms, added_at, added_by, next_fetch_at, failures) VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id`,
        source.url,
        source.label,
        source.intervalMs,
        source.addedAt,
        source.addedBy,
        source.addedAt,
      ))!;
      await this.host.audit(db, { actor: source.addedBy, action: 'source.add', itemType: 'source', itemId: String(row.id) }, source.addedAt);
      const added = await db.get<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.id = ?`, row.id);
      return { ok: true, source: toSource(added!) };
    });
  }

  async remove(id: string, actor: string): Promise<boolean> {
    return this.host.write(async (db) => {
      const rowid = rowId(id);
      await db.run('DELETE FROM source_items WHERE source_id = ?', rowid);
      const removed = (await db.run('DELETE FROM sources WHERE id = ?', rowid)) > 0;
      if (removed) await this.host.audit(db, { actor, action: 'source.remove', itemType: 'source', itemId: id });
      return removed;
    });
  }

  async record(id: string, fetch: SourceFetch, keep: number): Promise<boolean> {
    return this.host.write(async (db) => {
      const rowid = rowId(id);
      if (!(await db.get('SELECT 1 FROM sources WHERE id = ?', rowid))) return false;
      const ok = fetch.error === undefined;
      // Validators change only with a feed read anew; a 304 keeps the ones that earned it.
      const read = fetch.items !== undefined ? 1 : 0;
      await db.run(
        `UPDATE sources SET last_fetch_at = ?, next_fetch_at = ?, failures = ?, last_error = ?,
           last_ok_at = CASE WHEN ? = 1 THEN CAST(? AS BIGINT) ELSE last_ok_at END,
           etag = CASE WHEN ? = 1 THEN ? ELSE etag END, last_modified = CASE WHEN ? = 1 THEN ? ELSE last_modified END,
           feed_url = COALESCE(?, feed_url), site_url = COALESCE(?, site_url)
         WHERE id = ?`,
        fetch.at,
        fetch.nextFetchAt,
        fetch.failures,
        fetch.error ?? null,
        ok ? 1 : 0,
        fetch.at,
        read,
        fetch.etag ?? null,
        read,
        fetch.lastModified ?? null,
        fetch.feedUrl ?? null,
        fetch.siteUrl ?? null,
        rowid,
      );
      if (!fetch.items) return false;
      let changed = false;
      for (const item of fetch.items) {
        const before = await db.get<{ id: number; title: string; excerpt: string; url: string; published_at: number; updated_at: number | null; image_src: string | null }>(
          'SELECT id, title, excerpt, url, published_at, updated_at, image_src FROM source_items WHERE source_id = ? AND guid = ?',
          rowid,
          item.guid,
        );
        const values = [
          item.url,
          item.title,
          item.excerpt,
          item.updatedAt ?? null,
          item.authorName ?? null,
          item.image?.src ?? null,
          item.image?.width ?? null,
          item.image?.height ?? null,
          item.image?.alt ?? null,
        ];
        if (!before) {
          await db.run(
            `INSERT INTO source_items (source_id, guid, published_at, seen_at, url, title, excerpt, updated_at, author_name, image_src, image_width, image_height, image_alt)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            rowid,
            item.guid,
            item.publishedAt,
            fetch.at,
            ...values,
          );
          changed = true;
        } else if (
          before.title !== item.title ||
          before.excerpt !== item.excerpt ||
          before.url !== item.url ||
          (before.updated_at === null ? null : Number(before.updated_at)) !== (item.updatedAt ?? null) ||
          before.image_src !== (item.image?.src ?? null)
        ) {
          // The first date stays: an item without a date of its own keeps the moment it was first seen.
          await db.run(
            `UPDATE source_items SET url = ?, title = ?, excerpt = ?, updated_at = ?, author_name = ?, image_src = ?, image_width = ?, image_height = ?, image_alt = ?, seen_at = ? WHERE id = ?`,
            ...values,
            fetch.at,
            before.id,
          );
          changed = true;
        }
      }
      // Only the newest `keep` stay: a feed that grows without end costs a bounded number of rows.
      const dropped = await db.run(
        `DELETE FROM source_items WHERE source_id = ? AND id NOT IN (
           SELECT id FROM source_items WHERE source_id = ? ORDER BY published_at DESC, id DESC LIMIT ?)`,
        rowid,
        rowid,
        keep,
      );
      return changed || dropped > 0;
    });
  }
}
