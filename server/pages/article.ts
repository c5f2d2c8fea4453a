/**
 * An article's page (`/artikel/:slug`), made to be opened and shared: the
 * body rendered by the one markdown renderer and allow-list the widgets use;
 * OpenGraph and Twitter-card tags (what WhatsApp, Telegram and Facebook show
 * for a shared link), a canonical URL, a JSON-LD `NewsArticle`, the feeds as
 * `<link rel="alternate">`, and share links that are plain links (no
 * third-party script; the copy button is a few lines of our own, /assets/share.js).
 */
import { html, raw } from 'hono/html';
import { articleBodyHtml } from '../feeds/html.js';
import type { SiteSettings } from '../site-config.js';
import type { ArticleRecord } from '../store/types.js';
import { pageDate } from '../time.js';
import { articlePath, rfc3339, uploadPath } from '../wire.js';

/**
 * Each paragraph, item, quote and heading takes its direction from its own first letters
 * (`dir="auto"`), so a paragraph in Arabic script among Indonesian ones reads right to left alone.
 * The renderer writes these tags bare (a reader's raw HTML is text), so the match is exact.
 */
const eachBlockItsDirection = (bodyHtml: string): string => bodyHtml.replace(/<(p|li|blockquote|h[2-6])>/g, '<$1 dir="auto">');

export type Markup = ReturnType<typeof html>;

/** The few words the page says itself, in the site's language. */
const WORDS = {
  id: { by: 'Oleh', tags: 'Tag', comments: 'Komentar', commentsLoading: 'Komentar dimuat dengan JavaScript.', share: 'Bagikan', copy: 'Salin tautan', copied: 'Tautan disalin.', email: 'E-mail', commentFeed: 'Komentar' },
  en: { by: 'By', tags: 'Tags', comments: 'Comments', commentsLoading: 'Comments load with JavaScript.', share: 'Share', copy: 'Copy link', copied: 'Link copied.', email: 'E-mail', commentFeed: 'Comments' },
} as const;

export const wordsFor = (site: SiteSettings) => WORDS[site.language];

/** Image types link previews show; SVG (the demo's illustrations) is not among them. */
const PREVIEWABLE = /^image\/(jpeg|png|webp|gif)$/;

/** An absolute URL of a site setting that may be a path. */
export const absoluteTo = (origin: string, url: string): string => (/^https?:\/\//i.test(url) ? url : origin + url);

/** JSON inside `<script type="application/ld+json">`: `<` escaped, so no text can close the element. */
const jsonLd = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** The site's header, shared by every page of the server. */
export function siteHeader(site: SiteSettings): Markup {
  return html`<header class="site"><a href="/">${site.logo ? html`<img class="logo" src="${site.logo}" alt="" width="32" height="32"> ` : ''}${site.name}</a> <span>· ${site.description}</span></header>`;
}

/** The feeds of the site, for the `<head>` of its pages. */
export function feedLinks(site: SiteSettings): Markup {
  return html`<link rel="alternate" type="application/rss+xml" title="${site.name}" href="/feed.xml">
<link rel="alternate" type="application/feed+json" title="${site.name}" href="/feed.json">`;
}

function shareLinks(url: string, title: string, site: SiteSettings): Markup {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  const words = wordsFor(site);
  const links: Array<[string, string]> = [
    ['WhatsApp', `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}`],
    ['Telegram', `https://t.me/share/url?url=${u}&text=${t}`],
    ['Facebook', `https://www.facebook.com/sharer/sharer.php?u=${u}`],
    ['X', `https://x.com/intent/post?url=${u}&text=${t}`],
  ];
  return html`<nav class="share" aria-label="${words.share}">
<p class="share-heading">${words.share}:</p>
<ul>
${links.map(([name, href]) => html`<li><a class="share-${name.toLowerCase()}" href="${href}" target="_blank" rel="noopener noreferrer">${name}</a></li>\n`)}<li><a class="share-email" href="${`mailto:?subject=${t}&body=${encodeURIComponent(`${title}\n\n${url}`)}`}">${words.email}</a></li>
<li><button type="button" class="share-copy" data-url="${url}" data-done="${words.copied}" hidden>${words.copy}</button> <span class="share-status" role="status"></span></li>
</ul>
</nav>`;
}

export function articlePage(article: ArticleRecord, site: SiteSettings, origin: string): Markup {
  const words = wordsFor(site);
  const url = origin + articlePath(article.slug);
  const media = article.image?.media;
  const image = article.image;
  const imageUrl = media ? origin + uploadPath(media.file) : undefined;
  const preview = media && PREVIEWABLE.test(media.type) ? { url: imageUrl!, type: media.type, width: media.width, height: media.height, alt: image!.alt } : undefined;
  const logo = site.logo ? absoluteTo(origin, site.logo) : undefined;
  const shareImage = preview?.url ?? logo;
  const published = rfc3339(article.publishedAt);
  const modified = article.updatedAt ? rfc3339(article.updatedAt) : undefined;
  const thread = encodeURIComponent(article.thread);
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title.slice(0, 110),
    description: article.excerpt,
    url,
    mainEntityOfPage: url,
    datePublished: published,
    ...(modified ? { dateModified: modified } : {}),
    inLanguage: site.language,
    ...(imageUrl ? { image: [imageUrl] } : {}),
    ...(article.author ? { author: [{ '@type': 'Person', name: article.author.name, ...(article.author.url ? { url: article.author.url } : {}) }] } : {}),
    publisher: { '@type': 'Organization', name: site.name, ...(logo ? { logo: { '@type': 'ImageObject', url: logo } } : {}) },
    ...(article.categories.length ? { articleSection: article.categories.map((c) => c.name) } : {}),
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name).join(', ') } : {}),
  };
  return html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${article.title} · ${site.name}</title>
<meta name="description" content="${article.excerpt}">
${article.author ? html`<meta name="author" content="${article.author.name}">` : ''}
<link rel="canonical" href="${url}">
${feedLinks(site)}
<link rel="alternate" type="application/rss+xml" title="${`${words.commentFeed}: ${article.title}`}" href="${`/feed.xml?thread=${thread}`}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${site.name}">
<meta property="og:locale" content="${site.locale}">
<meta property="og:title" content="${article.title}">
<meta property="og:description" content="${article.excerpt}">
<meta property="og:url" content="${url}">
${shareImage ? html`<meta property="og:image" content="${shareImage}">` : ''}
${preview ? html`<meta property="og:image:type" content="${preview.type}">` : ''}
${preview?.width && preview.height ? html`<meta property="og:image:width" content="${preview.width}">
<meta property="og:image:height" content="${preview.height}">` : ''}
${preview?.alt ? html`<meta property="og:image:alt" content="${preview.alt}">` : ''}
<meta property="article:published_time" content="${published}">
${modified ? html`<meta property="article:modified_time" content="${modified}">` : ''}
${article.categories[0] ? html`<meta property="article:section" content="${article.categories[0].name}">` : ''}
${article.tags.map((t) => html`<meta property="article:tag" content="${t.name}">\n`)}
<meta name="twitter:card" content="${preview ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${article.title}">
<meta name="twitter:description" content="${article.excerpt}">
${shareImage ? html`<meta name="twitter:image" content="${shareImage}">` : ''}
${preview?.alt ? html`<meta name="twitter:image:alt" content="${preview.alt}">` : ''}
<script type="application/ld+json">${raw(jsonLd(ld))}</script>
<link rel="stylesheet" href="/assets/site.css">
<script type="module" src="/kabar.js"></script>
<script type="module" src="/assets/share.js"></script>
</head>
<body>
${siteHeader(site)}
<main class="article">
<article>
<p class="kicker">${article.categories.map((c) => c.name).join(' · ')}</p>
<h1 dir="auto">${article.title}</h1>
<p class="byline">${article.author ? html`${words.by} <bdi class="author">${article.author.name}</bdi> · ` : ''}<time datetime="${published}">${pageDate(article.publishedAt)}</time></p>
${image && media ? html`<img class="hero" src="${uploadPath(media.file)}" alt="${image.alt}"${media?.width ? html` width="${media.width}"` : ''}${media?.height ? html` height="${media.height}"` : ''}>` : ''}
<div class="body">${raw(eachBlockItsDirection(articleBodyHtml(article)))}</div>
${article.tags.length ? html`<p class="tags">${words.tags}: ${article.tags.map((t, i) => html`${i ? ', ' : ''}<bdi>${t.name}</bdi>`)}</p>` : ''}
${shareLinks(url, article.title, site)}
</article>
<section class="comments" aria-label="${words.comments}">
<kabar-comment-box theme="auto" backend="/api/v1" thread="${article.thread}">
<p>${words.commentsLoading}</p>
</kabar-comment-box>
</section>
</main>
</body>
</html>
`;
}
