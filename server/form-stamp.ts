/**
 * A signed timestamp for forms without JavaScript: the server (or a page that
 * asked it for one) puts `form_stamp` in a hidden field when it renders the
 * form, and the send's fill time is the time since then. Without a stamp such
 * a form could say nothing about its timing; with one, a person using it is
 * judged like anyone else. The signature is keyed by the owner's admin token,
 * so every server of a site accepts the others' stamps.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A stamp older than this says nothing any more: the send is judged as one without timing. */
export const STAMP_LIFETIME_MS = 24 * 60 * 60 * 1000;

const signature = (secret: string, at: string): string => createHmac('sha256', `kabar form stamp\n${secret}`).update(at).digest('base64url');

/** `<ms since the epoch>.<signature>`. */
export function formStamp(secret: string, now = Date.now()): string {
  const at = String(Math.floor(now));
  return `${at}.${signature(secret, at)}`;
}

/** Milliseconds since a stamp this server signed was made, or undefined for a missing, forged, future or stale stamp. */
export function stampElapsedMs(secret: string, stamp: unknown, now = Date.now()): number | undefined {
  if (typeof stamp !== 'string') return undefined;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(stamp.trim());
  if (!match) return undefined;
  const expected = Buffer.from(signature(secret, match[1]));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const elapsed = now - Number(match[1]);
  return elapsed >= 0 && elapsed <= STAMP_LIFETIME_MS ? elapsed : undefined;
}
