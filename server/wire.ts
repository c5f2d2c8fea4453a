/**
 * Records to the wire shapes of the Kabar API v1: snake_case names, ids as
 * strings, RFC 3339 times with an offset, absolute URLs.
 */
import type { ArticleRecord, CommentRecord, Media, StoryRecord } from './store/types.js';

/** The community the seed content belongs to lives in WIB; times are shown in +07:00. */
const OFFSET_MINUTES = 7 * 60;

export function rfc3339(ms: number): string {
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + OFFSET_MINUTES * 60_000);
  return shifted.toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

export const uploadPath = (file: string): string => `/uploads/${file}`;
export const articlePath = (slug: string): string => `/artikel/${encodeURIComponent(slug)}`;

export function wireImage(media: Media, alt: string, origin: string) {
  return {
    src: origin + uploadPath(media.file),
    ...(media.width ? { width: media.width } : {}),
    ...(media.height ? { height: media.height } : {}),
    alt,
  };
}

export function wireArticle(article: ArticleRecord, origin: string, withBody = false) {
  return {
    id: article.id,
    url: origin + articlePath(article.slug),
    title: article.title,
    excerpt: article.excerpt,
    published_at: rfc3339(article.publishedAt),
    ...(article.updatedAt ? { updated_at: rfc3339(article.updatedAt) } : {}),
    ...(article.author ? { author: { name: article.author.name, ...(article.author.url ? { url: article.author.url } : {}) } } : {}),
    ...(article.image ? { image: wireImage(article.image.media, article.image.alt, origin) } : {}),
    categories: article.categories,
    tags: article.tags,
    comment_count: article.commentCount,
    ...(withBody ? { body: article.body } : {}),
  };
}

/** A comment as readers see it: never the author's e-mail. */
export function wireComment(comment: CommentRecord) {
  return {
    id: comment.id,
    thread: comment.thread,
    parent_id: comment.parentId,
    author: { name: comment.authorName, ...(comment.authorUrl ? { url: comment.authorUrl } : {}) },
    body: comment.body,
    created_at: rfc3339(comment.createdAt),
    status: comment.status === 'approved' ? 'approved' : 'pending',
  };
}

/** The page a thread belongs to: a full-URL thread itself, a path on the site the comment came from, or unknown. */
function threadUrl(comment: CommentRecord): string | null {
  if (/^https?:\/\//i.test(comment.thread)) return comment.thread;
  return comment.origin && comment.thread.startsWith('/') ? `${comment.origin}${comment.thread}` : null;
}

/** A comment as editors see it in the queue: with the e-mail and the moderation status. */
export function wireQueueComment(comment: CommentRecord, parent: CommentRecord | undefined) {
  return {
    ...wireComment(comment),
    status: comment.status,
    author_email: comment.authorEmail,
    thread_url: threadUrl(comment),
    parent: parent ? { id: parent.id, author: { name: parent.authorName }, body: parent.body } : null,
  };
}

export function wireStory(story: StoryRecord, origin: string) {
  return {
    id: story.id,
    status: story.status,
    received_at: rfc3339(story.receivedAt),
    name: story.name,
    email: story.email,
    community: story.community ?? null,
    title: story.title,
    body: story.body,
    category: story.category ?? null,
    original_url: story.originalUrl ?? null,
    photo: story.photo ? wireImage(story.photo, story.photoAlt ?? '', origin) : null,
    ...(story.articleId ? { article_id: story.articleId } : {}),
  };
}

export function storyReceipt(story: StoryRecord) {
  return { id: story.id, status: 'pending' as const, received_at: rfc3339(story.receivedAt) };
}

export function paged<T>(items: T[], page: number, perPage: number, total: number) {
  return { items, page, per_page: perPage, total, total_pages: Math.ceil(total / perPage) };
}
