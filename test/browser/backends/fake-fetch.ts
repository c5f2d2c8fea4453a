import { expect } from '@open-wc/testing';
import { BackendError } from '../../../src/backends/backend.js';
import { clearCache } from '../../../src/backends/cache.js';
import { setRetryTiming, type RetryTiming } from '../../../src/backends/http.js';

/**
 * A stand-in for `fetch` that answers with real `Response` objects and
 * records what was sent. Install it in `beforeEach`, restore it in `afterEach`.
 */

export interface FetchCall {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
  signal?: AbortSignal | null;
}

export type Answer = (call: FetchCall, index: number) => Response | Promise<Response>;

export interface FakeFetch {
  calls: FetchCall[];
  /** `no-cors` probes, kept apart from the calls: the http module sends one to tell a CORS refusal from a dead server. */
  probes: FetchCall[];
  /** Whether a probe finds the server answering (it then refused this origin); default false, a dead server. */
  reachable: boolean;
  /** Answers by call number; the last one answers every later call. */
  answer(...answers: Answer[]): void;
  restore(): void;
}

export function installFakeFetch(): FakeFetch {
  const original = globalThis.fetch;
  let answers: Answer[] = [];
  const fake: FakeFetch = {
    calls: [],
    probes: [],
    reachable: false,
    answer(...next) {
      answers = next;
    },
    restore() {
      globalThis.fetch = original;
    },
  };
  globalThis.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: FetchCall = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: init.body,
      signal: init.signal,
    };
    if (init.mode === 'no-cors') {
      fake.probes.push(call);
      return fake.reachable ? Promise.resolve(new Response(null, { status: 200 })) : Promise.reject(new TypeError('Failed to fetch'));
    }
    const index = fake.calls.push(call) - 1;
    const answer = answers[Math.min(index, answers.length - 1)];
    if (!answer) return Promise.reject(new Error(`no answer for call ${index + 1}`));
    return Promise.resolve().then(() => answer(call, index));
  };
  return fake;
}

export function json(body: unknown, init: ResponseInit = {}): Answer {
  return () =>
    new Response(JSON.stringify(body), {
      ...init,
      headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
    });
}

export function raw(body: string | null, init: ResponseInit = {}): Answer {
  return () => new Response(body, init);
}

/** Like a dead connection. */
export const offline: Answer = () => Promise.reject(new TypeError('Failed to fetch'));

/** Never answers; rejects like fetch does when its signal aborts. */
export const hang: Answer = (call) =>
  new Promise((_, reject) => {
    const signal = call.signal;
    const fail = () => {
      const reason: unknown = signal?.reason;
      reject(reason instanceof DOMException ? reason : new DOMException('The user aborted a request.', 'AbortError'));
    };
    if (signal?.aborted) fail();
    signal?.addEventListener('abort', fail, { once: true });
  });

/** The parsed JSON body of a call. */
export function sentJson(call: FetchCall): unknown {
  if (typeof call.body !== 'string') throw new Error('the call sent no JSON');
  return JSON.parse(call.body);
}

/** Awaits a call that must fail and returns its BackendError. */
export async function failureOf(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(BackendError);
    return error as BackendError;
  }
  throw new Error('expected the call to fail');
}

export interface FakeNetwork {
  /** The fake fetch of the running test. */
  fetch: FakeFetch;
  /** Every wait the http retry loop asked for, instead of spending it. */
  waits: number[];
}

/**
 * For a `describe`: each test gets a fake fetch, an empty cache and retries
 * that do not wait; everything is put back afterwards.
 */
export function useFakeNetwork(): FakeNetwork {
  const network = { waits: [] } as unknown as FakeNetwork;
  let timing: RetryTiming;
  beforeEach(() => {
    clearCache();
    network.fetch = installFakeFetch();
    network.waits = [];
    timing = setRetryTiming({
      sleep: (ms) => {
        network.waits.push(ms);
        return Promise.resolve();
      },
    });
  });
  afterEach(() => {
    network.fetch.restore();
    setRetryTiming(timing);
    clearCache();
  });
  return network;
}
