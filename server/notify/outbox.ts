/**
 * The outbox: one row per e-mail or webhook delivery, inserted in the transaction of the event
 * that causes it, so a committed story always has its messages and a rolled-back one none.
 * A worker claims due rows with a lease (inside a write transaction, which on PostgreSQL every
 * server takes in turn), so two servers never hold the same row; a row whose sender died is
 * claimed again once its lease has run out.
 */
import { randomBytes } from 'node:crypto';
import type { Conn } from '../store/sql-store.js';

export type OutboxKind = 'mail' | 'webhook';

export interface OutboxRow {
  id: number;
  kind: OutboxKind;
  recipient: string;
  topic: string;
  message_id: string;
  payload: string;
  created_at: number;
  attempts: number;
}

/** How long a claimed row is the claimer's alone: far above one SMTP or HTTP attempt's timeouts. */
export const LEASE_MS = 2 * 60 * 1000;
/** After this many failed attempts a row is given up (about 10 hours with the default first delay). */
export const MAX_ATTEMPTS = 12;
const MAX_DELAY_MS = 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The delay before attempt `attempts + 1`: doubling from `firstMs`, at most an hour, with a little jitter. */
export const backoff = (attempts: number, firstMs: number): number =>
  Math.min(MAX_DELAY_MS, firstMs * 2 ** Math.max(0, attempts - 1)) * (0.9 + Math.random() * 0.2);

export const newMessageId = (domain: string): string => `<${Date.now().toString(36)}.${randomBytes(9).toString('base64url')}@${domain}>`;

export interface Enqueue {
  kind: OutboxKind;
  recipient: string;
  topic: string;
  messageId: string;
  payload: unknown;
}

/**
 * Queues one row in the caller's transaction. An e-mail to an address that already had `cap`
 * messages queued in the last hour is not queued (answers false): a flood of comments cannot
 * turn the server into a spam cannon.
 */
export async function enqueue(db: Conn, row: Enqueue, cap: number, now = Date.now()): Promise<boolean> {
  if (row.kind === 'mail') {
    const recent = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'mail' AND recipient = ? AND created_at > ?", row.recipient, now - HOUR_MS);
    if (Number(recent!.n) >= cap) {
      console.warn(`kabar: ${row.topic} not queued: an address had ${cap} messages this hour (KABAR_MAIL_HOURLY_CAP)`);
      return false;
    }
  }
  await db.run(
    'INSERT INTO outbox (kind, recipient, topic, message_id, payload, created_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    row.kind,
    row.recipient,
    row.topic,
    row.messageId,
    JSON.stringify(row.payload),
    now,
    now,
  );
  return true;
}

const WAITING = 'sent_at IS NULL AND failed_at IS NULL';

/** Whether any row is due (a read: most ticks find nothing and so cost no write). */
export async function anyDue(reads: Conn, now: number): Promise<boolean> {
  const row = await reads.get(`SELECT 1 AS due FROM outbox WHERE ${WAITING} AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) LIMIT 1`, now, now);
  return row !== undefined;
}

/** Takes up to `limit` due rows for `owner` until its lease runs out; inside a write transaction. */
export async function claim(db: Conn, owner: string, now: number, limit: number): Promise<OutboxRow[]> {
  const rows = await db.all<OutboxRow>(
    `SELECT id, kind, recipient, topic, message_id, payload, created_at, attempts FROM outbox
     WHERE ${WAITING} AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at, id LIMIT ?`,
    now,
    now,
    limit,
  );
  for (const row of rows) await db.run('UPDATE outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1 WHERE id = ?', owner, now + LEASE_MS, row.id);
  return rows.map((row) => ({ ...row, id: Number(row.id), attempts: Number(row.attempts) + 1 }));
}

/** Done: sent, or given up (`failed`), or retried later; only while `owner` still holds the lease. */
export async function settle(db: Conn, row: OutboxRow, owner: string, outcome: { sent: true } | { sent: false; error: string; final?: boolean }, retryMs: number, now = Date.now()): Promise<void> {
  if (outcome.sent) {
    await db.run('UPDATE outbox SET sent_at = ?, lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = ? AND lease_owner = ?', now, row.id, owner);
    return;
  }
  const error = outcome.error.slice(0, 300);
  if (outcome.final || row.attempts >= MAX_ATTEMPTS) {
    await db.run('UPDATE outbox SET failed_at = ?, lease_owner = NULL, lease_until = NULL, last_error = ? WHERE id = ? AND lease_owner = ?', now, error, row.id, owner);
  } else {
    await db.run(
      'UPDATE outbox SET due_at = ?, lease_owner = NULL, lease_until = NULL, last_error = ? WHERE id = ? AND lease_owner = ?',
      Math.round(now + backoff(row.attempts, retryMs)),
      error,
      row.id,
      owner,
    );
  }
}

export interface Delivery {
  id: string;
  event: string;
  url: string;
  status: 'sent' | 'waiting' | 'failed';
  attempts: number;
  created_at: number;
  sent_at: number | null;
  next_attempt_at: number | null;
  last_error: string | null;
}

/** The latest webhook deliveries, newest first, for /admin. */
export async function listDeliveries(reads: Conn, limit: number): Promise<Delivery[]> {
  const rows = await reads.all<{ message_id: string; topic: string; recipient: string; attempts: number; created_at: number; sent_at: number | null; failed_at: number | null; due_at: number; last_error: string | null }>(
    "SELECT message_id, topic, recipient, attempts, created_at, sent_at, failed_at, due_at, last_error FROM outbox WHERE kind = 'webhook' ORDER BY id DESC LIMIT ?",
    limit,
  );
  return rows.map((r) => ({
    id: r.message_id,
    event: r.topic,
    // Only where it goes: a receiver's URL may carry its own secret (a bot token in the path).
    url: hostOf(r.recipient),
    status: r.sent_at !== null ? 'sent' : r.failed_at !== null ? 'failed' : 'waiting',
    attempts: Number(r.attempts),
    created_at: Number(r.created_at),
    sent_at: r.sent_at === null ? null : Number(r.sent_at),
    next_attempt_at: r.sent_at === null && r.failed_at === null ? Number(r.due_at) : null,
    last_error: r.last_error,
  }));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
