/**
 * A Disqus export (Admin → Moderation → Export): each thread's page becomes its
 * Kabar thread key (this server's article when the page is `/artikel/<slug>`
 * here, else the page's site and path, which the comment box uses on a partner's
 * page), and its posts the comments with authors, dates, replies and approval
 * (deleted and spam posts stay behind).
 */
import type { Element } from 'domhandler';
import type { Store } from '../store/types.js';
import { childrenNamed, htmlToMarkdown, ImportError, readXml, textOf, timeOf } from './xml.js';
import type { ImportSummary } from './summary.js';

/** The thread key of a Disqus thread's page. */
async function threadOf(store: Store, link: string): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const own = /^\/artikel\/([^/]+)\/?$/.exec(url.pathname);
  const article = own ? await store.getArticleBySlug(decodeURIComponent(own[1])) : undefined;
  return article?.thread ?? `${url.origin}${url.pathname}`;
}

const idOf = (node: Element | undefined): string | undefined => node?.attribs['dsq:id'];

export async function importDisqus(store: Store, text: string): Promise<ImportSummary> {
  const root = childrenNamed(readXml(text), 'disqus')[0];
  if (!root) throw new ImportError('This is not a Disqus export: make one in Disqus under Moderation → Export (an .xml file with a <disqus> root).');
  const summary: ImportSummary = { articles: 0, comments: 0, skipped: 0 };
  const threads = new Map<string, string>();
  for (const thread of childrenNamed(root, 'thread')) {
    const id = idOf(thread);
    const key = await threadOf(store, textOf(thread, 'link'));
    if (id && key) threads.set(id, key);
  }
  const forum = textOf(childrenNamed(root, 'thread')[0] ?? root, 'forum') || 'disqus';
  const source = `disqus:${forum}`;

  const posts = childrenNamed(root, 'post').filter((post) => {
    const keep = textOf(post, 'isDeleted') !== 'true' && textOf(post, 'isSpam') !== 'true' && threads.has(idOf(childrenNamed(post, 'thread')[0]) ?? '');
    if (!keep) summary.skipped++;
    return keep;
  });
  posts.sort((a, b) => (timeOf(textOf(a, 'createdAt')) ?? 0) - (timeOf(textOf(b, 'createdAt')) ?? 0));
  const local = new Map<string, string>();
  const ids = new Set(posts.map((p) => idOf(p)));
  // Parents before their replies, whatever their times say; a reply whose parent is not in the file stands alone.
  let pending = posts;
  while (pending.length) {
    const ready = pending.filter((p) => {
      const parent = idOf(childrenNamed(p, 'parent')[0]);
      return !parent || !ids.has(parent) || local.has(parent);
    });
    const batch = ready.length ? ready : pending;
    for (const post of batch) {
      const author = childrenNamed(post, 'author')[0];
      const parent = idOf(childrenNamed(post, 'parent')[0]);
      const body = htmlToMarkdown(textOf(post, 'message'));
      if (!body) continue;
      const result = await store.importComment(
        {
          thread: threads.get(idOf(childrenNamed(post, 'thread')[0])!)!,
          parentId: parent ? (local.get(parent) ?? null) : null,
          authorName: (author && (textOf(author, 'name') || textOf(author, 'username'))) || 'Anonim',
          authorEmail: author ? textOf(author, 'email') : '',
          body,
          createdAt: timeOf(textOf(post, 'createdAt')) ?? Date.now(),
          status: textOf(post, 'isApproved') === 'false' ? 'pending' : 'approved',
        },
        { source, kind: 'comment', externalId: idOf(post) ?? `${textOf(post, 'createdAt')} ${body.slice(0, 40)}` },
      );
      local.set(idOf(post) ?? '', result.id);
      if (result.added) summary.comments++;
    }
    const done = new Set(batch);
    pending = pending.filter((p) => !done.has(p));
  }
  return summary;
}
