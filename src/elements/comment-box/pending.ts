import type { Comment } from '../../backends/types.js';

/** A comment the moderators never act on should not haunt its author forever. */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

interface Stored {
  comment: Comment;
  savedAt: number;
}

/**
 * The reader's own comments that wait for moderation, per backend and thread,
 * in localStorage. Servers never list a held comment (WordPress does not even
 * let its author read it back), so without this the comment would vanish on
 * reload and its author would send it again.
 */
export class PendingComments {
  private readonly key: string;

  constructor(scope: string) {
    this.key = `kabar:pending:${scope}`;
  }

  list(): Comment[] {
    return this.read().map((entry) => entry.comment);
  }

  add(comment: Comment): void {
    const entries = this.read().filter((entry) => entry.comment.id !== comment.id);
    entries.push({ comment: { ...comment, status: 'pending' }, savedAt: Date.now() });
    this.write(entries);
  }

  /**
   * Drops the comments the thread now lists (a listed comment is approved).
   * Returns whether anything was dropped.
   */
  settle(listed: readonly Comment[]): boolean {
    const approved = new Set(listed.filter((c) => c.status === 'approved').map((c) => c.id));
    const entries = this.read();
    const left = entries.filter((entry) => !approved.has(entry.comment.id));
    if (left.length === entries.length) return false;
    this.write(left);
    return true;
  }

  private read(): Stored[] {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(this.key) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      const now = Date.now();
      return (parsed as Stored[]).filter(
        (entry) => entry && typeof entry.comment?.id === 'string' && typeof entry.savedAt === 'number' && now - entry.savedAt < KEEP_MS,
      );
    } catch {
      // Storage blocked (privacy mode) or garbage: nothing pending we can know of.
      return [];
    }
  }

  private write(entries: Stored[]): void {
    try {
      if (entries.length) localStorage.setItem(this.key, JSON.stringify(entries));
      else localStorage.removeItem(this.key);
    } catch {
      // A full or blocked storage only costs the pending marker after a reload.
    }
  }
}
