/**
 * Fetches partners' feeds in the background: each source on its own interval,
 * several at once and each under its own deadline, so one slow, broken or
 * hostile source never delays the others. A failure doubles the wait before the
 * next try (up to a day); a success resets it. Readers never wait for a fetch:
 * `GET /articles` reads what the last fetches stored.
 *
 * A WordPress site added by its home page is found at its `/feed/`.
 */
import type { Store, SourceRecord, SourceFetch, SourceItem } from '../store/types.js';
import { fetchFeed, type FetchLimits } from './fetch.js';
import { parseSourceFeed } from './parse.js';

export interface PollerOptions {
  store: Store;
  /** Called after a fetch changed what readers see (to empty caches of public answers). */
  onChange?: () => void;
  limits?: Partial<FetchLimits>;
  /** Items kept per source. */
  maxItems?: number;
  /** How often the poller looks for sources that are due. */
  tickMs?: number;
  /** How many sources are fetched at the same time. */
  concurrency?: number;
  now?: () => number;
}

export const DEFAULT_INTERVAL_MS = 15 * 60 * 1000;
export const MIN_INTERVAL_MS = 60 * 1000;
const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 3,
  userAgent: 'Kabar feed fetcher (community news)',
  allowPrivate: false,
};

/** The wait after `failures` failures in a row: the interval, doubled for each, at most a day. */
export const backoff = (intervalMs: number, failures: number): number => Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 16));

/** The text of a body: UTF-8 unless the body says otherwise in a way TextDecoder knows. */
function textOf(body: Buffer, contentType: string | undefined): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/** A site's home page rather than a feed: where WordPress (and many others) keep their RSS. */
function feedGuess(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.search || /\.(xml|rss|atom|json)$/i.test(parsed.pathname) || /\/feed\/?$/.test(parsed.pathname)) return undefined;
    return new URL('feed/', parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`).href;
  } catch {
    return undefined;
  }
}

export class SourcePoller {
  private readonly store: Store;
  private readonly limits: FetchLimits;
  private readonly maxItems: number;
  private readonly tickMs: number;
  private readonly concurrency: number;
  private readonly now: () => number;
  private readonly onChange: () => void;
  private timer: NodeJS.Timeout | undefined;
  /** Sources being fetched now: a source is never fetched twice at once. */
  private readonly running = new Map<string, Promise<SourceRecord | undefined>>();

  constructor(options: PollerOptions) {
    this.store = options.store;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.maxItems = options.maxItems ?? 50;
    this.tickMs = options.tickMs ?? 30_000;
    this.concurrency = options.concurrency ?? 4;
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange ?? (() => undefined);
  }

  start(): void {
    if (this.timer) return;
    const tick = (): void => {
      void this.fetchDue()
        .catch((error) => console.error('kabar: fetching partner feeds failed', error))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.tickMs).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Fetches every source that is due, `concurrency` at a time; answers when all are done. */
  async fetchDue(): Promise<void> {
    const due = (await this.store.dueSources(this.now())).filter((s) => !this.running.has(s.id));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length) await this.fetchOne(due[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker));
  }

  /** Fetches one source now, whatever its schedule; answers its state afterwards. */
  fetchNow(id: string): Promise<SourceRecord | undefined> {
    const running = this.running.get(id);
    if (running) return running;
    return this.store.getSource(id).then((source) => (source ? this.fetchOne(source) : undefined));
  }

  private fetchOne(source: SourceRecord): Promise<SourceRecord | undefined> {
    const running = this.running.get(source.id);
    if (running) return running;
    const work = this.read(source)
      .then(async (fetch) => {
        if (await this.store.recordFetch(source.id, fetch, this.maxItems)) this.onChange();
        return this.store.getSource(source.id);
      })
      .catch((error: unknown) => {
        // A store that failed to record is tried again next tick; the others go on.
        console.error(`kabar: recording the fetch of source ${source.id} failed`, error);
        return undefined;
      })
      .finally(() => this.running.delete(source.id));
    this.running.set(source.id, work);
    return work;
  }

  /** One fetch of a source, and what it found; never throws. */
  private async read(source: SourceRecord): Promise<SourceFetch> {
    const at = this.now();
    const failed = (error: string): SourceFetch => ({ at, error, failures: source.failures + 1, nextFetchAt: at + backoff(source.intervalMs, source.failures + 1) });
    const done = (rest: Omit<SourceFetch, 'at' | 'failures' | 'nextFetchAt'>): SourceFetch => ({ at, failures: 0, nextFetchAt: at + source.intervalMs, ...rest });

    const feedUrl = source.feedUrl ?? source.url;
    const validators = { etag: source.etag, lastModified: source.lastModified };
    let outcome = await fetchFeed(feedUrl, validators, this.limits);
    if (outcome.kind === 'not-modified') return done({});
    if (outcome.kind === 'failed') return failed(outcome.code);
    let parsed = parseSourceFeed(textOf(outcome.body, outcome.contentType), outcome.url, at);
    let foundAt = feedUrl;
    if (!parsed && feedUrl === source.url) {
      const guess = feedGuess(source.url);
      if (guess) {
        const second = await fetchFeed(guess, {}, this.limits);
        if (second.kind === 'ok') {
          parsed = parseSourceFeed(textOf(second.body, second.contentType), second.url, at);
          outcome = second;
          foundAt = guess;
        }
      }
    }
    if (!parsed) return failed('not_a_feed');
    return done({
      items: newest(parsed.items, this.maxItems),
      etag: outcome.etag,
      lastModified: outcome.lastModified,
      feedUrl: foundAt === source.url ? undefined : foundAt,
      siteUrl: parsed.siteUrl,
    });
  }
}

/** The `max` newest items: a feed of thousands costs no more than a feed of `max`. */
const newest = (items: SourceItem[], max: number): SourceItem[] => [...items].sort((a, b) => b.publishedAt - a.publishedAt).slice(0, max);
