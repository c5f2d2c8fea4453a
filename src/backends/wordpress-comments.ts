import { BackendError, pageInfo, toBackendError, type CallOptions } from './backend.js';
import { SEND_CODES } from './codes.js';
import type { Comment, CommentCounts, ListCommentsQuery, NewComment, Page } from './types.js';
import { MAX_PER_PAGE, type WordPressApi } from './wordpress-api.js';

/**
 * The comments half of the WordPress adapter: WordPress's flat comment list,
 * its totals in headers, and its one-at-a-time comment creation.
 */


interface WordPressComment {
  id: number;
  post: number;
  parent: number;
  author_name?: string;
  author_url?: string;
  date_gmt?: string;
  date?: string;
  content?: { rendered?: string };
  status?: string;
}

/**
 * A page of comments that may also say whether the post still takes new ones
 * (WordPress's `comment_status`); `undefined` when it is not known.
 */
export type CommentsPage = Page<Comment>;

/**
 * WordPress's `*_gmt` times, of posts and comments alike, are UTC written
 * without an offset. Read as they are, a browser would take them as local time,
 * so the offset is added before anything else sees them. `date` (site-local,
 * no offset either) is only a last resort, for a `0000-…` or missing `*_gmt`.
 * Undefined when there is no readable time at all.
 */
export function wordPressTime(gmt: string | null | undefined, local?: string | null): string | undefined {
  const value = gmt && !gmt.startsWith('0000') ? gmt : local;
  if (!value) return undefined;
  const withOffset = /(?:Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`;
  const time = Date.parse(withOffset);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function toNumber(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = Number(header);
  return Number.isFinite(value) ? value : undefined;
}

/** One WordPress comment in the shared model. */
export function mapWordPressComment(raw: WordPressComment): Comment {
  return {
    id: String(raw.id),
    thread: String(raw.post),
    parentId: raw.parent ? String(raw.parent) : null,
    // `author_avatar_urls` are plain-http gravatar URLs: a third party and mixed
    // content on an https page, so they are never passed on; the box draws initials.
    author: { name: raw.author_name?.trim() || '', ...(raw.author_url ? { url: raw.author_url } : {}) },
    // Kept as WordPress rendered it (kses already ran); the element sanitises it again at render time.
    html: raw.content?.rendered ?? '',
    // Empty when WordPress gave no usable time: the box then shows none rather than a made-up one.
    createdAt: wordPressTime(raw.date_gmt, raw.date) ?? '',
    // Anything that is not approved and still reached the reader (only a fresh `hold`) is pending.
    status: raw.status === 'approved' ? 'approved' : 'pending',
  };
}

function postId(thread: string): number {
  const id = Number(thread);
  if (!Number.isInteger(id) || id <= 0) throw new BackendError('validation', { code: 'rest_comment_invalid_post_id', fields: { thread: 'invalid' } });
  return id;
}

/** Whether the post still takes comments, or undefined when that cannot be read (a private post, a network blip). */
async function commentsOpen(api: WordPressApi, id: number, options: CallOptions): Promise<boolean | undefined> {
  try {
    const answer = await api.request<{ comment_status?: string }>(`/wp/v2/posts/${id}`, {
      query: { _fields: 'comment_status' },
      signal: options.signal,
    });
    const status = answer.body?.comment_status;
    return status === 'open' ? true : status === 'closed' ? false : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One page of a post's approved comments, flat (the element builds the tree
 * from `parentId`). On the first page the post's `comment_status` is asked for
 * at the same time, so a closed post shows no form without a wasted send.
 */
export async function listWordPressComments(
  api: WordPressApi,
  thread: string,
  query: ListCommentsQuery,
  options: CallOptions = {},
): Promise<CommentsPage> {
  const id = postId(thread);
  const page = Math.max(1, query.page ?? 1);
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, query.perPage ?? 20));
  const open = page === 1 ? commentsOpen(api, id, options) : Promise.resolve(undefined);
  try {
    const answer = await api.request<WordPressComment[]>('/wp/v2/comments', {
      query: {
        post: id,
        per_page: perPage,
        page,
        order: query.sort === 'newest' ? 'desc' : 'asc',
        orderby: 'date_gmt',
      },
      // Not cached: after a send, and for the pending-to-approved check, the list must be fresh.
      signal: options.signal,
    });
    const items = (Array.isArray(answer.body) ? answer.body : []).map(mapWordPressComment);
    const total = toNumber(answer.headers.get('X-WP-Total'));
    const totalPages = toNumber(answer.headers.get('X-WP-TotalPages'));
    return { items, ...pageInfo(page, perPage, items.length, total, totalPages), commentsOpen: await open };
  } catch (error) {
    // A page past the end is WordPress's way of saying "no more", not a failure.
    if (error instanceof BackendError && error.code === 'rest_comment_invalid_page_number') {
      return { items: [], page, perPage, hasMore: false, commentsOpen: await open };
    }
    throw error;
  }
}

/**
 * Sends one comment. WordPress's CORS preflight allows only a fixed list of
 * request headers, so no `Idempotency-Key` goes out (the preflight would fail
 * and nothing would be sent); WordPress's own `comment_duplicate` check is what
 * stops a repeated send from making a second comment. The honeypot and fill
 * time are Kabar-server checks that WordPress does not know, so they stay home.
 */
export async function postWordPressComment(api: WordPressApi, comment: NewComment, options: CallOptions = {}): Promise<Comment> {
  try {
    return await sendWordPressComment(api, comment, options);
  } catch (error) {
    throw kabarRefusal(toBackendError(error));
  }
}

/** WordPress's refusals of a new comment, in Kabar's own codes. */
const REFUSALS: Record<string, string> = {
  rest_comment_closed: SEND_CODES.commentsClosed,
  rest_comment_login_required: SEND_CODES.loginRequired,
  comment_duplicate: SEND_CODES.duplicate,
  comment_flood: SEND_CODES.flood,
  rest_comment_invalid_post_id: SEND_CODES.threadNotFound,
};

/** WordPress's names of the comment's fields, as the model names them. */
const FIELD_NAMES: Record<string, string> = {
  content: 'body',
  author_name: 'authorName',
  author_email: 'authorEmail',
  author_url: 'authorUrl',
  post: 'thread',
  parent: 'parentId',
};

/**
 * A refusal in Kabar's vocabulary: its code and its field names. The WordPress
 * code stays in `detail` for logs. A site that refuses anonymous comments is
 * told, in the console, what its owner can change.
 */
function kabarRefusal(error: BackendError): BackendError {
  if (!error.code) return error;
  const vendor = error.code;
  if (vendor === 'rest_comment_login_required') {
    console.warn(
      'kabar: this WordPress site does not take comments from visitors through its REST API (401 rest_comment_login_required). ' +
        "The site owner can allow them with the rest_allow_anonymous_comments filter, e.g. add_filter( 'rest_allow_anonymous_comments', '__return_true' ); in a small plugin.",
    );
  }
  const fields =
    vendor === 'rest_comment_author_data_required'
      ? { authorName: 'invalid', authorEmail: 'invalid' }
      : error.fields && Object.fromEntries(Object.entries(error.fields).map(([name, code]) => [FIELD_NAMES[name] ?? name, code]));
  return new BackendError(error.kind, {
    status: error.status,
    code: REFUSALS[vendor] ?? (fields ? 'invalid' : vendor),
    fields,
    retryAfter: error.retryAfter,
    detail: error.detail ? `${vendor}: ${error.detail}` : vendor,
    cause: error,
  });
}

async function sendWordPressComment(api: WordPressApi, comment: NewComment, options: CallOptions): Promise<Comment> {
  const answer = await api.request<WordPressComment>('/wp/v2/comments', {
    method: 'POST',
    json: {
      post: postId(comment.thread),
      parent: comment.parentId ? Number(comment.parentId) : 0,
      // None for a signed-in reader (the nonce says who it is): WordPress then files it under their account.
      ...(comment.authorName ? { author_name: comment.authorName } : {}),
      ...(comment.authorEmail ? { author_email: comment.authorEmail } : {}),
      ...(comment.authorUrl ? { author_url: comment.authorUrl } : {}),
      content: comment.body,
    },
    signal: options.signal,
    // A POST without an idempotency key is not retried by the http layer; the
    // element's send controller decides about retries, and WordPress answers a
    // repeat with 409 comment_duplicate rather than a second record.
    retries: 0,
  });
  return mapWordPressComment(answer.body);
}

/**
 * Comment counts for posts. WordPress has no batch count: one small request per
 * post (`per_page=1`, only the id field), reading `X-WP-Total`. A post that
 * cannot be read counts as missing rather than failing every other count.
 */
export async function countWordPressComments(api: WordPressApi, threads: string[], options: CallOptions = {}): Promise<CommentCounts> {
  const unique = [...new Set(threads)];
  const results = await Promise.allSettled(
    unique.map(async (thread) => {
      const answer = await api.request<unknown>('/wp/v2/comments', {
        query: { post: postId(thread), per_page: 1, _fields: 'id' },
        signal: options.signal,
      });
      return [thread, toNumber(answer.headers.get('X-WP-Total')) ?? 0] as const;
    }),
  );
  const counts: CommentCounts = {};
  let failure: unknown;
  for (const result of results) {
    if (result.status === 'fulfilled') counts[result.value[0]] = result.value[1];
    else failure ??= result.reason;
  }
  // All of them failing is a failure of the backend, not a page of unknown counts.
  if (failure && !Object.keys(counts).length) throw toBackendError(failure);
  return counts;
}
