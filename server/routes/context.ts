/**
 * What every resource's routes share within one API: the store, the settings,
 * the rate limits, where photos live and the upkeep that follows each write.
 */
import type { Context } from 'hono';
import { spamReason } from '../../src/core/rules/rules.js';
import { clientOf as clientAddressOf } from '../client-address.js';
import type { Config } from '../config.js';
import { tooManyRequests } from '../http.js';
import { JSON_LIMIT, multipartLimit, SharedBuckets, TokenBuckets, type BucketStore, type Limiter } from '../limits.js';
import type { ArticleRecord, CommentRecord, ModerateResult, Store, StoryRecord } from '../store/types.js';
import type { SourcePoller } from '../sources/poller.js';
import type { Uploads } from '../uploads/types.js';
import { sizeLimit } from './request.js';

export interface ApiOptions {
  store: Store;
  config: Config;
  /** The origin absolute URLs start with. */
  originOf: (c: Context) => string;
  /** Where photo bytes are kept (see server/uploads/). */
  uploads: Uploads;
  /** The fetcher of partners' feeds. */
  poller: SourcePoller;
}

export type RouteContext = ReturnType<typeof routeContext>;

export function routeContext({ store, config, originOf, uploads, poller }: ApiOptions) {
  // On a store several servers share, the limits on writes and on failed sign-ins are kept in it:
  // a client gets one allowance whichever server answers. The per-request limit, a guard against
  // floods, stays in each process: it is taken on every request and a shared one would cost a write each time.
  const shared = (name: string, capacity: number, refillMs: number): Limiter =>
    store.takeToken ? new SharedBuckets(store as BucketStore, name, capacity, refillMs) : new TokenBuckets(capacity, refillMs);
  const limits = {
    requests: new TokenBuckets(300, 20),
    stories: shared('stories', 5, 60_000),
    comments: shared('comments', 10, 20_000),
    thread: shared('thread', 30, 5_000),
    adminFailures: shared('admin-failures', 10, 10_000),
  };
  // X-Forwarded-For counts only through the proxies the operator vouches for, right to left.
  const clientOf = (c: Context): string => clientAddressOf(config.trustProxy, c);
  const limited = async (c: Context, bucket: Limiter, key: string): Promise<Response | undefined> => {
    if (!config.rateLimit) return undefined;
    const taken = await bucket.take(key);
    return taken.ok ? undefined : tooManyRequests(c, taken.retryAfter);
  };
  /** Whether an Idempotency-Key was already answered in this scope (whatever the body then). */
  const keyKnown = async (c: Context, scope: string): Promise<boolean> => {
    const key = c.req.header('Idempotency-Key');
    return key !== undefined && key.length <= 255 && (await store.findAnswer({ scope, key, requestHash: '' })) !== undefined;
  };
  /** A write limited per client, except a retry under a key already answered: it stores nothing. */
  const limitedWrite = async (c: Context, bucket: Limiter, scope: string): Promise<Response | undefined> => {
    const refused = await limited(c, bucket, clientOf(c));
    return refused && !(await keyKnown(c, scope)) ? refused : undefined;
  };
  const suspicion = (fields: Record<string, unknown>) => spamReason(fields.website, fields.elapsed_ms, config.minFillMs);

  /** Removes photos no record points at any more, wherever they are kept. */
  const dropPhotos = async (files: string[]): Promise<void> => {
    for (const file of files) await uploads.remove(file);
  };
  /**
   * Expired idempotency answers and old spam go a bounded batch at a time with
   * each write, so a stream of bots cannot grow the database without end.
   * Usually this is three indexed reads that find nothing.
   */
  const prune = async (): Promise<void> => {
    try {
      await dropPhotos((await store.prune(Date.now())).droppedPhotos);
    } catch (error) {
      // The write itself succeeded; pruning is tried again with the next one.
      console.error('kabar: pruning failed', error);
    }
  };
  /**
   * Puts an article's photo where the article's state says: public while it is
   * published, private (editors only) while it is unpublished. Either move is a
   * no-op when the photo is already there, so asking again mends a move that failed.
   */
  const placePhoto = async (article: ArticleRecord): Promise<void> => {
    const file = article.image?.media.file;
    if (!file) return;
    await (article.unpublishedAt === undefined ? uploads.publish(file) : uploads.withdraw(file));
  };
  /** What a moderation result means for the files: an approved story's photo follows its article, a dropped one goes. */
  const settleFiles = async (result: ModerateResult<StoryRecord> | ModerateResult<CommentRecord>): Promise<void> => {
    if (!result.ok) return;
    if (result.droppedPhoto) await dropPhotos([result.droppedPhoto]);
    if (result.article) await placePhoto(result.article);
  };

  return {
    store,
    config,
    originOf,
    limits,
    clientOf,
    limited,
    limitedWrite,
    suspicion,
    uploads,
    poller,
    dropPhotos,
    prune,
    placePhoto,
    settleFiles,
    jsonLimit: sizeLimit(JSON_LIMIT),
    multipartLimit: sizeLimit(multipartLimit(config.maxPhotoBytes)),
  };
}
