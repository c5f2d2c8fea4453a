/**
 * What each event means for mail and webhooks, decided inside the event's own transaction
 * (the store calls `plan` there): the rows it queues commit or roll back with the story or
 * comment. Editors hear of what waits for review (held spam only as a count in digests);
 * readers hear only once their address is confirmed, and only of what they asked.
 */
import { randomBytes } from 'node:crypto';
import type { Conn, StoreEvent } from '../store/sql-store.js';
import type { ArticleRecord, CommentRecord, StoryRecord } from '../store/types.js';
import { rfc3339, threadUrl, wireArticle, wireComment, wireStory } from '../wire.js';
import { addressOf, mailOn, oneMailbox, type NotifyConfig } from './config.js';
import { CATALOGUES, type ItemKind, type MailCatalogue } from './i18n/index.js';
import { signLink } from './links.js';
import { editorComment, editorStory, readerConfirm, readerPublished, readerReply, writerPublished, type MailPayload, type Unsubscribe } from './messages.js';
import { enqueue, newMessageId } from './outbox.js';

export const OWNER = 'owner';

/** An editor's choices, as /admin and the editor CLI set them. */
export interface EditorNotice {
  editor: string;
  email: string;
  stories: boolean;
  comments: boolean;
  /** 0: one message per item; otherwise a digest every this many minutes. */
  digestMinutes: number;
}

/** A queued e-mail's payload: the message, and for a reader's notice what must still hold when it goes. */
export interface QueuedMail extends MailPayload {
  /** Sent only if this address is still confirmed and still subscribed to this item. */
  guard?: { email: string; item: string };
}

export class Planner {
  readonly t: MailCatalogue;
  /** The origin links start with; set from KABAR_PUBLIC_URL or once the server listens. */
  base: string;
  /** Called after a row is queued, so the worker looks at once. */
  wake: () => void = () => undefined;

  constructor(
    readonly config: NotifyConfig,
    private readonly adminToken: string,
    base: string,
  ) {
    this.t = CATALOGUES[config.language];
    this.base = base;
  }

  get mail(): boolean {
    return mailOn(this.config);
  }

  get domainName(): string {
    return addressOf(this.config.mailFrom ?? 'kabar@localhost').split('@')[1] ?? 'localhost';
  }

  readonly plan = async (db: Conn, event: StoreEvent): Promise<void> => {
    switch (event.type) {
      case 'story.received':
        if (event.story.status === 'spam') return;
        await this.toEditors(db, 'story', event.story.id, (links, admin) => editorStory(this.t, this.config.siteName, event.story, links, admin));
        await this.webhook(db, event.type, { story: this.wireStory(event.story) });
        if (event.notify) await this.subscribe(db, event.story.email, `story:${event.story.id}`, `story:${event.story.id}`);
        return;
      case 'comment.received': {
        const comment = event.comment;
        if (comment.status === 'spam') return;
        if (comment.status === 'pending') {
          const parent = comment.parentId ? await db.get<{ author_name: string }>('SELECT author_name FROM comments WHERE id = ?', Number(comment.parentId)) : undefined;
          await this.toEditors(db, 'comment', comment.id, (links, admin) =>
            editorComment(this.t, this.config.siteName, comment, threadUrl(comment), parent?.author_name, links, admin),
          );
        }
        await this.webhook(db, event.type, { comment: this.wireComment(comment) });
        if (event.notify) await this.subscribe(db, comment.authorEmail, `comment:${comment.id}`, comment.thread);
        return;
      }
      case 'story.approved':
        await this.webhook(db, event.type, { story: this.wireStory(event.story), article: wireArticle(event.article, this.base) });
        await this.writerPublished(db, event.story, event.article);
        return;
      case 'story.rejected':
        await this.webhook(db, event.type, { story: this.wireStory(event.story) });
        return;
      case 'comment.approved':
        await this.webhook(db, event.type, { comment: this.wireComment(event.comment) });
        await this.commentApproved(db, event.comment);
        return;
      case 'comment.rejected':
        await this.webhook(db, event.type, { comment: this.wireComment(event.comment) });
        return;
      case 'email.erased': {
        const email = event.email.toLowerCase();
        await db.run('DELETE FROM mail_subscriptions WHERE email = ?', email);
        await db.run('DELETE FROM mail_addresses WHERE email = ?', email);
        await db.run("DELETE FROM outbox WHERE kind = 'mail' AND recipient = ?", email);
        return;
      }
    }
  };

  // Editors -----------------------------------------------------------------

  /** Everyone who gets editors' mail: editors who gave an address (still editors), then KABAR_NOTIFY_EMAIL. */
  async editorNotices(db: Conn): Promise<EditorNotice[]> {
    const rows = await db.all<{ editor: string; email: string; stories: number; comments: number; digest_minutes: number }>(
      `SELECT editor, email, stories, comments, digest_minutes FROM editor_notices n
       WHERE n.editor = ? OR EXISTS (SELECT 1 FROM editors e WHERE e.name = n.editor) ORDER BY editor`,
      OWNER,
    );
    const notices: EditorNotice[] = rows.map((r) => ({ editor: r.editor, email: r.email, stories: !!Number(r.stories), comments: !!Number(r.comments), digestMinutes: Number(r.digest_minutes) }));
    for (const email of this.config.notifyEmails) {
      if (!notices.some((n) => n.email === email)) notices.push({ editor: OWNER, email, stories: true, comments: true, digestMinutes: 0 });
    }
    return notices;
  }

  private async toEditors(db: Conn, kind: ItemKind, id: string, build: (links: { approve: string; reject: string }, admin: string) => MailPayload): Promise<void> {
    if (!this.mail) return;
    const admin = `${this.base}/admin`;
    for (const notice of await this.editorNotices(db)) {
      if (notice.digestMinutes > 0 || !(kind === 'story' ? notice.stories : notice.comments)) continue;
      const link = (action: 'approve' | 'reject'): string => `${this.base}/api/v1/mail/moderate?t=${signLink(this.adminToken, { editor: notice.editor, kind, id, action })}`;
      await this.queueMail(db, notice.email, `editor.${kind}`, build({ approve: link('approve'), reject: link('reject') }, admin));
    }
  }

  // Readers and writers -------------------------------------------------------

  /** Asks for `item`'s notices; the first time an address is seen, its one confirmation message is queued. */
  private async subscribe(db: Conn, address: string, item: string, thread: string): Promise<void> {
    if (!this.mail) return;
    const email = address.toLowerCase();
    const now = Date.now();
    await db.run('INSERT INTO mail_addresses (email, key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', email, randomBytes(24).toString('base64url'), now);
    await db.run('INSERT INTO mail_subscriptions (email, item, thread, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', email, item, thread, now);
    const row = (await db.get<{ key: string; confirm_sent_at: number | null; confirmed_at: number | null }>('SELECT key, confirm_sent_at, confirmed_at FROM mail_addresses WHERE email = ?', email))!;
    // Exactly one confirmation, ever: an address that does not confirm hears nothing more.
    if (row.confirmed_at !== null || row.confirm_sent_at !== null) return;
    await db.run('UPDATE mail_addresses SET confirm_sent_at = ? WHERE email = ?', now, email);
    const links = this.readerLinks(row.key, thread);
    await this.queueMail(db, email, 'reader.confirm', readerConfirm(this.t, this.config.siteName, `${this.base}/api/v1/mail/confirm?a=${row.key}`, links.all));
  }

  readerLinks(key: string, thread: string): Unsubscribe {
    const stop = `${this.base}/api/v1/mail/unsubscribe?a=${key}`;
    return { thread: `${stop}&thread=${encodeURIComponent(thread)}`, all: stop };
  }

  /** The confirmed subscribers of an item, with their keys. */
  private async subscribers(db: Conn, item: string): Promise<Array<{ email: string; key: string; thread: string }>> {
    return db.all(
      `SELECT s.email, a.key, s.thread FROM mail_subscriptions s JOIN mail_addresses a ON a.email = s.email
       WHERE s.item = ? AND a.confirmed_at IS NOT NULL`,
      item,
    );
  }

  private async commentApproved(db: Conn, comment: CommentRecord): Promise<void> {
    if (!this.mail) return;
    const page = threadUrl(comment);
    const item = `comment:${comment.id}`;
    for (const s of await this.subscribers(db, item)) {
      await this.queueMail(db, s.email, 'reader.published', readerPublished(this.t, this.config.siteName, comment, page, this.readerLinks(s.key, s.thread)), { email: s.email, item });
    }
    if (!comment.parentId) return;
    const parentItem = `comment:${comment.parentId}`;
    for (const s of await this.subscribers(db, parentItem)) {
      // Nobody is told of their own reply.
      if (s.email === comment.authorEmail.toLowerCase()) continue;
      await this.queueMail(db, s.email, 'reader.reply', readerReply(this.t, this.config.siteName, comment, page, this.readerLinks(s.key, s.thread)), { email: s.email, item: parentItem });
    }
  }

  private async writerPublished(db: Conn, story: StoryRecord, article: ArticleRecord): Promise<void> {
    if (!this.mail) return;
    const item = `story:${story.id}`;
    const url = wireArticle(article, this.base).url;
    for (const s of await this.subscribers(db, item)) {
      await this.queueMail(db, s.email, 'reader.story_published', writerPublished(this.t, this.config.siteName, article, url, this.readerLinks(s.key, s.thread)), { email: s.email, item });
    }
  }

  private async queueMail(db: Conn, recipient: string, topic: string, message: MailPayload, guard?: QueuedMail['guard']): Promise<void> {
    if (!oneMailbox(recipient)) return;
    const payload: QueuedMail = { ...message, ...(guard ? { guard } : {}) };
    if (await enqueue(db, { kind: 'mail', recipient, topic, messageId: newMessageId(this.domainName), payload }, this.config.hourlyCap)) this.wake();
  }

  // Webhooks ------------------------------------------------------------------

  /** A story as the queue shows it, without its photo and, unless the operator turns it on, its sender's address. */
  private wireStory(story: StoryRecord) {
    const { email, photo: _photo, spam_reason: _reason, ...rest } = wireStory(story, this.base);
    return { ...rest, ...(this.config.webhookEmails ? { email } : {}) };
  }

  private wireComment(comment: CommentRecord) {
    return {
      ...wireComment(comment),
      status: comment.status,
      ...(this.config.webhookEmails ? { author_email: comment.authorEmail } : {}),
      thread_url: threadUrl(comment),
    };
  }

  private async webhook(db: Conn, type: string, data: Record<string, unknown>): Promise<void> {
    const urls = this.config.webhookUrls;
    if (!urls.length) return;
    const id = randomBytes(12).toString('hex');
    const body = JSON.stringify({ id, type, created_at: rfc3339(Date.now()), data });
    for (const [i, url] of urls.entries()) {
      await enqueue(db, { kind: 'webhook', recipient: url, topic: type, messageId: `${id}-${i + 1}`, payload: { body } }, this.config.hourlyCap);
    }
    this.wake();
  }
}
