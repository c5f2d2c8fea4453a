/**
 * Records to the wire shapes of the Kabar API v1: snake_case names, ids as
 * strings, RFC 3339 times with an offset, absolute URLs.
 */
import type { ArticleRecord, CommentRecord, Media, StoryRecord } from './store/types.js';
import { hasMixedScriptWord } from '../src/core/rules/rules.js';
import { rfc3339 } from './time.js';

/** Times go out in the server's zone (KABAR_TIMEZONE), e.g. `2026-12-01T17:21:10+07:00`. */
export { rfc3339 };

export const uploadPath = (file: string): string => `/uploads/${file}`;
/** Where editors see the photo of a story not yet published (the admin token is required). */
export const heldPhotoPath = (file: string): string => `/api/v1/admin/photos/${file}`;
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
    ...(withBody ? { body: article.body, body_html: article.bodyHtml } : {}),
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
    body_html: comment.bodyHtml,
    created_at: rfc3339(comment.createdAt),
    status: comment.status === 'approved' ? 'approved' : 'pending',
  };
}

/**
 * The page a thread belongs to, vouched for by the site the comment was sent from (an origin
 * the CORS allow-list let write): a full-URL thread on that very site, or a path on it. A thread
 * naming any other site is not turned into a link for editors to follow.
 */
export function threadUrl(comment: CommentRecord): string | null {
  if (!comment.origin) return null;
  if (comment.thread.startsWith('/') && !comment.thread.startsWith('//')) return `${comment.origin}${comment.thread}`;
  try {
    const url = new URL(comment.thread);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === comment.origin ? url.href : null;
  } catch {
    return null;
  }
}

/** `mixed_script: true` for a name with a word in two look-alike scripts ("Rеdаksі"): a mark for editors, never a refusal. */
const mixedScript = (name: string) => (hasMixedScriptWord(name) ? { mixed_script: true as const } : {});

/** A comment as editors see it in the queue: with the e-mail and the moderation status. */
export function wireQueueComment(comment: CommentRecord, parent: CommentRecord | undefined) {
  return {
    ...wireComment(comment),
    status: comment.status,
    ...(comment.spamReason ? { spam_reason: comment.spamReason } : {}),
    ...mixedScript(comment.authorName),
    author_email: comment.authorEmail,
    thread_url: threadUrl(comment),
    parent: parent ? { id: parent.id, author: { name: parent.authorName }, body: parent.body } : null,
  };
}

/** A published story's photo is public; until then its address is the editors' one. */
function storyPhoto(story: StoryRecord, photo: Media, origin: string) {
  const image = wireImage(photo, story.photoAlt ?? '', origin);
  return story.status === 'approved' ? image : { ...image, src: origin + heldPhotoPath(photo.file) };
}

export function wireStory(story: StoryRecord, origin: string) {
  return {
    id: story.id,
    status: story.status,
    received_at: rfc3339(story.receivedAt),
    name: story.name,
    ...mixedScript(story.name),
    email: story.email,
    community: story.community ?? null,
    title: story.title,
    body: story.body,
    category: story.category ?? null,
    original_url: story.originalUrl ?? null,
    ...(story.spamReason ? { spam_reason: story.spamReason } : {}),
    photo: story.photo ? storyPhoto(story, story.photo, origin) : null,
    ...(story.articleId ? { article_id: story.articleId } : {}),
  };
}

export function storyReceipt(story: StoryRecord) {
  return { id: story.id, status: 'pending' as const, received_at: rfc3339(story.receivedAt) };
}

export function paged<T>(items: T[], page: number, perPage: number, total: number) {
  return { items, page, per_page: perPage, total, total_pages: Math.ceil(total / perPage) };
}
