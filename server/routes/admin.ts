/**
 * The editors' side, behind the admin token: the moderation queue, held photos,
 * decisions one by one or in bulk, and emptying the spam.
 */
import { Hono, type Context } from 'hono';
import { editorFor, ownerOnly, ownerOnlyAnswer, type AdminEnv } from '../editors.js';
import { bearerToken, errorBody, fail, tooManyRequests } from '../http.js';
import { notifyAdminRoutes } from '../notify/routes.js';
import { articleFromStory } from '../publish.js';
import type { Answer, ArticleOf, Claim, CommentRecord, ModerateResult, ModerationAction, StoryRecord } from '../store/types.js';
import { UPLOAD_NAME } from '../uploads/types.js';
import { wireArticle, wireQueueComment, wireStory } from '../wire.js';
import { content, moderationAudit } from './content.js';
import type { RouteContext } from './context.js';
import { sourceRoutes } from './sources.js';
import { answer, idempotencyClaim, paging, readJson, send, type Parsed } from './request.js';

const MODERATION_ACTIONS = ['approve', 'reject', 'spam', 'delete'] as const;
/** The most ids one bulk request may name. */
const MAX_BULK = 500;
const articleOf: ArticleOf = (story, categorySlug) => articleFromStory(story, categorySlug, Date.now());

/** Notes a decision that found its record in that state already, so the audit log does not repeat it. */
function unchanged(c: Context<AdminEnv>, kind: 'stories' | 'comments', id: string): void {
  const seen = c.get('unchanged') ?? new Set<string>();
  seen.add(`${kind}/${id}`);
  c.set('unchanged', seen);
}

export function adminRoutes(context: RouteContext): Hono<AdminEnv> {
  const { store, config, originOf, limits, clientOf, uploads, poller, dropPhotos, placePhoto, settleFiles, jsonLimit } = context;
  const admin = new Hono<AdminEnv>();
  // Ours rather than `hono/bearer-auth`, because ours is stricter: failed guesses are counted per
  // client and answered 429 even when rate limits are off (see the admin tests).
  admin.use(async (c, next) => {
    // The owner's token or a named editor's; the name goes into the audit log.
    const signer = await editorFor(store, config.adminToken, bearerToken(c));
    if (!signer) {
      // Failed guesses are limited even when rate limits are off: the token is the only lock.
      const client = clientOf(c);
      const taken = await limits.adminFailures.take(client);
      if (!taken.ok) return tooManyRequests(c, taken.retryAfter);
      // Logged within that limit, so a flood of guesses costs the log a few lines a minute at most.
      if (bearerToken(c) !== undefined) {
        await store.recordAudit([{ actor: 'unknown', action: 'signin.fail', itemType: 'signin', itemId: client, detail: `${c.req.method} ${c.req.path}` }], Date.now());
      }
      c.header('WWW-Authenticate', 'Bearer realm="kabar-admin"');
      return fail(c, 401, 'unauthorized', 'A valid admin token is required.');
    }
    c.header('Cache-Control', 'no-store');
    c.set('editor', signer.name);
    c.set('role', signer.role);
    await next();
  });
  // What cannot be undone, or reaches many people's data at once, is the owner's (see editors.ts).
  admin.post('/categories', ownerOnly);
  admin.patch('/categories/:id', ownerOnly);
  admin.delete('/categories/:id', ownerOnly);
  admin.delete('/articles/:id', ownerOnly);
  admin.post('/erase', ownerOnly);
  admin.delete('/spam', ownerOnly);
  admin.use(moderationAudit(store));
  // Content management: stories edited before approval, articles, categories, erasure, the log.
  admin.route('/', content({ store, originOf, dropPhotos, placePhoto }));
  // Partners' feeds the server fetches.
  admin.route('/', sourceRoutes({ store, allowPrivate: config.sourcesAllowPrivate, poller }));
  // Each editor's own e-mail choices, and the last webhook deliveries.
  if (context.notices) admin.route('/', notifyAdminRoutes(context.notices));

  admin.get('/queue', async (c) => {
    const pages = paging(c, 20, 100);
    if (!pages.ok) return pages.response;
    const status = c.req.query('status') ?? 'pending';
    const sort = c.req.query('sort') ?? 'oldest';
    if (status !== 'pending' && status !== 'spam') return fail(c, 400, 'invalid_query', 'status is pending or spam.', { status: 'invalid' });
    if (sort !== 'oldest' && sort !== 'newest') return fail(c, 400, 'invalid_query', 'sort is oldest or newest.', { sort: 'invalid' });
    const { page, perPage } = pages.value;
    const queue = await store.queue({ status, sort, page, perPage });
    // The queue shows senders' e-mail addresses: who read which page of it is on record.
    await store.recordAudit([{ actor: c.get('editor'), action: 'queue.read', itemType: 'queue', itemId: status, detail: `page ${page}` }], Date.now());
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
    // Held for review, or already public (an editor looking at a published story).
    const bytes = media ? ((await uploads.read('private', file)) ?? (await uploads.read('public', file))) : undefined;
    if (!media || !bytes) return fail(c, 404, 'not_found', 'No such photo.');
    await store.recordAudit([{ actor: c.get('editor'), action: 'photo.view', itemType: 'photo', itemId: file }], Date.now());
    c.header('Content-Type', media.type);
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    return c.body(bytes);
  });

  const actionOf = async <A extends string>(c: Context<AdminEnv>, allowed: readonly A[]): Promise<Parsed<{ action: A; body: Record<string, unknown> }>> => {
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

  /** A decision on one record: the action asked, the record's id and the request's idempotency claim. */
  const decisionOf = async (c: Context<AdminEnv>, kind: 'stories' | 'comments'): Promise<Parsed<{ action: ModerationAction; id: string; claim?: Claim }>> => {
    const asked = await actionOf(c, MODERATION_ACTIONS);
    if (!asked.ok) return asked;
    const { action } = asked.value;
    const id = c.req.param('id') ?? '';
    const claim = idempotencyClaim(c, `POST /admin/${kind}/${id}`, action);
    return claim.ok ? { ok: true, value: { action, id, claim: claim.value } } : claim;
  };

  admin.post('/stories/:id', jsonLimit, async (c) => {
    const decision = await decisionOf(c, 'stories');
    if (!decision.ok) return decision.response;
    const { action, id, claim } = decision.value;
    const origin = originOf(c);
    let outcome: ModerateResult<StoryRecord> | undefined;
    const once = await store.once(claim, async (tx) => {
      const result = await tx.moderateStory(id, action, articleOf);
      outcome = result;
      return result.ok
        ? answer(200, {
            story: wireStory(result.record, origin),
            ...(result.article ? { article: wireArticle(result.article, origin, true) } : {}),
            ...(result.deleted ? { deleted: true } : {}),
          })
        : moderationFailure(result.reason, 'story');
    });
    if (outcome?.ok && outcome.unchanged) unchanged(c, 'stories', id);
    // Files move only once the decision is committed. A replayed approval places its photo again:
    // if the first move failed (a bucket that did not answer), the retry mends it (a no-op otherwise).
    // Its article as it is now decides: one unpublished since keeps its photo private.
    if (outcome) await settleFiles(outcome);
    else if (action === 'approve') {
      const story = await store.getStory(id);
      const article = story?.status === 'approved' && story.articleId ? await store.getAnyArticle(story.articleId) : undefined;
      if (article) await placePhoto(article);
    }
    return send(c, once);
  });

  admin.post('/comments/:id', jsonLimit, async (c) => {
    const decision = await decisionOf(c, 'comments');
    if (!decision.ok) return decision.response;
    const { action, id, claim } = decision.value;
    const once = await store.once(claim, async (tx) => {
      const result = await tx.moderateComment(id, action);
      if (result.ok && result.unchanged) unchanged(c, 'comments', id);
      return result.ok
        ? answer(200, { comment: wireQueueComment(result.record, undefined), ...(result.deleted ? { deleted: true } : {}) })
        : moderationFailure(result.reason, 'comment');
    });
    return send(c, once);
  });

  /** The same action on many stories and comments at once: one result per id, in the order asked. */
  admin.post('/bulk', jsonLimit, async (c) => {
    const asked = await actionOf(c, MODERATION_ACTIONS);
    if (!asked.ok) return asked.response;
    const { action, body } = asked.value;
    // Deleting in bulk is emptying the spam list a page at a time.
    if (action === 'delete' && c.get('role') !== 'owner') return ownerOnlyAnswer(c);
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
    const outcome = async (kind: 'stories' | 'comments', id: string, result: ModerateResult<StoryRecord> | ModerateResult<CommentRecord>) => {
      await settleFiles(result);
      if (result.ok && result.unchanged) unchanged(c, kind, id);
      return { id, result: result.ok ? (result.deleted ? 'deleted' : result.record.status) : result.reason };
    };
    const run = async (kind: 'stories' | 'comments', list: string[]) => {
      const results = list.length ? await store.moderateMany(kind, list, action, articleOf) : [];
      // One at a time: a bulk approval of hundreds need not open hundreds of connections to a bucket.
      const outcomes = [];
      for (const [i, result] of results.entries()) outcomes.push(await outcome(kind, list[i], result));
      return outcomes;
    };
    return c.json({ action, stories: await run('stories', stories), comments: await run('comments', comments) });
  });

  admin.delete('/spam', async (c) => {
    const emptied = await store.emptySpam();
    await dropPhotos(emptied.droppedPhotos);
    return c.json({ deleted: { stories: emptied.stories, comments: emptied.comments } });
  });

  return admin;
}
