/**
 * `npm run export` and `npm run import -- kabar`: everything of a site but the
 * spam as one JSON document (categories, articles with their markdown, terms,
 * author and photo's record, comments with their status and replies, partner
 * sources), and back. Photo files are not in it: copy the uploads folder beside it.
 */
import type { CommentStatus, SiteDump, Store } from '../store/types.js';
import { ImportError } from './xml.js';
import type { ImportSummary } from './summary.js';

export const EXPORT_FORMAT = 'kabar-export/1';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

export async function exportSite(store: Store, site: string): Promise<unknown> {
  const dump: SiteDump = await store.dump();
  return {
    format: EXPORT_FORMAT,
    site,
    exported_at: new Date().toISOString(),
    categories: dump.categories,
    articles: dump.articles.map((a) => ({
      id: a.id,
      slug: a.slug,
      thread: a.thread,
      title: a.title,
      excerpt: a.excerpt,
      body: a.body,
      published_at: iso(a.publishedAt),
      updated_at: iso(a.updatedAt),
      unpublished_at: iso(a.unpublishedAt),
      author: a.author ?? null,
      image: a.image ? { ...a.image.media, alt: a.image.alt } : null,
      categories: a.categorySlugs,
      tags: a.tags.map(({ slug, name }) => ({ slug, name })),
    })),
    comments: dump.comments.map((c) => ({
      id: c.id,
      thread: c.thread,
      parent_id: c.parentId,
      author_name: c.authorName,
      author_email: c.authorEmail,
      author_url: c.authorUrl ?? null,
      body: c.body,
      status: c.status,
      created_at: iso(c.createdAt),
      origin: c.origin ?? null,
    })),
    sources: dump.sources.map((s) => ({ url: s.url, label: s.label, interval_minutes: Math.round(s.intervalMs / 60_000) })),
  };
}

type Loose = Record<string, unknown>;
const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Loose[]) : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const ms = (value: unknown): number | undefined => {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(time) ? time : undefined;
};
const STATUSES: CommentStatus[] = ['approved', 'pending', 'rejected'];

export async function importKabar(store: Store, text: string): Promise<ImportSummary> {
  let doc: Loose;
  try {
    doc = JSON.parse(text) as Loose;
  } catch {
    throw new ImportError('This is not a Kabar export: it is not JSON (make one with npm run export).');
  }
  if (!doc || typeof doc !== 'object' || doc.format !== EXPORT_FORMAT) throw new ImportError(`This is not a Kabar export: its "format" is not ${EXPORT_FORMAT} (make one with npm run export).`);
  const source = `kabar:${str(doc.site) ?? 'export'}`;
  const summary: ImportSummary = { articles: 0, comments: 0, skipped: 0 };
  for (const c of list(doc.categories)) {
    const slug = str(c.slug);
    if (slug && !(await store.findCategory(slug))) await store.addCategory({ slug, name: str(c.name) ?? slug });
  }
  for (const a of list(doc.articles)) {
    const slug = str(a.slug);
    const title = str(a.title);
    const body = str(a.body);
    const publishedAt = ms(a.published_at);
    if (!slug || !title || body === undefined || publishedAt === undefined) {
      summary.skipped++;
      continue;
    }
    const author = a.author as Loose | null;
    const image = a.image as Loose | null;
    if (image && str(image.file) && str(image.type)) {
      await store.addMedia({ file: str(image.file)!, type: str(image.type)!, width: Number(image.width) || undefined, height: Number(image.height) || undefined, size: Number(image.size) || 0 });
    }
    const result = await store.importArticle(
      {
        slug,
        thread: str(a.thread) ?? `/artikel/${slug}`,
        title,
        excerpt: str(a.excerpt) ?? '',
        body,
        publishedAt,
        updatedAt: ms(a.updated_at),
        unpublishedAt: ms(a.unpublished_at),
        authorName: author ? str(author.name) : undefined,
        authorUrl: author ? str(author.url) : undefined,
        imageFile: image ? str(image.file) : undefined,
        imageAlt: image ? (str(image.alt) ?? '') : undefined,
        categories: (Array.isArray(a.categories) ? a.categories : []).filter((s): s is string => typeof s === 'string'),
        tags: list(a.tags).flatMap((t) => (str(t.slug) && str(t.name) ? [{ slug: str(t.slug)!, name: str(t.name)! }] : [])),
      },
      { source, kind: 'article', externalId: str(a.id) ?? slug },
    );
    if (result.added) summary.articles++;
  }
  // In id order: a reply always follows the comment it answers.
  const local = new Map<string, string>();
  for (const c of list(doc.comments)) {
    const status = STATUSES.find((s) => s === c.status);
    const thread = str(c.thread);
    const body = str(c.body);
    const createdAt = ms(c.created_at);
    if (!status || !thread || !body || createdAt === undefined) {
      summary.skipped++;
      continue;
    }
    const parent = str(c.parent_id);
    const result = await store.importComment(
      {
        thread,
        parentId: parent ? (local.get(parent) ?? null) : null,
        authorName: str(c.author_name) ?? 'Anonim',
        authorEmail: str(c.author_email) ?? '',
        authorUrl: str(c.author_url),
        body,
        createdAt,
        status,
        origin: str(c.origin),
      },
      { source, kind: 'comment', externalId: str(c.id) ?? `${thread} ${createdAt}` },
    );
    local.set(str(c.id) ?? '', result.id);
    if (result.added) summary.comments++;
  }
  for (const s of list(doc.sources)) {
    const url = str(s.url);
    const label = str(s.label);
    if (url && label) await store.addSource({ url, label, intervalMs: (Number(s.interval_minutes) || 15) * 60_000, addedAt: Date.now(), addedBy: 'owner' });
  }
  return summary;
}
