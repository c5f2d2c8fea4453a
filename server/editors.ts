/**
 * Named editor accounts. Each editor has a long random token, shown once when
 * the account is made; only its SHA-256 is stored, so a copy of the database
 * or a backup gives nobody a way in. The server's own admin token stays the
 * owner's key.
 *
 * Two roles, as GitHub and WordPress have them: the owner (the admin token's
 * holder, or an account made with `--owner`) may do everything; an editor
 * moderates, edits stories and articles and takes articles off the site, but
 * what cannot be undone or reaches many people's data at once is the owner's:
 * deleting an article, emptying the spam list (or deleting in bulk), erasing
 * an address (and looking one up), managing categories. The API answers those
 * 403 `owner_only` to an editor, and /admin does not offer them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { fail, tokenMatches } from './http.js';
import type { EditorRole, Store } from './store/types.js';

/** The name the audit log gives the holder of the server's own admin token. */
export const OWNER = 'owner';

/** What the admin routes find on the context: who is acting, in which role, and which asked-for changes were no change. */
export interface AdminEnv {
  Variables: { editor: string; role: EditorRole; unchanged?: Set<string> };
}

/** Someone with a token: their name for the audit log and their role. */
export interface Signer {
  name: string;
  role: EditorRole;
}

/** What an editor is answered for the owner's actions: 403 with a code a client can act on. */
export const ownerOnlyAnswer = (c: Context) => fail(c, 403, 'owner_only', "Only the site's owner may do this; editors cannot.");

/** Lets only the owner through. */
export const ownerOnly: MiddlewareHandler<AdminEnv> = async (c, next) => {
  if (c.get('role') !== 'owner') return ownerOnlyAnswer(c);
  await next();
};

/** Letters, digits, dots, dashes and underscores; what an audit line can show plainly. */
export const EDITOR_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,39}$/u;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** 32 random bytes: far beyond guessing, and a plain SHA-256 of it is safe to keep. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * Who a bearer token belongs to (`owner` for the server's own token, else an editor's name, with their role), or `undefined`.
 * Every stored hash is compared, in constant time, so timing tells nothing of
 * which editor (if any) came close. Read from the store on every request: a
 * removal from the command line takes effect at once.
 */
export async function editorFor(store: Store, ownerToken: string, given: string | undefined): Promise<Signer | undefined> {
  if (tokenMatches(given, ownerToken)) return { name: OWNER, role: 'owner' };
  if (given === undefined) return undefined;
  const hash = Buffer.from(hashToken(given), 'hex');
  let found: Signer | undefined;
  for (const editor of await store.listEditors()) {
    if (timingSafeEqual(hash, Buffer.from(editor.tokenHash, 'hex'))) found = { name: editor.name, role: editor.role };
  }
  return found;
}
