/**
 * Named editor accounts. Each editor has a long random token, shown once when
 * the account is made; only its SHA-256 is stored, so a copy of the database
 * or a backup gives nobody a way in. The server's own admin token stays the
 * owner's key.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { tokenMatches } from './http.js';
import type { Store } from './store/types.js';

/** The name the audit log gives the holder of the server's own admin token. */
export const OWNER = 'owner';

/** What the admin routes find on the context: who is acting. */
export interface AdminEnv {
  Variables: { editor: string };
}

/** Letters, digits, dots, dashes and underscores; what an audit line can show plainly. */
export const EDITOR_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,39}$/u;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** 32 random bytes: far beyond guessing, and a plain SHA-256 of it is safe to keep. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * Who a bearer token belongs to: `owner`, an editor's name, or `undefined`.
 * Every stored hash is compared, in constant time, so timing tells nothing of
 * which editor (if any) came close. Read from the store on every request: a
 * removal from the command line takes effect at once.
 */
export async function editorFor(store: Store, ownerToken: string, given: string | undefined): Promise<string | undefined> {
  if (tokenMatches(given, ownerToken)) return OWNER;
  if (given === undefined) return undefined;
  const hash = Buffer.from(hashToken(given), 'hex');
  let found: string | undefined;
  for (const editor of await store.listEditors()) {
    if (timingSafeEqual(hash, Buffer.from(editor.tokenHash, 'hex'))) found = editor.name;
  }
  return found;
}
