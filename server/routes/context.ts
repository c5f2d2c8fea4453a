/**
 * What every resource's routes share within one API: the store, the settings,
 * the rate limits, where photos live and the upkeep that follows each write.
 */
import type { Context } from 'hono';
import { BROWSER_KEY_HEADER, BROWSER_KEY_PATTERN } from '../../src/core/browser-key.js';
import { spamReason } from '../../src/core/rules/rules.js';
import { clientOf as clientAddressOf } from '../client-address.js';
import type { Config } from '../config.js';
import { stampElapsedMs } from '../form-stamp.js';
import { errorBody, tooManyRequests } from '../http.js';
import { JSON_LIMIT, multipartLimit, SharedBuckets, TokenBuckets, type BucketStore, type Limiter } from '../limits.js';
import type { SourcePoller } from '../sources/poller.js';
import type { Answer, ArticleRecord, CommentRecord, ModerateResult, Store, StoreTx, StoryRecord } from '../store/types.js';
import type { Notices } from '../notify/index.js';
import type { Uploads } from '../uploads/types.js';
import { IDEMPOTENCY_KEY, sizeLimit } from './request.js';

export interface ApiOptions {
  store: Store;
  config: Config;
  /** The origin absolute URLs start with. */
  originOf: (c: Context) => string;
  /** Where photo bytes are kept (see server/uploads/). */
  uploads: Uploads;
  /** The fetcher of partners' feeds. */
  poller: SourcePoller;
  /** E-mail and webhooks (see server/notify/). */
  notices?: Notices;
}

/**
 * What sends may spend: `capacity` at once, then one more every `refillMs`. Per address they are
 * sized for carrier-grade NAT, where thousands of phones share one address (README: "Limits behind
 * a shared address"); per browser (the widgets' own random key), for one person.
 */
export const ALLOWANCES = {
  storiesPerAddress: { capacity: 30, refillMs: 10_000 },
  commentsPerAddress: { capacity: 120, refillMs: 2_000 },
  storiesPerBrowser: { capacity: 5, refillMs: 120_000 },
  commentsPerBrowser: { capacity: 10, refillMs: 30_000 },
  /** All senders together, per thread: a flood guard for one article's comments. */
  thread: { capacity: 30, refillMs: 5_000 },
} as const;

/** The widgets' per-browser key a send carries (its own allowance beside the address's), when it is one the widgets could have made. */
export function browserKeyOf(c: Context): string | undefined {
  const key = c.req.header(BROWSER_KEY_HEADER)?.trim();
  return key && BROWSER_KEY_PATTERN.test(key) ? key : undefined;
}

export type RouteContext = ReturnType<typeof routeContext>;

export function routeContext({ store, config, originOf, uploads, poller, notices }: ApiOptions) {
  // On a store several servers share, the limits on writes and on failed sign-ins are kept in it:
  // a client gets one allowance whichever server answers. The per-request limit, a guard against
  // floods, stays in each process: it is taken on every request and a shared one would cost a write each time.
  const shared = (name: string, capacity: number, refillMs: number): Limiter =>
    store.takeToken ? new SharedBuckets(store as BucketStore, name, capacity, refillMs) : new TokenBuckets(capacity, refillMs);
  const limits = {
    requests: new TokenBuckets(300, 20),
    stories: shared('stories', ALLOWANCES.storiesPerAddress.capacity, ALLOWANCES.storiesPerAddress.refillMs),
    comments: shared('comments', ALLOWANCES.commentsPerAddress.capacity, ALLOWANCES.commentsPerAddress.refillMs),
    storiesPerBrowser: shared('stories-browser', ALLOWANCES.storiesPerBrowser.capacity, ALLOWANCES.storiesPerBrowser.refillMs),
    commentsPerBrowser: shared('comments-browser', ALLOWANCES.commentsPerBrowser.capacity, ALLOWANCES.commentsPerBrowser.refillMs),
    thread: shared('thread', ALLOWANCES.thread.capacity, ALLOWANCES.thread.refillMs),
    // Failed sign-ins stay strict: ten, then one more every 10 s, per address.
    adminFailures: shared('admin-failures', 10, 10_000),
  };
  // X-Forwarded-For counts only through the proxies the operator vouches for, right to left.
  const clientOf = (c: Context): string => clientAddressOf(config.trustProxy, c);
  const limited = async (c: Context, bucket: Limiter, key: string): Promise<Response | undefined> => {
    if (!config.rateLimit) return undefined;
    const taken = await bucket.take(key);
    return taken.ok ? undefined : tooManyRequests(c, taken.retryAfter);
  };
  /**
   * Whether a send carries a usable Idempotency-Key: then it may be a retry, and spends its
   * allowances only in its write. An unusable one is refused (400) after the body is read, so
   * such a send spends before, like one without a key: else it would never spend at all.
   */
  const keyed = (c: Context): boolean => IDEMPOTENCY_KEY.test(c.req.header('Idempotency-Key') ?? '');
  /**
   * What one new story or comment spends of its sender's allowances: a token of its browser's
   * (when the widget sent its key), then one of its address's. Answers the seconds to wait when
   * one is empty. `via` is the store's write when this happens inside it: a send under an
   * Idempotency-Key spends there, once its key was found new, so a retry of a send already
   * answered, or a copy of one still in flight (on this server or another on the same store, it
   * waited for the first and got its answer), costs nothing. A send without a key can never be
   * a retry: it spends before its body is read.
   */
  const spendSender = async (c: Context, kind: 'stories' | 'comments', via?: StoreTx): Promise<number | undefined> => {
    if (!config.rateLimit) return undefined;
    const browser = browserKeyOf(c);
    const [perBrowser, perAddress] = kind === 'stories' ? [limits.storiesPerBrowser, limits.stories] : [limits.commentsPerBrowser, limits.comments];
    const store = via?.takeToken ? (via as BucketStore) : undefined;
    const first = browser === undefined ? undefined : await perBrowser.take(browser, store);
    if (first && !first.ok) return first.retryAfter;
    const second = await perAddress.take(clientOf(c), store);
    return second.ok ? undefined : second.retryAfter;
  };
  /** A token of the thread's allowance (every sender together), taken only by a comment that could be stored. */
  const spendThread = async (thread: string, via?: StoreTx): Promise<number | undefined> => {
    if (!config.rateLimit) return undefined;
    const taken = await limits.thread.take(thread, via?.takeToken ? (via as BucketStore) : undefined);
    return taken.ok ? undefined : taken.retryAfter;
  };
  /** The answer for an allowance spent inside a write: a 429 is never kept, so the same key may try again. */
  const rateLimited = (wait: number): Answer => ({ status: 429, body: errorBody('rate_limited', `Too many requests; try again in ${wait} s.`), retryAfter: wait });
  /** The widgets send `elapsed_ms`; a form without JavaScript carries the server's signed `form_stamp` instead. */
  const suspicion = (fields: Record<string, unknown>) =>
    spamReason(fields.website, fields.elapsed_ms ?? stampElapsedMs(config.adminToken, fields.form_stamp), config.minFillMs);

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
    notices,
    originOf,
    limits,
    clientOf,
    limited,
    keyed,
    spendSender,
    spendThread,
    rateLimited,
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
