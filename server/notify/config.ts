/**
 * What the server tells, and to whom, from the environment. Nothing is sent unless it is
 * configured: `KABAR_SMTP_URL` and `KABAR_MAIL_FROM` for e-mail, `KABAR_WEBHOOK_URL` (with
 * `KABAR_WEBHOOK_SECRET`) for webhooks.
 */
import addressparser from 'nodemailer/lib/addressparser';
import { isEmail } from '../../src/core/rules/rules.js';
import type { MailLanguage } from './i18n/index.js';

export interface NotifyConfig {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; unset: no e-mail at all. */
  smtpUrl?: string;
  /** The From of every message, e.g. `Redaksi Kabar <redaksi@example.org>`. */
  mailFrom?: string;
  /** Addresses of operators without an editor account: every story and comment waiting. */
  notifyEmails: string[];
  /** Where events are POSTed. */
  webhookUrls: string[];
  /** The key of the webhooks' HMAC-SHA256 signature. */
  webhookSecret?: string;
  /** Whether webhook payloads carry senders' e-mail addresses (off unless the operator turns it on). */
  webhookEmails: boolean;
  /** The language of every message and confirmation page. */
  language: MailLanguage;
  /** The name messages sign with. */
  siteName: string;
  /** The most messages one address gets in an hour; more are not queued. */
  hourlyCap: number;
  /** The first retry's delay; each next one doubles, up to an hour. */
  retryMs: number;
}

/** Whether e-mail is configured at all. */
export const mailOn = (config: NotifyConfig): boolean => !!config.smtpUrl && !!config.mailFrom;

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);

function whole(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, got "${value}"`);
  return n;
}

/** Reads the settings; throws with one sentence saying what to fix. */
export function notifyConfigFrom(env: NodeJS.ProcessEnv): NotifyConfig {
  const smtpUrl = env.KABAR_SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^/]/i.test(smtpUrl)) throw new Error('KABAR_SMTP_URL must look like smtp://user:pass@mail.example.org:587 (or smtps:// for port 465)');
  const mailFrom = env.KABAR_MAIL_FROM?.trim() || undefined;
  if (smtpUrl && !mailFrom) throw new Error('KABAR_MAIL_FROM is needed with KABAR_SMTP_URL, e.g. "Redaksi Kabar <redaksi@example.org>"');
  if (mailFrom && !isEmail(addressOf(mailFrom))) throw new Error(`KABAR_MAIL_FROM is not an e-mail address: "${mailFrom}"`);
  const notifyEmails = list(env.KABAR_NOTIFY_EMAIL).map((e) => e.toLowerCase());
  const bad = notifyEmails.find((e) => !isEmail(e));
  if (bad) throw new Error(`KABAR_NOTIFY_EMAIL holds "${bad}", which is not an e-mail address`);
  const webhookUrls = list(env.KABAR_WEBHOOK_URL);
  for (const url of webhookUrls) {
    if (!/^https?:\/\/[^/]/i.test(url)) throw new Error(`KABAR_WEBHOOK_URL holds "${url}", which is not an http(s) URL`);
  }
  const webhookSecret = env.KABAR_WEBHOOK_SECRET || undefined;
  if (webhookUrls.length && (!webhookSecret || webhookSecret.length < 16)) {
    throw new Error('KABAR_WEBHOOK_SECRET (at least 16 characters, e.g. `openssl rand -hex 32`) is needed with KABAR_WEBHOOK_URL: receivers check the signature with it');
  }
  const language = (env.KABAR_SITE_LANG?.trim().toLowerCase() || 'id') as MailLanguage;
  if (language !== 'id' && language !== 'en') throw new Error(`KABAR_SITE_LANG is id or en, got "${env.KABAR_SITE_LANG}"`);
  return {
    smtpUrl,
    mailFrom,
    notifyEmails,
    webhookUrls,
    webhookSecret,
    webhookEmails: /^(on|true|1|yes)$/i.test(env.KABAR_WEBHOOK_EMAILS ?? ''),
    language,
    siteName: env.KABAR_SITE_NAME?.trim() || 'Kabar',
    hourlyCap: whole(env.KABAR_MAIL_HOURLY_CAP, 30, 'KABAR_MAIL_HOURLY_CAP'),
    retryMs: whole(env.KABAR_OUTBOX_RETRY_MS, 5_000, 'KABAR_OUTBOX_RETRY_MS'),
  };
}

/** `Name <a@b>` or `a@b` to `a@b`. */
export function addressOf(mailbox: string): string {
  return /<([^>]+)>\s*$/.exec(mailbox)?.[1]?.trim() ?? mailbox.trim();
}

/**
 * Whether nodemailer reads `address` as that one mailbox and nothing else. The comment and story
 * rules let `x,someone@else.org` or `a<someone@else.org>b.org` through as one address; mailed as
 * is, it reaches someone who never typed it, once per variant, past the hourly cap.
 */
export function oneMailbox(address: string): boolean {
  const parsed = addressparser(address);
  return parsed.length === 1 && 'address' in parsed[0] && parsed[0].address === address;
}

/** What the start-up lines say about notices; never a password. */
export function describeNotify(config: NotifyConfig): string[] {
  const lines: string[] = [];
  if (mailOn(config)) {
    const url = new URL(config.smtpUrl!);
    lines.push(`  E-mail:      via ${url.protocol}//${url.host} from ${addressOf(config.mailFrom!)} (${config.language})`);
  } else lines.push('  E-mail:      off, nothing is sent (set KABAR_SMTP_URL and KABAR_MAIL_FROM)');
  lines.push(config.webhookUrls.length ? `  Webhooks:    ${config.webhookUrls.length} receiver(s), signed` : '  Webhooks:    off (set KABAR_WEBHOOK_URL and KABAR_WEBHOOK_SECRET)');
  return lines;
}
