import type { Comment } from '../../backends/types.js';

/** One comment placed in the thread, with the replies shown nested under it. */
export interface ThreadEntry {
  comment: Comment;
  /**
   * Set when the comment was lifted to `max-depth` and no longer sits under
   * the comment it answers: the name of that comment's author ("membalas Rina").
   */
  answering?: string;
  replies: ThreadEntry[];
}

const byDate = (a: Comment, b: Comment) => Date.parse(a.createdAt) - Date.parse(b.createdAt);

/**
 * Builds the visible tree from a flat list. Top-level comments keep the order
 * of the list (the server's sort); replies read oldest first, like a
 * conversation. A reply whose parent is not (yet) loaded stands at the top
 * level until its parent arrives. Replies below `maxDepth` stay at that depth,
 * after the comment they answer, and name whom they answer.
 */
export function buildThread(comments: readonly Comment[], maxDepth: number): ThreadEntry[] {
  const depthLimit = Math.max(1, Math.floor(maxDepth) || 1);
  const ids = new Set(comments.map((c) => c.id));
  const repliesOf = new Map<string, Comment[]>();
  const roots: Comment[] = [];
  for (const comment of comments) {
    if (comment.parentId && comment.parentId !== comment.id && ids.has(comment.parentId)) {
      const siblings = repliesOf.get(comment.parentId) ?? [];
      siblings.push(comment);
      repliesOf.set(comment.parentId, siblings);
    } else {
      roots.push(comment);
    }
  }
  for (const siblings of repliesOf.values()) siblings.sort(byDate);

  // A broken server could answer with a cycle (a -> b -> a); each comment is placed once.
  const placed = new Set<string>();
  const place = (comment: Comment, depth: number, answering?: string): ThreadEntry[] => {
    if (placed.has(comment.id)) return [];
    placed.add(comment.id);
    const replies = repliesOf.get(comment.id) ?? [];
    if (depth < depthLimit) {
      return [{ comment, answering, replies: replies.flatMap((reply) => place(reply, depth + 1)) }];
    }
    const entry: ThreadEntry = { comment, answering, replies: [] };
    return [entry, ...replies.flatMap((reply) => place(reply, depth, comment.author.name))];
  };
  const tree = roots.flatMap((comment) => place(comment, 1));
  // Whatever a cycle left out still shows, at the top level.
  for (const comment of comments) if (!placed.has(comment.id)) tree.push(...place(comment, 1));
  return tree;
}
