/**
 * The tables of notices, alike in both databases but for their column types: the outbox
 * (every e-mail and webhook delivery, written in the transaction of the event that causes
 * it), readers' addresses and what they asked to hear of, editors' addresses and choices,
 * and the e-mailed moderation links already used. Part of a migration of each store: change
 * them with a new migration, never here.
 */
import type { ColumnTypes } from '../store/schema.js';

export const notifyTables = (t: ColumnTypes): string => `  CREATE TABLE outbox (
    id ${t.id},
    kind TEXT NOT NULL CHECK (kind IN ('mail', 'webhook')),
    recipient TEXT NOT NULL,
    topic TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    created_at ${t.integer} NOT NULL,
    due_at ${t.integer} NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until ${t.integer},
    sent_at ${t.integer},
    failed_at ${t.integer},
    last_error TEXT
  );
  CREATE INDEX outbox_due ON outbox(due_at) WHERE sent_at IS NULL AND failed_at IS NULL;
  CREATE INDEX outbox_recipient ON outbox(recipient, created_at);
  CREATE TABLE mail_addresses (
    email TEXT PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    created_at ${t.integer} NOT NULL,
    confirm_sent_at ${t.integer},
    confirmed_at ${t.integer}
  );
  CREATE TABLE mail_subscriptions (
    email TEXT NOT NULL,
    item TEXT NOT NULL,
    thread TEXT NOT NULL,
    created_at ${t.integer} NOT NULL,
    PRIMARY KEY (email, item)
  );
  CREATE INDEX mail_subscriptions_item ON mail_subscriptions(item);
  CREATE TABLE editor_notices (
    editor TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    stories INTEGER NOT NULL,
    comments INTEGER NOT NULL,
    digest_minutes INTEGER NOT NULL,
    last_digest_at ${t.integer} NOT NULL
  );`;
