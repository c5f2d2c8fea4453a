/**
 * Kabar's own codes for a refused story or comment. Adapters translate their
 * vendor's codes into these, so elements word a refusal without knowing who
 * refused it.
 */
export const SEND_CODES = {
  /** The idempotency key already belongs to another request (an earlier version of the text). */
  keyReused: 'idempotency_key_reused',
  /** The same story or comment was already received. */
  duplicate: 'duplicate',
  /** The thread takes no more comments. */
  commentsClosed: 'comments_closed',
  /** The site takes comments only from signed-in readers. */
  loginRequired: 'login_required',
  /** Too soon after the last comment: the same text may go a moment later. */
  flood: 'flood',
  /** No such thread (post) to comment on. */
  threadNotFound: 'thread_not_found',
  /** A WordPress site without the Kabar plugin's story route: it cannot take stories (kind `unsupported`). */
  noStoryRoute: 'wordpress_no_stories',
} as const;
