/**
 * Every message the server sends, rendered when it is queued: plain text and simple HTML from
 * one list of blocks, in the site's language. What the outbox keeps is the finished message,
 * so a retry after a restart sends exactly what was queued.
 */
import type { ArticleRecord, CommentRecord, StoryRecord } from '../store/types.js';
import type { MailCatalogue } from './i18n/index.js';
import { LINK_TTL_DAYS } from './links.js';

/** A queued e-mail as the outbox keeps it (the recipient and Message-ID are columns of their own). */
export interface MailPayload {
  subject: string;
  text: string;
  html: string;
  /** One-click unsubscribe (RFC 8058), on every message to a reader. */
  unsubscribe?: string;
}

type Block = string | { quote: string } | { link: string; label: string } | { small: string };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function render(t: MailCatalogue, subject: string, blocks: Block[], unsubscribe?: string): MailPayload {
  const text = blocks
    .map((b) => (typeof b === 'string' ? b : 'quote' in b ? b.quote.replace(/^/gm, '> ') : 'link' in b ? `${b.label}\n${b.link}` : `-- \n${b.small}`))
    .join('\n\n');
  const html = blocks
    .map((b) =>
      typeof b === 'string'
        ? `<p>${escapeHtml(b)}</p>`
        : 'quote' in b
          ? `<blockquote style="border-left:3px solid #ccc;margin:0;padding-left:1em;white-space:pre-wrap">${escapeHtml(b.quote)}</blockquote>`
          : 'link' in b
            ? `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a></p>`
            : `<p style="color:#555;font-size:small">${escapeHtml(b.small)}</p>`,
    )
    .join('\n');
  return {
    subject,
    text: `${text}\n`,
    html: `<!doctype html><html lang="${t.tag}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:40em">\n${html}\n</body></html>`,
    ...(unsubscribe ? { unsubscribe } : {}),
  };
}

/** The approve and reject links of one item, for one editor. */
export interface Decisions {
  approve: string;
  reject: string;
}

const decisionBlocks = (t: MailCatalogue, links: Decisions): Block[] => [
  { link: links.approve, label: t.action.approve },
  { link: links.reject, label: t.action.reject },
];

export function editorStory(t: MailCatalogue, site: string, story: StoryRecord, links: Decisions, admin: string): MailPayload {
  return render(t, t.storySubject(story.title), [
    t.waiting,
    t.from(story.name, story.community),
    story.title,
    { quote: story.body },
    ...(story.originalUrl ? [story.originalUrl] : []),
    ...decisionBlocks(t, links),
    { link: admin, label: t.openAdmin },
    { small: `${t.linkNote(LINK_TTL_DAYS)} ${t.editorFooter(site)}` },
  ]);
}

export function editorComment(t: MailCatalogue, site: string, comment: CommentRecord, page: string | null, parent: string | undefined, links: Decisions, admin: string): MailPayload {
  return render(t, t.commentSubject(comment.authorName), [
    t.waiting,
    t.from(comment.authorName),
    ...(page ? [`${t.onPage} ${page}`] : [`${t.onPage} ${comment.thread}`]),
    ...(parent ? [t.inReplyTo(parent)] : []),
    { quote: comment.body },
    ...decisionBlocks(t, links),
    { link: admin, label: t.openAdmin },
    { small: `${t.linkNote(LINK_TTL_DAYS)} ${t.editorFooter(site)}` },
  ]);
}

export interface DigestCounts {
  stories: Array<{ title: string; name: string }>;
  comments: Array<{ name: string; body: string }>;
  spamStories: number;
  spamComments: number;
}

export function editorDigest(t: MailCatalogue, site: string, minutes: number, counts: DigestCounts, admin: string): MailPayload {
  const clip = (text: string): string => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
  return render(t, t.digestSubject(counts.stories.length, counts.comments.length), [
    t.digestIntro(minutes),
    ...(counts.stories.length ? [`${t.digestStories(counts.stories.length)}:\n${counts.stories.map((s) => `- ${s.title} (${s.name})`).join('\n')}`] : []),
    ...(counts.comments.length ? [`${t.digestComments(counts.comments.length)}:\n${counts.comments.map((c) => `- ${c.name}: ${clip(c.body.replace(/\s+/g, ' '))}`).join('\n')}`] : []),
    ...(counts.spamStories || counts.spamComments ? [t.digestSpam(counts.spamStories, counts.spamComments)] : []),
    { link: admin, label: t.openAdmin },
    { small: t.editorFooter(site) },
  ]);
}

/** Where a reader stops: this conversation, or everything. */
export interface Unsubscribe {
  thread: string;
  all: string;
}

const readerEnd = (t: MailCatalogue, site: string, stop: Unsubscribe): Block[] => [
  { link: stop.thread, label: t.unsubscribeThread },
  { link: stop.all, label: t.unsubscribeAll(site) },
  { small: t.readerFooter(site) },
];

export function readerConfirm(t: MailCatalogue, site: string, confirm: string, stopAll: string): MailPayload {
  return render(t, t.confirmSubject(site), [t.confirmBody(site), { link: confirm, label: t.confirmButton }, { link: stopAll, label: t.unsubscribeAll(site) }], stopAll);
}

export function readerPublished(t: MailCatalogue, site: string, comment: CommentRecord, page: string | null, stop: Unsubscribe): MailPayload {
  return render(t, t.publishedSubject, [t.publishedBody, { quote: comment.body }, ...(page ? [{ link: page, label: t.view }] : []), ...readerEnd(t, site, stop)], stop.thread);
}

export function readerReply(t: MailCatalogue, site: string, reply: CommentRecord, page: string | null, stop: Unsubscribe): MailPayload {
  return render(t, t.replySubject(reply.authorName), [t.replyBody(reply.authorName), { quote: reply.body }, ...(page ? [{ link: page, label: t.view }] : []), ...readerEnd(t, site, stop)], stop.thread);
}

export function writerPublished(t: MailCatalogue, site: string, article: ArticleRecord, url: string, stop: Unsubscribe): MailPayload {
  return render(t, t.storyPublishedSubject(article.title), [t.storyPublishedBody, article.title, { link: url, label: t.view }, ...readerEnd(t, site, stop)], stop.thread);
}
