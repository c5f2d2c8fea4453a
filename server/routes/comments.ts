/** A thread's approved comments, counts for many threads, and receiving a comment. */
import { Hono } from 'hono';
import { validateComment } from '../../src/core/rules/rules.js';
import { errorBody, fail, jsonWithEtag, tooManyRequests } from '../http.js';
import { paged, wireComment } from '../wire.js';
import type { RouteContext } from './context.js';
import { answer, bodyText, idempotencyClaim, MAX_THREAD_LENGTH, paging, readJson, send, threadTooLong, trimmed, wireFields } from './request.js';

const MAX_COUNT_THREADS = 100;

export function commentRoutes({ store, keyed, spendSender, spendThread, rateLimited, suspicion, prune, jsonLimit }: RouteContext): Hono {
  const app = new Hono();

  app.get('/threads/:thread/comments', async (c) => {
    const thread = c.req.param('thread');
    const tooLong = threadTooLong(c, thread);
    if (tooLong) return tooLong;
    const pages = paging(c, 20, 100);
    if (!pages.ok) return pages.response;
    const sort = c.req.query('sort') ?? 'oldest';
    if (sort !== 'oldest' && sort !== 'newest') {
      return fail(c, 400, 'invalid_query', 'sort is oldest or newest.', { sort: 'invalid' });
    }
    const { page, perPage } = pages.value;
    const result = await store.listComments(thread, { page, perPage, sort });
    // no-cache: revalidate every time (cheap with the ETag), so an approval shows at once.
    return jsonWithEtag(c, paged(result.items.map(wireComment), page, perPage, result.total), 'no-cache');
  });

  app.get('/comment-counts', async (c) => {
    const threads = [...new Set(c.req.queries('thread') ?? [])];
    if (threads.length > MAX_COUNT_THREADS) {
      return fail(c, 400, 'invalid_query', `At most ${MAX_COUNT_THREADS} threads at once.`, { thread: 'too_many' });
    }
    if (threads.some((t) => t.length > MAX_THREAD_LENGTH)) {
      return fail(c, 400, 'invalid_query', 'A thread name is too long.', { thread: 'too_long' });
    }
    return jsonWithEtag(c, { counts: await store.countComments(threads) }, 'public, max-age=30, stale-while-revalidate=300');
  });

  app.post('/threads/:thread/comments', jsonLimit, async (c) => {
    const thread = c.req.param('thread');
    const refused = threadTooLong(c, thread);
    if (refused) return refused;
    // Without an Idempotency-Key, the sender's allowances are spent before the body is read;
    // with one, in the write (a retry, or a copy of a send in flight, costs nothing).
    const wait = keyed(c) ? undefined : await spendSender(c, 'comments');
    if (wait) return tooManyRequests(c, wait);
    const json = await readJson(c);
    if (!json.ok) return json.response;
    const fields = json.value;
    const rawParent = fields.parent_id;
    // Ids are strings on the wire; a number is accepted too, anything else is refused below.
    const parentId =
      rawParent === undefined || rawParent === null || rawParent === ''
        ? null
        : typeof rawParent === 'string' || typeof rawParent === 'number'
          ? String(rawParent)
          : '';
    const comment = {
      authorName: trimmed(fields.author_name) ?? '',
      authorEmail: trimmed(fields.author_email) ?? '',
      authorUrl: trimmed(fields.author_url),
      body: bodyText(fields.body),
    };
    // Opt-in notices by e-mail: a boolean, false when absent.
    const notify = fields.notify ?? false;
    const claim = idempotencyClaim(c, `POST /threads/${thread}/comments`, { thread, parentId, comment, website: fields.website ?? null, ...(notify === true ? { notify } : {}) });
    if (!claim.ok) return claim.response;
    if (claim.value) {
      const earlier = await store.findAnswer(claim.value);
      if (earlier) return send(c, earlier);
    }

    const errors = wireFields(validateComment(comment));
    if (parentId === '') errors.parent_id = 'invalid';
    if (typeof notify !== 'boolean') errors.notify = 'invalid';
    if (Object.keys(errors).length) return fail(c, 422, 'validation_failed', 'Some fields need attention.', errors);
    // Only a comment that could be stored spends the thread's tokens: refusals cost their sender alone.
    const crowded = keyed(c) ? undefined : await spendThread(thread);
    if (crowded) return tooManyRequests(c, crowded);

    const createdAt = Date.now();
    const spam = suspicion(fields);
    const origin = siteOrigin(c.req.header('Origin'));
    const once = await store.once(claim.value, async (tx) => {
      const wait = keyed(c) ? ((await spendSender(c, 'comments', tx)) ?? (await spendThread(thread, tx))) : undefined;
      if (wait) return rateLimited(wait);
      const result = await tx.createComment({ ...comment, thread, parentId, createdAt, origin, spamReason: spam, notify: notify === true });
      if (result.ok) return answer(201, wireComment(result.comment));
      if (result.reason === 'parent_not_found') {
        return answer(422, errorBody('invalid_parent', 'The comment answered is not in this thread.', { parent_id: 'not_found' }));
      }
      return answer(409, errorBody('duplicate', 'This comment was already received.'));
    });
    await prune();
    return send(c, once);
  });

  return app;
}

/** The site a comment was sent from, from the request's `Origin` (browsers send it on cross-site POSTs). */
function siteOrigin(header: string | undefined): string | undefined {
  if (!header || header.length > 200) return undefined;
  try {
    const url = new URL(header);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
