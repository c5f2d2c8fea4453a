import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { BackendError } from '../../../src/backends/backend.js';
import { READ_DEADLINE_MS, request, setRetryTiming, sleep, type RetryTiming } from '../../../src/backends/http.js';
import { KabarBackend } from '../../../src/backends/kabar.js';
import { describeError } from '../../../src/core/i18n/errors.js';
import { id } from '../../../src/core/i18n/id.js';
import { hang, installFakeFetch, offline, type FakeFetch } from './fake-fetch.js';
import { clearCache } from '../../../src/backends/cache.js';

const API = 'https://news.example.org/api/v1';

/** Settles `promise` into its error, or undefined while it is still pending. */
function watch(promise: Promise<unknown>): () => BackendError | 'done' | undefined {
  let outcome: BackendError | 'done' | undefined;
  promise.then(
    () => (outcome = 'done'),
    (error: BackendError) => (outcome = error),
  );
  return () => outcome;
}

describe('read deadline', () => {
  let fake: FakeFetch;
  let clock: sinon.SinonFakeTimers;
  let timing: RetryTiming;
  beforeEach(() => {
    clearCache();
    fake = installFakeFetch();
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // The real backoff, spent on the fake clock.
    timing = setRetryTiming({ sleep });
  });
  afterEach(() => {
    clock.restore();
    fake.restore();
    setRetryTiming(timing);
    clearCache();
  });

  it('a backend that never answers: a timeout within 20 s of the first request, across all tries', async () => {
    fake.answer(hang);
    const outcome = watch(request(`${API}/articles`));
    await clock.tickAsync(19_000);
    expect(outcome()).to.equal(undefined);
    await clock.tickAsync(READ_DEADLINE_MS - 19_000);
    const error = outcome();
    expect(error).to.be.instanceOf(BackendError);
    expect((error as BackendError).kind).to.equal('timeout');
    // The first try took 15 s; the retry had only what was left.
    expect(fake.calls.length).to.be.within(2, 3);
  });

  it('a send is not held to the read deadline', async () => {
    fake.answer(hang);
    const outcome = watch(request(`${API}/threads/x/comments`, { method: 'POST', json: {}, idempotencyKey: 'k', timeoutMs: 60_000, retries: 0 }));
    await clock.tickAsync(30_000);
    expect(outcome()).to.equal(undefined);
    await clock.tickAsync(30_000);
    expect((outcome() as BackendError).kind).to.equal('timeout');
  });
});

describe('a CORS refusal', () => {
  let fake: FakeFetch;
  let warn: sinon.SinonStub;
  let timing: RetryTiming;
  beforeEach(() => {
    clearCache();
    fake = installFakeFetch();
    warn = sinon.stub(console, 'warn');
    timing = setRetryTiming({ sleep: () => Promise.resolve() });
  });
  afterEach(() => {
    fake.restore();
    warn.restore();
    setRetryTiming(timing);
  });

  it('gets its own code, is not retried, words no blame on the reader, and tells the site owner once', async () => {
    fake.reachable = true;
    fake.answer(offline);
    const backend = new KabarBackend('https://cors.example.org/api/v1');
    const first = await backend.listArticles({ page: 1, perPage: 3 }).catch((e: BackendError) => e);
    expect(first).to.be.instanceOf(BackendError);
    expect((first as BackendError).code).to.equal('cors');
    expect((first as BackendError).retryable).to.equal(false);
    expect(fake.calls).to.have.length(1);
    const words = describeError({ t: (key: keyof typeof id) => id[key] as string } as never, first as BackendError);
    expect(words).to.equal('Situs ini belum dapat memuat berita saat ini. Silakan coba lagi nanti.');
    expect(words).not.to.contain('koneksi');

    await backend.listArticles({ page: 2, perPage: 3 }).catch(() => undefined);
    expect(warn.callCount).to.equal(1);
    expect(String(warn.firstCall.args[0])).to.contain('KABAR_ALLOWED_ORIGINS').and.to.contain(location.origin);
  });

  it('a server that cannot be reached is still a network fault, retried', async () => {
    fake.answer(offline);
    const error = await request('https://down.example.org/api/v1/articles').catch((e: BackendError) => e);
    expect((error as BackendError).kind).to.equal('network');
    expect((error as BackendError).code).to.equal(undefined);
    expect(fake.calls).to.have.length(3);
    expect(warn.callCount).to.equal(0);
  });
});
