/**
 * Moderation links in editors' e-mail. A link only names a decision: it opens a confirmation
 * page (mail scanners follow links; a GET never acts), whose button POSTs it. It is signed with
 * a key derived from the admin token (every server of a site shares it), names the editor who
 * received it (the audit log's actor), expires, and carries a nonce that makes it single-use.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ItemKind, LinkAction } from './i18n/index.js';

export const LINK_TTL_DAYS = 3;
const LINK_TTL_MS = LINK_TTL_DAYS * 24 * 60 * 60 * 1000;

export interface ModerationLink {
  /** The editor's name, or `owner` for the admin token's holder and KABAR_NOTIFY_EMAIL addresses. */
  editor: string;
  kind: ItemKind;
  id: string;
  action: LinkAction;
  /** Milliseconds since the epoch. */
  expires: number;
  nonce: string;
}

const keyOf = (adminToken: string): Buffer => createHmac('sha256', adminToken).update('kabar moderation links').digest();

export function signLink(adminToken: string, link: Omit<ModerationLink, 'expires' | 'nonce'>, now = Date.now()): string {
  const full: ModerationLink = { ...link, expires: now + LINK_TTL_MS, nonce: randomBytes(12).toString('base64url') };
  const body = Buffer.from(JSON.stringify([full.editor, full.kind, full.id, full.action, full.expires, full.nonce])).toString('base64url');
  return `${body}.${createHmac('sha256', keyOf(adminToken)).update(body).digest('base64url')}`;
}

export type Verified = { ok: true; link: ModerationLink } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyLink(adminToken: string, token: string | undefined, now = Date.now()): Verified {
  const [body, mac, ...rest] = (token ?? '').split('.');
  if (!body || !mac || rest.length) return { ok: false, reason: 'invalid' };
  const expected = createHmac('sha256', keyOf(adminToken)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!Array.isArray(fields) || fields.length !== 6) return { ok: false, reason: 'invalid' };
  const [editor, kind, id, action, expires, nonce] = fields as [string, ItemKind, string, LinkAction, number, string];
  if ((kind !== 'story' && kind !== 'comment') || (action !== 'approve' && action !== 'reject')) return { ok: false, reason: 'invalid' };
  if (expires < now) return { ok: false, reason: 'expired' };
  return { ok: true, link: { editor, kind, id, action, expires, nonce } };
}
