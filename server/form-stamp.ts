/**
 * A signed timestamp for forms without JavaScript: the server (or a page that
 * asked it for one) puts `form_stamp` in a hidden field when it renders the
 * form, and the send's fill time is the time since then. Without a stamp such
 * a form could say nothing about its timing; with one, a person using it is
 * judged like anyone else. The signing key is derived from the owner's admin token,
 * so it survives a restart and servers sharing that token (KABAR_ADMIN_TOKEN, or one
 * data directory) accept each other's stamps.
 * It is derived with scrypt, not used as it is: anyone may ask for stamps, and a
 * plain HMAC of the token would let them test guesses of the token offline, at
 * the speed of SHA-256, around the strict limit on failed sign-ins.
 */
import { createHmac, scryptSync, timingSafeEqual } from 'node:crypto';

/** A stamp older than this says nothing any more: the send is judged as one without timing. */
export const STAMP_LIFETIME_MS = 24 * 60 * 60 * 1000;

const keys = new Map<string, Buffer>();
/** The stamps' key for an admin token: costly to compute (about 16 MB and tens of ms), so once per token. */
function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = scryptSync(secret, 'kabar form stamp', 32, { N: 2 ** 14, r: 8, p: 1 })));
  return key;
}

const signature = (secret: string, at: string): string => createHmac('sha256', keyOf(secret)).update(at).digest('base64url');

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
