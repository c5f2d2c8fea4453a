/** Editors' own choices of what they hear by e-mail: kept per editor, set in /admin and by the editor CLI. */
import { isEmail } from '../../src/core/rules/rules.js';
import type { Conn } from '../store/sql-store.js';
import type { EditorNotice } from './plan.js';

/** The most minutes between digests: a day. */
export const MAX_DIGEST_MINUTES = 24 * 60;

export async function editorNotice(db: Conn, editor: string): Promise<EditorNotice | undefined> {
  const row = await db.get<{ email: string; stories: number; comments: number; digest_minutes: number }>(
    'SELECT email, stories, comments, digest_minutes FROM editor_notices WHERE editor = ?',
    editor,
  );
  return row && { editor, email: row.email, stories: !!Number(row.stories), comments: !!Number(row.comments), digestMinutes: Number(row.digest_minutes) };
}

/** What is wrong with a choice, by field; empty when it can be kept. */
export function noticeErrors(notice: Omit<EditorNotice, 'editor'>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isEmail(notice.email)) errors.email = 'invalid_email';
  if (!Number.isInteger(notice.digestMinutes) || notice.digestMinutes < 0 || notice.digestMinutes > MAX_DIGEST_MINUTES) errors.digest_minutes = 'invalid';
  return errors;
}

/** Keeps (or with `undefined`, removes) an editor's choice; a digest interval counts from now. */
export async function setEditorNotice(db: Conn, editor: string, notice: Omit<EditorNotice, 'editor'> | undefined, now = Date.now()): Promise<void> {
  if (!notice) {
    await db.run('DELETE FROM editor_notices WHERE editor = ?', editor);
    return;
  }
  await db.run(
    `INSERT INTO editor_notices (editor, email, stories, comments, digest_minutes, last_digest_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (editor) DO UPDATE SET email = excluded.email, stories = excluded.stories, comments = excluded.comments,
       digest_minutes = excluded.digest_minutes, last_digest_at = CASE WHEN editor_notices.digest_minutes = excluded.digest_minutes THEN editor_notices.last_digest_at ELSE excluded.last_digest_at END`,
    editor,
    notice.email.toLowerCase(),
    notice.stories ? 1 : 0,
    notice.comments ? 1 : 0,
    notice.digestMinutes,
    now,
  );
}
