/**
 * The Kabar API v1: articles, categories, stories, comments, counts and the
 * moderation endpoints. Validation comes from the rules module the forms use,
 * so the server refuses exactly what the forms refuse.
 */
import { readFile } from 'node:fs/promises';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sniffImageType, spamReason, validateComment, validateStory, type FieldErrors } from '../src/core/rules.js';
import type { Config } from './config.js';
import { clientOf as clientAddressOf } from './client-address.js';
import { bodyWasTooLarge } from './connections.js';
import { editorFor, type AdminEnv } from './editors.js';
import { bearerToken, errorBody, fail, jsonWithEtag, tooManyRequests } from './http.js';
import { JSON_LIMIT, multipartLimit, nestedTooDeep, requestHash, TokenBuckets } from './limits.js';
import { dropPhoto, heldPhotosDir, holdPhoto, imageSize, photoPath, publishPhoto, UPLOAD_NAME } from './media.js';
import { stripMetadata } from './metadata.js';
import { articleFromStory } from './publish.js';
import { content, moderationAudit } from './routes/content.js';
import type { Answer, ArticleOf, Claim, CommentRecord, ModerateResult, Once, Store, StoryRecord } from './store/types.js';
import { paged, storyReceipt, wireArticle, wireComment, wireQueueComment, wireStory } from './wire.js';

const MAX_THREAD_LENGTH = 500;
const MAX_COUNT_THREADS = 100;
const ARTICLES_CACHE = 'public, max-age=60, stale-while-revalidate=300';

/** Model names (camelCase) to wire names (snake_case) for per-field error codes. */
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const wireFields = (errors: FieldErrors): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([field, code]) => [snake(field), code as string]));

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const trimmed = (value: unknown): string | undefined => text(value)?.trim() || undefined;

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

export function paging(c: Context, defaultPerPage: number, maxPerPage: number): Parsed<{ page: number; perPage: number }> {
  const page = positiveInt(c, 'page', 1, 100_000);
  if (!page.ok) return page;
  const perPage = positiveInt(c, 'per_page', defaultPerPage, maxPerPage);
  if (!perPage.ok) return perPage;
  return { ok: true, value: { page: page.value, perPage: perPage.value } };
}

export async function readJson(c: Context): Promise<Parsed<Record<string, unknown>>> {
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
  if (nestedTooDeep(value)) return { ok: false, response: fail(c, 400, 'invalid_json', 'The body nests too deeply.') };
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

const MODERATION_ACTIONS = ['approve', 'reject', 'spam', 'delete'] as const;
/** The most ids one bulk request may name. */
const MAX_BULK = 500;
const articleOf: ArticleOf = (story, categorySlug) => articleFromStory(story, categorySlug, Date.now());

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
  // X-Forwarded-For counts only through the proxies the operator vouches for, right to left.
  const clientOf = (c: Context): string => clientAddressOf(config.trustProxy, c);
  const limited = (c: Context, bucket: TokenBuckets, key: string): Response | undefined => {
    if (!config.rateLimit) return undefined;
    const taken = bucket.take(key);
    return taken.ok ? undefined : tooManyRequests(c, taken.retryAfter);
  };
  /** Whether an Idempotency-Key was already answered in this scope (whatever the body then). */
  const keyKnown = async (c: Context, scope: string): Promise<boolean> => {
    const key = c.req.header('Idempotency-Key');
    return key !== undefined && key.length <= 255 && (await store.findAnswer({ scope, key, requestHash: '' })) !== undefined;
  };
  const suspicion = (fields: Record<string, unknown>) => spamReason(fields.website, fields.elapsed_ms, config.minFillMs);

  // Photos of stories not yet published live here, outside every public path.
  const heldDir = heldPhotosDir(config.dataDir);
  const photoDirs = [heldDir, config.uploadsDir];
  const dropPhotos = (files: string[]): void => files.forEach((file) => dropPhoto(photoDirs, file));
  /**
   * Expired idempotency answers and old spam go a bounded batch at a time with
   * each write, so a stream of bots cannot grow the database without end.
   * Usually this is three indexed reads that find nothing.
   */
  const prune = async (): Promise<void> => {
    try {
      dropPhotos((await store.prune(Date.now())).droppedPhotos);
    } catch (error) {
      // The write itself succeeded; pruning is tried again with the next one.
      console.error('kabar: pruning failed', error);
    }
  };
  /** What a moderation result means for the files: a published photo becomes public, a dropped one goes. */
  const settleFiles = (result: ModerateResult<StoryRecord> | ModerateResult<CommentRecord>): void => {
    if (!result.ok) return;
    if (result.droppedPhoto) dropPhotos([result.droppedPhoto]);
    if (result.article?.image) publishPhoto(heldDir, config.uploadsDir, result.article.image.media.file);
  };

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
  // The server found an over-limit body before the app ran (and throws it away); in process, hono checks.
  const sizeLimit = (maxSize: number): MiddlewareHandler => {
    const check = bodyLimit({ maxSize, onError: tooLarge });
    return (c, next) => (bodyWasTooLarge((c.env as { incoming?: unknown } | undefined)?.incoming) ? Promise.resolve(tooLarge(c)) : check(c, next));
  };
  const jsonLimit = sizeLimit(JSON_LIMIT);
  const multipartLimited = sizeLimit(multipartLimit(config.maxPhotoBytes));

  app.post(
    '/stories',
    (c, next) => (/^multipart\/form-data\b/i.test(c.req.header('Content-Type') ?? '') ? multipartLimited(c, next) : jsonLimit(c, next)),
    async (c) => {
      // Before the body is read: parsing a large multipart body is the expensive part. A retry
      // under a key already answered is let through to its replay, as it stores nothing.
      const refused = limited(c, limits.stories, clientOf(c));
      if (refused && !(await keyKnown(c, 'POST /stories'))) return refused;
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

      // Never trusting the browser to have done it: EXIF, XMP, text chunks and comments go before anything is kept.
      const clean = bytes && sniffed ? stripMetadata(bytes, sniffed) : undefined;
      if (bytes && !clean) {
        return fail(c, 415, 'unsupported_media_type', 'The photo could not be read as an image.', { photo: 'photo_type' });
      }
      let media;
      try {
        media = clean && sniffed ? holdPhoto(heldDir, clean, sniffed, imageSize(clean, sniffed)) : undefined;
      } catch (error) {
        console.error('kabar: a photo could not be stored', error);
        return fail(c, 503, 'storage_failed', 'The photo could not be stored. Nothing was kept; try again later.');
      }
      const { consent: _consent, ...sent } = story;
      let once: Once;
      try {
        if (media) await store.addMedia(media);
        // A send that looks automated is kept as spam for an editor to look through, answered like any other.
        once = await store.createStory({ ...sent, photoFile: media?.file, receivedAt: Date.now(), spamReason: suspicion(fields) }, claim.value, (result) =>
          result.ok
            ? answer(201, storyReceipt(result.story))
            : answer(409, errorBody('duplicate', 'This story was already received and waits for review.')),
        );
      } catch (error) {
        if (media) dropPhotos([media.file]);
        throw error;
      }
      // A duplicate (or a twin request that won the race) keeps no photo.
      if (media && !(once.kind === 'fresh' && once.answer.status === 201)) dropPhotos([media.file]);
      await prune();
      return send(c, once);
    },
  );

  app.post('/threads/:thread/comments', jsonLimit, async (c) => {
    const thread = c.req.param('thread');
    if (thread.length > MAX_THREAD_LENGTH) return fail(c, 400, 'invalid_query', 'The thread name is too long.', { thread: 'too_long' });
    const refused = limited(c, limits.comments, clientOf(c));
    if (refused && !(await keyKnown(c, `POST /threads/${thread}/comments`))) return refused;
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

    const errors = wireFields(validateComment(comment));
    if (parentId === '') errors.parent_id = 'invalid';
    if (Object.keys(errors).length) return fail(c, 422, 'validation_failed', 'Some fields need attention.', errors);
    // Only a comment that could be stored spends the thread's tokens: refusals cost their sender alone.
    const crowded = limited(c, limits.thread, thread);
    if (crowded) return crowded;

    const createdAt = Date.now();
    const spam = suspicion(fields);
    const origin = siteOrigin(c.req.header('Origin'));
    const once = await store.createComment({ ...comment, thread, parentId, createdAt, origin, spamReason: spam }, claim.value, (result) => {
      if (result.ok) return answer(201, wireComment(result.comment));
      if (result.reason === 'parent_not_found') {
        return answer(422, errorBody('invalid_parent', 'The comment answered is not in this thread.', { parent_id: 'not_found' }));
      }
      return answer(409, errorBody('duplicate', 'This comment was already received.'));
    });
    await prune();
    return send(c, once);
  });

  // Moderation ----------------------------------------------------------------

  const admin = new Hono<AdminEnv>();
  admin.use('*', async (c, next) => {
    const client = clientOf(c);
    const editor = await editorFor(store, config.adminToken, bearerToken(c));
    if (!editor) {
      // Failed guesses are limited even when rate limits are off: the token is the only lock.
      const taken = limits.adminFailures.take(client);
      if (!taken.ok) return tooManyRequests(c, taken.retryAfter);
      c.header('WWW-Authenticate', 'Bearer realm="kabar-admin"');
      return fail(c, 401, 'unauthorized', 'A valid admin token is required.');
    }
    c.header('Cache-Control', 'no-store');
    c.set('editor', editor);
    await next();
  });
  admin.use('*', moderationAudit(store));
  admin.route('/', content({ store, originOf, dropPhotos }));

  admin.get('/queue', async (c) => {
    const pages = paging(c, 20, 100);
    if (!pages.ok) return pages.response;
    const status = c.req.query('status') ?? 'pending';
    const sort = c.req.query('sort') ?? 'oldest';
    if (status !== 'pending' && status !== 'spam') return fail(c, 400, 'invalid_query', 'status is pending or spam.', { status: 'invalid' });
    if (sort !== 'oldest' && sort !== 'newest') return fail(c, 400, 'invalid_query', 'sort is oldest or newest.', { sort: 'invalid' });
    const { page, perPage } = pages.value;
    const queue = await store.queue({ status, sort, page, perPage });
    const parents = await Promise.all(queue.comments.items.map((m) => (m.parentId ? store.getComment(m.parentId) : Promise.resolve(undefined))));
    const origin = originOf(c);
    return c.json({
      status,
      sort,
      page,
      per_page: perPage,
      total_pages: Math.ceil(Math.max(queue.stories.total, queue.comments.total) / perPage),
      counts: queue.counts,
      stories: queue.stories.items.map((s) => wireStory(s, origin)),
      comments: queue.comments.items.map((m, i) => wireQueueComment(m, parents[i])),
    });
  });

  // A photo of a story not yet published: editors only, never cached.
  admin.get('/photos/:file', async (c) => {
    const file = c.req.param('file');
    const media = UPLOAD_NAME.test(file) ? await store.getMedia(file) : undefined;
    const path = media ? photoPath(photoDirs, file) : undefined;
    if (!media || !path) return fail(c, 404, 'not_found', 'No such photo.');
    const bytes = await readFile(path);
    c.header('Content-Type', media.type);
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    return c.body(new Uint8Array(bytes));
  });

  const actionOf = async <A extends string>(c: Context, allowed: readonly A[]): Promise<Parsed<{ action: A; body: Record<string, unknown> }>> => {
    const json = await readJson(c);
    if (!json.ok) return json;
    const action = json.value.action;
    if (typeof action !== 'string' || !(allowed as readonly string[]).includes(action)) {
      return { ok: false, response: fail(c, 422, 'validation_failed', `action is one of: ${allowed.join(', ')}.`, { action: 'invalid' }) };
    }
    return { ok: true, value: { action: action as A, body: json.value } };
  };

  const moderationFailure = (reason: 'not_found' | 'already_moderated', what: string): Answer =>
    reason === 'not_found'
      ? answer(404, errorBody('not_found', `No such ${what}.`))
      : answer(409, errorBody('already_moderated', `This ${what} was already moderated differently.`));

  admin.post('/stories/:id', jsonLimit, async (c) => {
    const asked = await actionOf(c, MODERATION_ACTIONS);
    if (!asked.ok) return asked.response;
    const { action } = asked.value;
    const id = c.req.param('id');
    const claim = idempotencyClaim(c, `POST /admin/stories/${id}`, action);
    if (!claim.ok) return claim.response;
    const origin = originOf(c);
    let outcome: ModerateResult<StoryRecord> | undefined;
    const once = await store.moderateStory(id, action, articleOf, claim.value, (result) => {
      outcome = result;
      return result.ok
        ? answer(200, {
            story: wireStory(result.record, origin),
            ...(result.article ? { article: wireArticle(result.article, origin, true) } : {}),
            ...(result.deleted ? { deleted: true } : {}),
          })
        : moderationFailure(result.reason, 'story');
    });
    // Files move only once the decision is committed.
    if (outcome) settleFiles(outcome);
    return send(c, once);
  });

  admin.post('/comments/:id', jsonLimit, async (c) => {
    const asked = await actionOf(c, MODERATION_ACTIONS);
    if (!asked.ok) return asked.response;
    const { action } = asked.value;
    const id = c.req.param('id');
    const claim = idempotencyClaim(c, `POST /admin/comments/${id}`, action);
    if (!claim.ok) return claim.response;
    const once = await store.moderateComment(id, action, claim.value, (result) =>
      result.ok
        ? answer(200, { comment: wireQueueComment(result.record, undefined), ...(result.deleted ? { deleted: true } : {}) })
        : moderationFailure(result.reason, 'comment'),
    );
    return send(c, once);
  });

  /** The same action on many stories and comments at once: one result per id, in the order asked. */
  admin.post('/bulk', jsonLimit, async (c) => {
    const asked = await actionOf(c, MODERATION_ACTIONS);
    if (!asked.ok) return asked.response;
    const { action, body } = asked.value;
    const ids = (name: string): string[] | undefined => {
      const value = body[name] ?? [];
      return Array.isArray(value) && value.every((id) => typeof id === 'string' || typeof id === 'number') ? value.map(String) : undefined;
    };
    const stories = ids('stories');
    const comments = ids('comments');
    if (!stories || !comments) {
      return fail(c, 422, 'validation_failed', 'stories and comments are lists of ids.', { ...(stories ? {} : { stories: 'invalid' }), ...(comments ? {} : { comments: 'invalid' }) });
    }
    if (stories.length + comments.length > MAX_BULK) {
      return fail(c, 422, 'validation_failed', `At most ${MAX_BULK} ids at once.`, { [stories.length > comments.length ? 'stories' : 'comments']: 'too_many' });
    }
    const outcome = (id: string, result: ModerateResult<StoryRecord> | ModerateResult<CommentRecord>) => {
      settleFiles(result);
      return { id, result: result.ok ? (result.deleted ? 'deleted' : result.record.status) : result.reason };
    };
    const run = async (kind: 'stories' | 'comments', list: string[]) =>
      list.length ? (await store.moderateMany(kind, list, action, articleOf)).map((result, i) => outcome(list[i], result)) : [];
    return c.json({ action, stories: await run('stories', stories), comments: await run('comments', comments) });
  });

  admin.delete('/spam', async (c) => {
    const emptied = await store.emptySpam();
    dropPhotos(emptied.droppedPhotos);
    return c.json({ deleted: { stories: emptied.stories, comments: emptied.comments } });
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
