/**
 * The sender: claims due rows of the outbox (a lease, so one server sends each), sends them
 * (SMTP through nodemailer, webhooks over HTTP, signed), and settles each: sent, retried later
 * with a doubling delay, or given up. It runs beside the requests and never inside one: a
 * failing SMTP server or receiver delays the mail, never a reader's send. Digests are queued
 * here too, when an editor's interval has passed.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import nodemailer, { type Transporter } from 'nodemailer';
import type { SqlStore } from '../store/sql-store.js';
import { oneMailbox, type NotifyConfig } from './config.js';
import { editorDigest, type DigestCounts } from './messages.js';
import { anyDue, claim, enqueue, newMessageId, settle, type OutboxRow } from './outbox.js';
import type { Planner, QueuedMail } from './plan.js';

const POLL_MS = 1_000;
const BATCH = 10;
const ATTEMPT_TIMEOUT_MS = 15_000;
/**
 * How long the worker waits after a row is queued before it claims: the rows of a burst of sends
 * go in one claim and one settling write instead of two writes each, which on one SQLite file
 * would otherwise take turns with the readers' sends.
 */
const GATHER_MS = 200;

/** The header a receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'Kabar-Signature';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

type Outcome = { sent: true } | { sent: false; error: string; final?: boolean };

export class Worker {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly store: SqlStore,
    private readonly planner: Planner,
    private readonly config: NotifyConfig,
  ) {
    if (planner.mail) {
      this.transport = nodemailer.createTransport(config.smtpUrl, {
        connectionTimeout: ATTEMPT_TIMEOUT_MS,
        greetingTimeout: ATTEMPT_TIMEOUT_MS,
        socketTimeout: ATTEMPT_TIMEOUT_MS * 2,
      } as never);
    }
    planner.wake = () => this.wake();
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
    this.wake();
  }

  /** Looks at the outbox soon (after the write that queued has committed). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise<void>((resolve) => setTimeout(resolve, GATHER_MS).unref())
      .then(() => this.tick())
      .catch((error: unknown) => console.error('kabar: the outbox could not be read', error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Stops claiming; what is being sent finishes (a row cut off later is sent again once its lease runs out). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** One pass: due digests, then every due row, a batch at a time. */
  async tick(): Promise<void> {
    await this.digests();
    const reads = this.store.own.reads();
    while (!this.stopped && (await anyDue(reads, Date.now()))) {
      const rows = await this.store.own.write((db) => claim(db, this.owner, Date.now(), BATCH));
      if (!rows.length) break;
      const outcomes = await Promise.all(rows.map((row) => this.deliver(row)));
      await this.store.own.write(async (db) => {
        for (const [i, row] of rows.entries()) await settle(db, row, this.owner, outcomes[i], this.config.retryMs);
      });
    }
  }

  private async deliver(row: OutboxRow): Promise<Outcome> {
    let outcome: Outcome;
    try {
      outcome = row.kind === 'mail' ? await this.sendMail(row) : await this.sendWebhook(row);
    } catch (error) {
      const { responseCode: status, code } = error as { responseCode?: number; code?: string };
      // A 5xx about the message (its recipient refused) will not change; a 5xx at login (535, a
      // wrong password in KABAR_SMTP_URL) is the operator's to fix, and the mail waits for it.
      outcome = { sent: false, error: (error as Error).message || String(error), final: status !== undefined && status >= 500 && status < 600 && code !== 'EAUTH' };
    }
    if (!outcome.sent) {
      // The server's answer often quotes the recipient: the log gets no address.
      const why = outcome.error.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>');
      console.warn(`kabar: ${row.kind} ${row.topic} attempt ${row.attempts} failed (${why}); ${outcome.final ? 'given up' : 'retrying later'}`);
    }
    return outcome;
  }

  private async sendMail(row: OutboxRow): Promise<{ sent: true } | { sent: false; error: string; final: true }> {
    const mail = JSON.parse(row.payload) as QueuedMail;
    if (!oneMailbox(row.recipient)) return { sent: false, error: 'not one address', final: true };
    if (mail.guard) {
      // Unsubscribed, or erased, since it was queued: it does not go.
      const still = await this.store.own.reads().get(
        `SELECT 1 AS ok FROM mail_addresses a JOIN mail_subscriptions s ON s.email = a.email WHERE a.email = ? AND s.item = ? AND a.confirmed_at IS NOT NULL`,
        mail.guard.email,
        mail.guard.item,
      );
      if (!still) return { sent: false, error: 'unsubscribed', final: true };
    }
    await this.transport!.sendMail({
      from: this.config.mailFrom,
      to: row.recipient,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: row.message_id,
      date: new Date(),
      headers: {
        'Auto-Submitted': 'auto-generated',
        ...(mail.unsubscribe ? { 'List-Unsubscribe': `<${mail.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
      },
    });
    return { sent: true };
  }

  private async sendWebhook(row: OutboxRow): Promise<{ sent: true } | { sent: false; error: string }> {
    const { body } = JSON.parse(row.payload) as { body: string };
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(row.recipient, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Kabar-Webhook',
        'Kabar-Event': row.topic,
        'Kabar-Delivery': row.message_id,
        [SIGNATURE_HEADER]: signWebhook(this.config.webhookSecret!, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? { sent: true } : { sent: false, error: `HTTP ${response.status}` };
  }

  /** Queues the digest of every editor whose interval has passed (nothing when nothing arrived). */
  private async digests(): Promise<void> {
    if (!this.planner.mail) return;
    const now = Date.now();
    const due = await this.store.own.reads().get('SELECT 1 AS due FROM editor_notices WHERE digest_minutes > 0 AND last_digest_at + digest_minutes * 60000 <= ? LIMIT 1', now);
    if (!due) return;
    await this.store.own.write(async (db) => {
      const notices = (await this.planner.editorNotices(db)).filter((n) => n.digestMinutes > 0);
      for (const notice of notices) {
        const row = await db.get<{ last_digest_at: number }>('SELECT last_digest_at FROM editor_notices WHERE editor = ?', notice.editor);
        const since = Number(row!.last_digest_at);
        if (since + notice.digestMinutes * 60_000 > now) continue;
        await db.run('UPDATE editor_notices SET last_digest_at = ? WHERE editor = ?', now, notice.editor);
        const stories = notice.stories
          ? await db.all<{ title: string; name: string; status: string }>('SELECT title, name, status FROM stories WHERE received_at > ? AND received_at <= ? AND status IN (?, ?) ORDER BY id', since, now, 'pending', 'spam')
          : [];
        const comments = notice.comments
          ? await db.all<{ author_name: string; body: string; status: string }>('SELECT author_name, body, status FROM comments WHERE created_at > ? AND created_at <= ? AND status IN (?, ?) ORDER BY id', since, now, 'pending', 'spam')
          : [];
        const counts: DigestCounts = {
          stories: stories.filter((s) => s.status === 'pending').map((s) => ({ title: s.title, name: s.name })),
          comments: comments.filter((c) => c.status === 'pending').map((c) => ({ name: c.author_name, body: c.body })),
          spamStories: stories.filter((s) => s.status === 'spam').length,
          spamComments: comments.filter((c) => c.status === 'spam').length,
        };
        if (!stories.length && !comments.length) continue;
        const message = editorDigest(this.planner.t, this.config.siteName, notice.digestMinutes, counts, `${this.planner.base}/admin`);
        await enqueue(db, { kind: 'mail', recipient: notice.email, topic: 'editor.digest', messageId: newMessageId(this.planner.domainName), payload: message }, this.config.hourlyCap, now);
      }
    });
  }
}
