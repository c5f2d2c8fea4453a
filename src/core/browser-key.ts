import { newIdempotencyKey } from './drafts.js';

/**
 * The browser's own random key, sent with each story and comment (header
 * `Kabar-Browser-Key`) so a Kabar server can give one browser its own allowance
 * beside the one it gives a whole address: many readers behind one mobile
 * network's address then do not share one allowance, and one abuser among them
 * does not lock the others out. It says nothing about the reader (it is not
 * derived from anything) and is kept in `localStorage`; where storage is
 * blocked, it lasts as long as the page.
 */
export const BROWSER_KEY_HEADER = 'Kabar-Browser-Key';
/** What a browser key looks like; a server ignores anything else. */
export const BROWSER_KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

const STORAGE_KEY = 'kabar:browser-key';
let current: string | undefined;

export function browserKey(): string {
  if (current) return current;
  try {
    const kept = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (kept && BROWSER_KEY_PATTERN.test(kept)) return (current = kept);
    current = newIdempotencyKey();
    globalThis.localStorage?.setItem(STORAGE_KEY, current);
  } catch {
    // Storage missing, full or blocked: this page keeps its key in memory.
    current ??= newIdempotencyKey();
  }
  return current;
}
