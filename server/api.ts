/**
 * The Kabar API v1: articles, categories, stories, comments, counts and the
 * moderation endpoints. Validation comes from the rules module the forms use,
 * so the server refuses exactly what the forms refuse.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { looksLikeBot, sniffImageType, validateComment, validateStory, type FieldErrors } from '../src/core/rules.js';
import type { Config } from './config.js';
import {
  bearerToken,
  errorBody,
  fail,
  jsonWithEtag,
  requestHash,
  tokenMatches,
  tooManyRequests,
  TokenBuckets,
} from './http.js';
import { imageSize, saveUpload } from './media.js';
import { articleFromStory } from './publish.js';
import type { Answer, Claim, Once, Store } from './store/types.js';
import { paged, rfc3339, storyReceipt, wireArticle, wireComment, wireQueueComment, wireStory } from './wire.js';

const JSON_LIMIT = 64 * 1024;
const MAX_THREAD_LENGTH = 500;
const MAX_COUNT_THREADS = 100;
const ARTICLES_CACHE = 'public, max-age=60, stale-while-revalidate=300';

/** Model names (camelCase) to wire names (snake_case) for per-field error codes. */
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const wireFields = (errors: FieldErrors): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([field, code]) => [snake(field), code as string]));

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const trimmed = (value: unknown): string | undefined => text(value)?.trim() || undefined;

function numberFrom(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** `true` from JSON, or what a checkbox sends in a plain form. */
const truthy = (value: unknown): boolean =>
  value === true || (typeof value === 'string' && /^(true|on|1|yes|ya)$/i.test(value.trim()));

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

function positiveInt(c: Context, name: string, fallback: number, max: number): Parsed<number> {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return { ok: true, value: fallback };
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) {
    return { ok: false, response: fail(c, 400, 'invalid_query', `${name} must be a whole number of at least 1.`, { [name]: 'invalid' }) };
  }
  // Asking for more than the maximum is answered with the maximum; `per_page` in the answer says so.
  return { ok: true, value: Math.min(Number(raw), max) };
}

function paging(c: Context, defaultPerPage: number, maxPerPage: number): Parsed<{ page: number; perPage: number }> {
  const page = positiveInt(c, 'page', 1, 100_000);
  if (!page.ok) return page;
  const perPage = positiveInt(c, 'per_page', defaultPerPage, maxPerPage);
  if (!perPage.ok) return perPage;
  return { ok: true, value: { page: page.value, perPage: perPage.value } };
}

async function readJson(c: Context): Promise<Parsed<Record<string, unknown>>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, response: fail(c, 415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).') };
  }
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: fail(c, 400, 'invalid_json', 'The body is not valid JSON.') };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, response: fail(c, 400, 'invalid_json', 'The body must be a JSON object.') };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function idempotencyClaim(c: Context, scope: string, asked: unknown): Parsed<Claim | undefined> {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return { ok: true, value: undefined };
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    return {
      ok: false,
      response: fail(c, 400, 'invalid_query', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', { 'idempotency-key': 'invalid' }),
    };
  }
  return { ok: true, value: { scope, key, requestHash: requestHash(asked) } };
}

/** Sends an answer from the store: fresh, replayed (marked so) or refused for a reused key. */
function send(c: Context, once: Once): Response {
  if (once.kind === 'reused') {
    return fail(c, 422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.');
  }
  if (once.kind === 'replayed') c.header('Idempotent-Replayed', 'true');
  return c.json(once.answer.body as object, once.answer.status as ContentfulStatusCode);
}

const answer = (status: number, body: unknown): Answer => ({ status, body });

/** A random id for an answer to a request dropped as a bot: it looks like any other. */
const decoyId = (): string => String(100_000 + Math.floor(Math.random() * 900_000));

export interface ApiOptions {
  store: Store;
  config: Config;
  /** The origin absolute URLs start with. */
  originOf: (c: Context) => string;
}

export function api({ store, config, originOf }: ApiOptions): Hono {
  const app = new Hono();
  const limits = {
    requests: new TokenBuckets(300, 20),
    stories: new TokenBuckets(5, 60_000),
    comments: new TokenBuckets(10, 20_000),
    thread: new TokenBuckets(30, 5_000),
    adminFailures: new TokenBuckets(10, 10_000),
  };
  const clientOf = (c: Context): string => {
    // Only behind a proxy the operator vouches for: otherwise anyone could pick their own bucket.
    const forwarded = config.trustProxy ? c.req.header('X-Forwarded-For')?.split(',')[0]?.trim() : undefined;
    if (forwarded) return forwarded;
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      // In-process requests (tests) have no socket.
      return 'local';
    }
  };
  const limited = (c: Context, bucket: TokenBuckets, key: string): Response | undefined => {
    if (!config.rateLimit) return undefined;
    const taken = bucket.take(key);
    return taken.ok ? undefined : tooManyRequests(c, taken.retryAfter);
  };
  const tooFast = (honeypot: unknown, elapsed: number | undefined): boolean => looksLikeBot(honeypot, elapsed, config.minFillMs);

  app.use('*', async (c, next) => {
    const refused = limited(c, limits.requests, clientOf(c));
    if (refused) return refused;
    await next();
  });

  // Reading ------------------------------------------------------------------

  app.get('/articles', async (c) => {
    const pages = paging(c, 10, 50);
    if (!pages.ok) return pages.response;
    const { page, perPage } = pages.value;
    const category = c.req.query('category') || undefined;
    const tag = c.req.query('tag') || undefined;
    const q = c.req.query('q')?.trim().slice(0, 200) || undefined;
    const result = await store.listArticles({ page, perPage, category, tag, q });
    const origin = originOf(c);
    return jsonWithEtag(c, paged(result.items.map((a) => wireArticle(a, origin)), page, perPage, result.total), ARTICLES_CACHE);
  });

  app.get('/articles/:id', async (c) => {
    const article = await store.getArticle(c.req.param('id'));
    if (!article) return fail(c, 404, 'not_found', 'No such article.');
    return jsonWithEtag(c, wireArticle(article, originOf(c), true), ARTICLES_CACHE);
  });

  app.get('/categories', async (c) => jsonWithEtag(c, { items: await store.listCategories() }, 'public, max-age=300, stale-while-revalidate=3600'));

  app.get('/threads/:thread/comments', async (c) => {
    const thread = c.req.param('thread');
    if (thread.length > MAX_THREAD_LENGTH) return fail(c, 400, 'invalid_query', 'The thread name is too long.', { thread: 'too_long' });
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

  // Writing ------------------------------------------------------------------

  const tooLarge = (c: Context) => fail(c, 413, 'payload_too_large', 'The request body is too large.');
  const jsonLimit = bodyLimit({ maxSize: JSON_LIMIT, onError: tooLarge });
  const multipartLimit = bodyLimit({ maxSize: config.maxPhotoBytes + 1024 * 1024, onError: tooLarge });

  app.post(
    '/stories',
    (c, next) => (/^multipart\/form-data\b/i.test(c.req.header('Content-Type') ?? '') ? multipartLimit(c, next) : jsonLimit(c, next)),
    async (c) => {
      const type = c.req.header('Content-Type') ?? '';
      let fields: Record<string, unknown>;
      let photo: File | undefined;
      if (/^multipart\/form-data\b/i.test(type)) {
        let form: FormData;
        try {
          form = await c.req.formData();
        } catch {
          return fail(c, 400, 'invalid_json', 'The multipart body could not be read.');
        }
        fields = {};
        for (const [name, value] of form.entries()) {
          if (name === 'photo' && typeof value !== 'string') {
            if (value.size > 0 || value.name) photo = value;
          } else if (typeof value === 'string') fields[name] = value;
        }
      } else {
        const json = await readJson(c);
        if (!json.ok) return json.response;
        fields = json.value;
      }

      const bytes = photo ? new Uint8Array(await photo.arrayBuffer()) : undefined;
      const story = {
        name: trimmed(fields.name) ?? '',
        email: trimmed(fields.email) ?? '',
        community: trimmed(fields.community),
        title: trimmed(fields.title) ?? '',
        body: text(fields.body)?.replace(/\r\n?/g, '\n').trim() ?? '',
        category: trimmed(fields.category),
        originalUrl: trimmed(fields.original_url),
        photoAlt: trimmed(fields.photo_alt),
        consent: truthy(fields.consent),
      };
      const photoHash = bytes ? requestHash(Buffer.from(bytes).toString('base64')) : null;
      const claim = idempotencyClaim(c, 'POST /stories', { story, photoHash, website: fields.website ?? null });
      if (!claim.ok) return claim.response;
      if (claim.value) {
        const earlier = await store.findAnswer(claim.value);
        if (earlier) return send(c, earlier);
      }
      const refused = limited(c, limits.stories, clientOf(c));
      if (refused) return refused;

      const sniffed = bytes ? sniffImageType(bytes) : undefined;
      const errors = validateStory(
        { ...story, photo: bytes ? { type: sniffed ?? photo!.type, size: bytes.length } : undefined },
        { maxPhotoBytes: config.maxPhotoBytes, minParagraphs: config.minParagraphs },
      );
      if (bytes && !sniffed) {
        return fail(c, 415, 'unsupported_media_type', 'The photo is not a JPEG, PNG, WebP or GIF image.', wireFields({ ...errors, photo: 'photo_type' }));
      }
      if (errors.photo === 'photo_too_large') {
        return fail(c, 413, 'payload_too_large', 'The photo is too large.', wireFields(errors));
      }
      if (Object.keys(errors).length) return fail(c, 422, 'validation_failed', 'Some fields need attention.', wireFields(errors));

      const receivedAt = Date.now();
      if (tooFast(fields.website, numberFrom(fields.elapsed_ms))) {
        // Bots get the answer people get, so they learn nothing; nothing is kept but the answer.
        return send(c, await store.keepAnswer(claim.value, answer(201, { id: decoyId(), status: 'pending', received_at: rfc3339(receivedAt) })));
      }
      const media = bytes && sniffed ? saveUpload(config.uploadsDir, bytes, sniffed, imageSize(bytes, sniffed)) : undefined;
      if (media) await store.addMedia(media);
      const { consent: _consent, ...sent } = story;
      const once = await store.createStory(
        { ...sent, photoFile: media?.file, receivedAt },
        claim.value,
        (result) =>
          result.ok
            ? answer(201, storyReceipt(result.story))
            : answer(409, errorBody('duplicate', 'This story was already received and waits for review.')),
      );
      return send(c, once);
    },
  );

  app.post('/threads/:thread/comments', jsonLimit, async (c) => {
    const thread = c.req.param('thread');
    if (thread.length > MAX_THREAD_LENGTH) return fail(c, 400, 'invalid_query', 'The thread name is too long.', { thread: 'too_long' });
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
      body: text(fields.body)?.replace(/\r\n?/g, '\n').trim() ?? '',
    };
    const claim = idempotencyClaim(c, `POST /threads/${thread}/comments`, { thread, parentId, comment, website: fields.website ?? null });
    if (!claim.ok) return claim.response;
    if (claim.value) {
      const earlier = await store.findAnswer(claim.value);
      if (earlier) return send(c, earlier);
    }
    const refused = limited(c, limits.comments, clientOf(c)) ?? limited(c, limits.thread, thread);
    if (refused) return refused;

    const errors = wireFields(validateComment(comment));
    if (parentId === '') errors.parent_id = 'invalid';
    if (Object.keys(errors).length) return fail(c, 422, 'validation_failed', 'Some fields need attention.', errors);

    const createdAt = Date.now();
    if (tooFast(fields.website, numberFrom(fields.elapsed_ms))) {
      const decoy = {
        id: decoyId(),
        thread,
        parent_id: parentId,
        author: { name: comment.authorName, ...(comment.authorUrl ? { url: comment.authorUrl } : {}) },
        body: comment.body,
        created_at: rfc3339(createdAt),
        status: 'pending',
      };
      return send(c, await store.keepAnswer(claim.value, answer(201, decoy)));
    }
    const origin = siteOrigin(c.req.header('Origin'));
    const once = await store.createComment({ ...comment, thread, parentId, createdAt, origin }, claim.value, (result) => {
      if (result.ok) return answer(201, wireComment(result.comment));
      if (result.reason === 'parent_not_found') {
        return answer(422, errorBody('invalid_parent', 'The comment answered is not in this thread.', { parent_id: 'not_found' }));
      }
      return answer(409, errorBody('duplicate', 'This comment was already received.'));
    });
    return send(c, once);
  });

  // Moderation ----------------------------------------------------------------

  const admin = new Hono();
  admin.use('*', async (c, next) => {
    const client = clientOf(c);
    if (!tokenMatches(bearerToken(c), config.adminToken)) {
      // Failed guesses are limited even when rate limits are off: the token is the only lock.
      const taken = limits.adminFailures.take(client);
      if (!taken.ok) return tooManyRequests(c, taken.retryAfter);
      c.header('WWW-Authenticate', 'Bearer realm="kabar-admin"');
      return fail(c, 401, 'unauthorized', 'A valid admin token is required.');
    }
    c.header('Cache-Control', 'no-store');
    await next();
  });

  admin.get('/queue', async (c) => {
    const origin = originOf(c);
    const [stories, comments] = await Promise.all([store.pendingStories(), store.pendingComments()]);
    const parents = await Promise.all(comments.map((m) => (m.parentId ? store.getComment(m.parentId) : Promise.resolve(undefined))));
    return c.json({
      stories: stories.map((s) => wireStory(s, origin)),
      comments: comments.map((m, i) => wireQueueComment(m, parents[i])),
    });
  });

  const actionOf = async <A extends string>(c: Context, allowed: readonly A[]): Promise<Parsed<A>> => {
    const json = await readJson(c);
    if (!json.ok) return json;
    const action = json.value.action;
    if (typeof action !== 'string' || !(allowed as readonly string[]).includes(action)) {
      return { ok: false, response: fail(c, 422, 'validation_failed', `action is one of: ${allowed.join(', ')}.`, { action: 'invalid' }) };
    }
    return { ok: true, value: action as A };
  };

  const moderationFailure = (reason: 'not_found' | 'already_moderated', what: string): Answer =>
    reason === 'not_found'
      ? answer(404, errorBody('not_found', `No such ${what}.`))
      : answer(409, errorBody('already_moderated', `This ${what} was already moderated differently.`));

  admin.post('/stories/:id', jsonLimit, async (c) => {
    const action = await actionOf(c, ['approve', 'reject'] as const);
    if (!action.ok) return action.response;
    const id = c.req.param('id');
    const claim = idempotencyClaim(c, `POST /admin/stories/${id}`, action.value);
    if (!claim.ok) return claim.response;
    const story = await store.getStory(id);
    const category = story?.category ? await store.findCategory(story.category) : undefined;
    const origin = originOf(c);
    const once = await store.moderateStory(id, action.value, (s) => articleFromStory(s, category?.slug, Date.now()), claim.value, (result) =>
      result.ok
        ? answer(200, {
            story: wireStory(result.record, origin),
            ...(result.article ? { article: wireArticle(result.article, origin, true) } : {}),
          })
        : moderationFailure(result.reason, 'story'),
    );
    return send(c, once);
  });

  admin.post('/comments/:id', jsonLimit, async (c) => {
    const action = await actionOf(c, ['approve', 'reject', 'spam'] as const);
    if (!action.ok) return action.response;
    const id = c.req.param('id');
    const claim = idempotencyClaim(c, `POST /admin/comments/${id}`, action.value);
    if (!claim.ok) return claim.response;
    const once = await store.moderateComment(id, action.value, claim.value, (result) =>
      result.ok ? answer(200, { comment: wireQueueComment(result.record, undefined) }) : moderationFailure(result.reason, 'comment'),
    );
    return send(c, once);
  });

  app.route('/admin', admin);
  app.notFound((c) => fail(c, 404, 'not_found', 'No such endpoint.'));
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
