/**
 * A WordPress export (WXR, Tools → Export): its published posts become
 * articles (slug, title, text as markdown, author, date, categories, tags) and
 * their comments the comments of those articles' threads, with authors, dates,
 * replies and approval (approved or pending; spam and trash stay behind).
 */
import { DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { excerptOf, slugify } from '../publish.js';
import type { Store } from '../store/types.js';
import { articlePath } from '../wire.js';
import { childrenNamed, firstNamed, htmlToMarkdown, ImportError, readXml, textOf, timeOf } from './xml.js';
import type { ImportSummary } from './summary.js';

export async function importWordPress(store: Store, text: string): Promise<ImportSummary> {
  const doc = readXml(text);
  const channel = firstNamed(doc, 'channel');
  if (!channel || !firstNamed(channel, 'wp:wxr_version')) throw new ImportError('This is not a WordPress export: make one in WordPress under Tools → Export (a WXR .xml file).');
  const site = textOf(channel, 'wp:base_site_url') || textOf(channel, 'link') || 'wordpress';
  const source = `wordpress:${site}`;
  const summary: ImportSummary = { articles: 0, comments: 0, skipped: 0 };

  // Posts name their author by login (dc:creator); WordPress shows the display name.
  const authorNames = new Map<string, string>();
  for (const author of childrenNamed(channel, 'wp:author')) {
    const login = textOf(author, 'wp:author_login');
    if (login) authorNames.set(login, textOf(author, 'wp:author_display_name') || login);
  }
  const categoryNames = new Map<string, string>();
  for (const category of childrenNamed(channel, 'wp:category')) {
    const slug = textOf(category, 'wp:category_nicename');
    if (slug) categoryNames.set(slug, textOf(category, 'wp:cat_name') || slug);
  }
  const ensureCategory = async (slug: string, name: string): Promise<string> => {
    const found = await store.findCategory(slug);
    return (found ?? (await store.addCategory({ slug: slugify(slug), name }))).slug;
  };

  for (const item of childrenNamed(channel, 'item')) {
    if (textOf(item, 'wp:post_type') !== 'post' || textOf(item, 'wp:status') !== 'publish') {
      summary.skipped++;
      continue;
    }
    const title = textOf(item, 'title') || '(tanpa judul)';
    const slug = slugify(decodeURIComponent(textOf(item, 'wp:post_name')) || title);
    const body = htmlToMarkdown(textOf(item, 'content:encoded')) || title;
    const excerpt = htmlToMarkdown(textOf(item, 'excerpt:encoded'));
    const terms = childrenNamed(item, 'category');
    const categories: string[] = [];
    for (const term of terms.filter((t) => t.attribs.domain === 'category')) {
      const nicename = term.attribs.nicename || slugify(DomUtils.textContent(term));
      categories.push(await ensureCategory(nicename, categoryNames.get(nicename) ?? DomUtils.textContent(term).trim()));
    }
    const tags = terms.filter((t) => t.attribs.domain === 'post_tag').map((t) => ({ slug: t.attribs.nicename || slugify(DomUtils.textContent(t)), name: DomUtils.textContent(t).trim() }));
    const publishedAt = timeOf(textOf(item, 'wp:post_date_gmt'), true) ?? timeOf(textOf(item, 'pubDate')) ?? Date.now();
    const article = await store.importArticle(
      {
        slug,
        thread: articlePath(slug),
        title,
        excerpt: excerpt ? excerptOf(excerpt) : excerptOf(body),
        body,
        publishedAt,
        authorName: authorNames.get(textOf(item, 'dc:creator')) ?? (textOf(item, 'dc:creator') || undefined),
        categories,
        tags,
      },
      { source, kind: 'article', externalId: textOf(item, 'wp:post_id') || slug },
    );
    if (article.added) summary.articles++;
    const thread = (await store.getAnyArticle(article.id))!.thread;
    summary.comments += await importComments(store, source, thread, childrenNamed(item, 'wp:comment'), summary);
  }
  return summary;
}

/** A post's comments, parents before replies; answers how many were added. */
async function importComments(store: Store, source: string, thread: string, comments: Element[], summary: ImportSummary): Promise<number> {
  const local = new Map<string, string>();
  let added = 0;
  const wanted = comments.filter((c) => {
    const approved = textOf(c, 'wp:comment_approved');
    const type = textOf(c, 'wp:comment_type');
    const keep = (approved === '1' || approved === '0') && (type === '' || type === 'comment');
    if (!keep) summary.skipped++;
    return keep;
  });
  // Parents first: WordPress exports in id order, but nothing promises it.
  wanted.sort((a, b) => Number(textOf(a, 'wp:comment_id')) - Number(textOf(b, 'wp:comment_id')));
  for (const comment of wanted) {
    const id = textOf(comment, 'wp:comment_id');
    const parent = textOf(comment, 'wp:comment_parent');
    const body = htmlToMarkdown(textOf(comment, 'wp:comment_content'));
    if (!body) continue;
    const result = await store.importComment(
      {
        thread,
        parentId: parent && parent !== '0' ? (local.get(parent) ?? null) : null,
        authorName: textOf(comment, 'wp:comment_author') || 'Anonim',
        authorEmail: textOf(comment, 'wp:comment_author_email'),
        authorUrl: /^https?:\/\//i.test(textOf(comment, 'wp:comment_author_url')) ? textOf(comment, 'wp:comment_author_url') : undefined,
        body,
        createdAt: timeOf(textOf(comment, 'wp:comment_date_gmt'), true) ?? timeOf(textOf(comment, 'wp:comment_date')) ?? Date.now(),
        status: textOf(comment, 'wp:comment_approved') === '1' ? 'approved' : 'pending',
      },
      { source, kind: 'comment', externalId: id },
    );
    local.set(id, result.id);
    if (result.added) added++;
  }
  return added;
}
