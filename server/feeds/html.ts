/**
 * The full text of an article or a comment as HTML for places outside this
 * site (feed readers, the article page): the one renderer and allow-list the
 * widgets use (server/render.ts), with its relative links made absolute, since
 * a feed reader knows no page to read them against.
 */
import { JSDOM } from 'jsdom';
import { renderMarkdownHtml } from '../render.js';
import type { ArticleRecord, CommentRecord } from '../store/types.js';

let box: HTMLElement | undefined;

/** The same HTML with every `href` and `src` absolute against `origin`. */
export function withAbsoluteUrls(html: string, origin: string): string {
  if (!/\s(?:href|src)=/.test(html)) return html;
  box ??= new JSDOM('').window.document.createElement('div');
  // Sanitised markup, parsed by jsdom only to be serialised again: nothing in it runs.
  box.innerHTML = html;
  for (const element of Array.from(box.querySelectorAll('[href], [src]'))) {
    for (const name of ['href', 'src']) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      try {
        element.setAttribute(name, new URL(value, `${origin}/`).href);
      } catch {
        element.removeAttribute(name);
      }
    }
  }
  const out = box.innerHTML;
  box.replaceChildren();
  return out;
}

/**
 * An article's body as the store keeps it rendered (`body_html`, relative links kept: for this
 * site's own pages); rendered now by the same renderer when a row has none yet.
 */
export const articleBodyHtml = (article: ArticleRecord): string => article.bodyHtml || renderMarkdownHtml(article.body);

export const articleHtml = (article: ArticleRecord, origin: string): string => withAbsoluteUrls(articleBodyHtml(article), origin);

export const commentHtml = (comment: CommentRecord, origin: string): string => withAbsoluteUrls(comment.bodyHtml || renderMarkdownHtml(comment.body), origin);
