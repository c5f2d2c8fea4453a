/**
 * Turning an approved story into an article: a slug from its title, an
 * excerpt in plain text from its first paragraph, the sender as the author.
 */
import type { NewArticle, StoryRecord } from './store/types.js';
import { articlePath } from './wire.js';

/** Lowercase ASCII words joined by hyphens: "Warga Desa Mekar" -> "warga-desa-mekar". */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'cerita';
}

/**
 * Markdown to plain text, roughly: enough for an excerpt, never HTML. Every pattern stops at the
 * next opening bracket, so a long run of `<` or `[` costs linear time, not quadratic.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^[\]]*\]\([^()]*\)/g, '')
    .replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/<[^<>]*>/g, '')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first paragraph as text, cut at a word near `max` characters. */
export function excerptOf(markdown: string, max = 220): string {
  const first = markdown.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/).map(plainText).find(Boolean) ?? '';
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

export function articleFromStory(story: StoryRecord, categorySlug: string | undefined, now: number): NewArticle {
  const slug = slugify(story.title);
  return {
    slug,
    thread: articlePath(slug),
    title: story.title,
    excerpt: excerptOf(story.body),
    // A bare URL: the article page links it, and an excerpt keeps it readable.
    body: story.originalUrl ? `${story.body}\n\nPertama dimuat di: ${story.originalUrl}` : story.body,
    publishedAt: now,
    authorName: story.name,
    imageFile: story.photo?.file,
    imageAlt: story.photo ? story.photoAlt ?? '' : undefined,
    categories: categorySlug ? [categorySlug] : [],
    tags: [],
  };
}
