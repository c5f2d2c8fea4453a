import { expect } from '@open-wc/testing';
import { ANSWERED_ELSEWHERE, BackendError, REDIRECTED } from '../../../src/backends/backend.js';
import { buildUrl, request, retryAfterSeconds, sameSource, setRetryTiming } from '../../../src/backends/http.js';
import { failureOf as failure, hang, json, offline, raw, useFakeNetwork } from './fake-fetch.js';

const API = 'https://news.example.org/api/v1';

describe('http', () => {
  const network = useFakeNetwork();
  // Shorthands for the running test's fake fetch and the waits it asked for.
  let fake: typeof network.fetch;
  let waits: number[];
  beforeEach(() => {
    fake = network.fetch;
    waits = network.waits;
    setRetryTiming({ baseMs: 100, maxMs: 1_000 });
  });

  it('builds URLs with repeated names for lists and without empty values', () => {
    expect(buildUrl(`${API}/comment-counts`, { thread: ['a b', 'c'], page: 2, q: '', tag: undefined })).to.equal(
      `${API}/comment-counts?thread=a+b&thread=c&page=2`,
    );
  });

  it('answers with the parsed JSON body and sends Accept', async () => {
    fake.answer(json({ items: [1, 2] }));
    const answer = await request<{ items: number[] }>(`${API}/articles`, { query: { page: 1 } });
    expect(answer.status).to.equal(200);
    expect(answer.body.items).to.deep.equal([1, 2]);
    expect(answer.fromCache).to.equal(false);
    expect(fake.calls[0].url).to.equal(`${API}/articles?page=1`);
    expect(fake.calls[0].headers.get('Accept')).to.equal('application/json');
  });

  describe('redirects', () => {
    /** A real Response as fetch gives it after following a redirect to `url`. */
    const from = (url: string, body: unknown) => () => {
      const response = new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
      Object.defineProperty(response, 'url', { value: url });
      return response;
    };

    it('a send answered with a redirect is an error, tried once, whatever its key', async () => {
      fake.answer(raw(null, { status: 307, headers: { Location: 'https://elsewhere.example/api/v1/threads/a/comments' } }));
      const error = await failure(request(`${API}/threads/a/comments`, { method: 'POST', json: { body: 'Halo' }, idempotencyKey: 'k1' }));
      expect([error.kind, error.code]).to.deep.equal(['http', REDIRECTED]);
      expect(error.retryable).to.equal(false);
      expect(fake.calls).to.have.length(1);
    });

    it('a read answered from another origin is refused; the same host moved to https is not', async () => {
      fake.answer(from('https://elsewhere.example/feed.json', { items: ['lain'] }));
      const error = await failure(request(`${API}/articles`, { retries: 0 }));
      expect([error.kind, error.code]).to.deep.equal(['http', ANSWERED_ELSEWHERE]);
      fake.answer(from(`${API}/articles/`, { items: [1] }));
      expect((await request<{ items: number[] }>(`${API}/articles`)).body.items).to.deep.equal([1]);
      expect(sameSource('http://warta.example/wp-json/', 'https://warta.example/wp-json/')).to.equal(true);
      expect(sameSource('https://warta.example/wp-json/', 'http://warta.example/wp-json/')).to.equal(false);
      expect(sameSource('https://warta.example/', 'https://www.warta.example/')).to.equal(false);
    });
  });

  describe('failures', () => {
    it('gives kind timeout when no answer comes in time', async () => {
      fake.answer(hang);
      const error = await failure(request(`${API}/articles`, { timeoutMs: 20, retries: 0 }));
      expect(error.kind).to.equal('timeout');
      expect(fake.calls).to.have.length(1);
    });

    it('retries a timed-out GET before giving up', async () => {
      fake.answer(hang);
      const error = await failure(request(`${API}/articles`, { timeoutMs: 20 }));
      expect(error.kind).to.equal('timeout');
      expect(fake.calls).to.have.length(3);
    });

    it('retries a 500 on GET with growing backoff, then gives http', async () => {
      fake.answer(json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }));
      const error = await failure(request(`${API}/articles`));
      expect(error.kind).to.equal('http');
      expect(error.status).to.equal(500);
      expect(error.code).to.equal('internal');
      expect(fake.calls).to.have.length(3);
      expect(waits).to.have.length(2);
      // Equal jitter: the first wait lies in [50, 100], the second in [100, 200].
      expect(waits[0]).to.be.within(50, 100);
      expect(waits[1]).to.be.within(100, 200);
    });

    it('recovers when a retry succeeds', async () => {
      fake.answer(raw('oops', { status: 502 }), offline, json({ ok: true }));
      const answer = await request<{ ok: boolean }>(`${API}/articles`);
      expect(answer.body.ok).to.equal(true);
      expect(fake.calls).to.have.length(3);
    });

    it('never retries a POST without an idempotency key', async () => {
      fake.answer(raw('down', { status: 503 }));
      const error = await failure(request(`${API}/stories`, { method: 'POST', json: { title: 'x' }, retries: 5 }));
      expect(error.kind).to.equal('http');
      expect(error.status).to.equal(503);
      expect(fake.calls).to.have.length(1);

      fake.answer(offline);
      const lost = await failure(request(`${API}/stories`, { method: 'POST', json: { title: 'x' } }));
      expect(lost.kind).to.equal('network');
      expect(fake.calls).to.have.length(2);
    });

    it('retries a POST that carries an idempotency key, with the same key each time', async () => {
      fake.answer(raw('down', { status: 503 }), json({ id: 7 }, { status: 201 }));
      const answer = await request<{ id: number }>(`${API}/stories`, { method: 'POST', json: { title: 'x' }, idempotencyKey: 'k-1' });
      expect(answer.status).to.equal(201);
      expect(fake.calls.map((call) => call.headers.get('Idempotency-Key'))).to.deep.equal(['k-1', 'k-1']);
      expect(fake.calls[0].headers.get('Content-Type')).to.equal('application/json');
      expect(fake.calls[0].body).to.equal('{"title":"x"}');
    });

    it('gives parse for a 2xx that is not JSON (a captcha page) and does not retry it', async () => {
      fake.answer(raw('<!doctype html><title>Are you human?</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
      const error = await failure(request(`${API}/articles`));
      expect(error.kind).to.equal('parse');
      expect(error.code).to.equal('invalid_json');
      expect(fake.calls).to.have.length(1);
    });

    it('gives parse for truncated JSON', async () => {
      fake.answer(raw('{"items": [1, 2', { status: 200, headers: { 'Content-Type': 'application/json' } }));
      expect((await failure(request(`${API}/articles`))).kind).to.equal('parse');
    });

    it('gives aborted when the caller aborts, and never retries it', async () => {
      fake.answer(hang);
      const controller = new AbortController();
      const pending = request(`${API}/articles`, { signal: controller.signal });
      await Promise.resolve();
      controller.abort();
      const error = await failure(pending);
      expect(error.kind).to.equal('aborted');
      expect(fake.calls).to.have.length(1);
    });

    it('does not even call fetch with a signal that is already aborted', async () => {
      fake.answer(json({}));
      const controller = new AbortController();
      controller.abort();
      expect((await failure(request(`${API}/articles`, { signal: controller.signal }))).kind).to.equal('aborted');
      expect(fake.calls).to.have.length(0);
    });

    it('stops waiting between retries when the caller aborts', async () => {
      const controller = new AbortController();
      setRetryTiming({
        sleep: (_ms, signal) => {
          controller.abort();
          return Promise.reject(new BackendError('aborted', { cause: signal?.reason }));
        },
      });
      fake.answer(raw('down', { status: 503 }));
      expect((await failure(request(`${API}/articles`, { signal: controller.signal }))).kind).to.equal('aborted');
      expect(fake.calls).to.have.length(1);
    });

    it('gives network when offline', async () => {
      fake.answer(offline);
      const error = await failure(request(`${API}/articles`));
      expect(error.kind).to.equal('network');
      expect(fake.calls).to.have.length(3);
    });

    it('gives rate-limited with retryAfter on a 429', async () => {
      fake.answer(json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '7' } }));
      const error = await failure(request(`${API}/stories`, { method: 'POST', json: {} }));
      expect(error.kind).to.equal('rate-limited');
      expect(error.retryAfter).to.equal(7);
      expect(error.code).to.equal('rate_limited');
      expect(fake.calls).to.have.length(1);
    });

    it('waits out a short Retry-After on a GET before retrying', async () => {
      fake.answer(raw('', { status: 429, headers: { 'Retry-After': '2' } }), json({ ok: true }));
      const answer = await request<{ ok: boolean }>(`${API}/articles`);
      expect(answer.body.ok).to.equal(true);
      expect(waits).to.deep.equal([2000]);
    });

    it('hands a long Retry-After to the caller instead of blocking', async () => {
      fake.answer(raw('', { status: 429, headers: { 'Retry-After': '120' } }));
      const error = await failure(request(`${API}/articles`));
      expect(error.kind).to.equal('rate-limited');
      expect(error.retryAfter).to.equal(120);
      expect(fake.calls).to.have.length(1);
      expect(waits).to.deep.equal([]);
    });

    it('reads Retry-After as seconds or as an HTTP date', () => {
      const now = Date.parse('2026-11-27T10:00:00Z');
      expect(retryAfterSeconds('30', now)).to.equal(30);
      expect(retryAfterSeconds('Fri, 27 Nov 2026 10:01:30 GMT', now)).to.equal(90);
      expect(retryAfterSeconds('Fri, 27 Nov 2026 09:00:00 GMT', now)).to.equal(0);
      expect(retryAfterSeconds('soon', now)).to.equal(undefined);
      expect(retryAfterSeconds(null, now)).to.equal(undefined);
    });

    it('maps a Kabar error with fields to validation', async () => {
      fake.answer(json({ error: { code: 'invalid', message: 'Bad', fields: { email: 'invalid_email', body: ['too_few_paragraphs'] } } }, { status: 422 }));
      const error = await failure(request(`${API}/stories`, { method: 'POST', json: {} }));
      expect(error.kind).to.equal('validation');
      expect(error.status).to.equal(422);
      expect(error.fields).to.deep.equal({ email: 'invalid_email', body: 'too_few_paragraphs' });
      expect(error.detail).to.equal('Bad');
    });

    it('takes the code from a WordPress error body', async () => {
      fake.answer(json({ code: 'rest_comment_login_required', message: 'Login', data: { status: 401 } }, { status: 401 }));
      const error = await failure(request(`${API}/comments`, { method: 'POST', json: {} }));
      expect(error.kind).to.equal('http');
      expect(error.status).to.equal(401);
      expect(error.code).to.equal('rest_comment_login_required');
    });

    it('gives http with the status for other error answers, HTML or not', async () => {
      fake.answer(raw('<h1>Not found</h1>', { status: 404, headers: { 'Content-Type': 'text/html' } }));
      const error = await failure(request(`${API}/articles/9`));
      expect(error.kind).to.equal('http');
      expect(error.status).to.equal(404);
      expect(error.code).to.equal(undefined);
      expect(fake.calls).to.have.length(1);
    });

    it('lets mapError speak first', async () => {
      fake.answer(json({ code: 'comment_flood' }, { status: 400 }));
      const error = await failure(
        request(`${API}/comments`, {
          method: 'POST',
          json: {},
          mapError: (status, body) => new BackendError('rate-limited', { status, code: (body as { code: string }).code }),
        }),
      );
      expect(error.kind).to.equal('rate-limited');
      expect(error.code).to.equal('comment_flood');
    });

    it('refuses a body announced as huge', async () => {
      fake.answer(raw('{}', { status: 200, headers: { 'Content-Length': String(6 * 1024 * 1024) } }));
      const error = await failure(request(`${API}/articles`));
      expect(error.kind).to.equal('parse');
      expect(error.code).to.equal('too_large');
    });

    it('refuses a body that grows past the limit while streaming', async () => {
      fake.answer(raw(JSON.stringify({ text: 'x'.repeat(500) }), { status: 200 }));
      const error = await failure(request(`${API}/articles`, { maxBytes: 100 }));
      expect(error.kind).to.equal('parse');
      expect(error.code).to.equal('too_large');
    });
  });

  describe('cache', () => {
    const url = `${API}/articles`;

    it('serves a fresh entry without the network', async () => {
      fake.answer(json({ n: 1 }));
      await request(url, { cache: true });
      const again = await request<{ n: number }>(url, { cache: true });
      expect(again.body.n).to.equal(1);
      expect(again.fromCache).to.equal(true);
      expect(fake.calls).to.have.length(1);
    });

    it('keeps the headers adapters read totals from', async () => {
      fake.answer(json([], { headers: { 'X-WP-Total': '42' } }));
      await request(url, { cache: true });
      const again = await request(url, { cache: true });
      expect(again.fromCache).to.equal(true);
      expect(again.headers.get('X-WP-Total')).to.equal('42');
    });

    it('sends If-None-Match and reuses the cached body on a 304', async () => {
      fake.answer(json({ n: 1 }, { headers: { ETag: '"v1"' } }), raw(null, { status: 304, headers: { ETag: '"v1"' } }));
      await request(url, { cache: true });
      const again = await request<{ n: number }>(url, { cache: true, maxAgeMs: 0 });
      expect(fake.calls).to.have.length(2);
      expect(fake.calls[0].headers.has('If-None-Match')).to.equal(false);
      expect(fake.calls[1].headers.get('If-None-Match')).to.equal('"v1"');
      expect(again.body).to.deep.equal({ n: 1 });
      expect(again.notModified).to.equal(true);
      // The 304 confirmed the entry: it is fresh again.
      const third = await request(url, { cache: true });
      expect(third.fromCache).to.equal(true);
      expect(fake.calls).to.have.length(2);
    });

    it('sends no If-None-Match when the server did not show its ETag', async () => {
      fake.answer(json({ n: 1 }), json({ n: 2 }));
      await request(url, { cache: true });
      await request(url, { cache: true, maxAgeMs: 0 });
      expect(fake.calls[1].headers.has('If-None-Match')).to.equal(false);
    });

    it('paints a stale entry first and refreshes it behind', async () => {
      fake.answer(json({ n: 1 }), json({ n: 2 }));
      await request(url, { cache: true });
      const seen: unknown[] = [];
      const fresh = await request<{ n: number }>(url, {
        cache: true,
        maxAgeMs: 0,
        onStale: (body) => seen.push(['stale', body]),
      }).then((answer) => {
        seen.push(['fresh', answer.body]);
        return answer;
      });
      expect(seen).to.deep.equal([
        ['stale', { n: 1 }],
        ['fresh', { n: 2 }],
      ]);
      expect(fresh.fromCache).to.equal(false);
      // The refreshed answer is what the next view paints.
      const next = await request<{ n: number }>(url, { cache: true });
      expect(next.body.n).to.equal(2);
      expect(fake.calls).to.have.length(2);
    });

    it('keeps the stale answer when the refresh cannot reach the server', async () => {
      fake.answer(json({ n: 1 }), offline);
      await request(url, { cache: true });
      const answer = await request<{ n: number }>(url, { cache: true, maxAgeMs: 0 });
      expect(answer.body.n).to.equal(1);
      expect(answer.stale).to.equal(true);
    });

    it('does not keep an answer marked no-store, nor answers to uncached requests', async () => {
      fake.answer(json({ n: 1 }, { headers: { 'Cache-Control': 'no-store' } }), json({ n: 2 }), json({ n: 3 }));
      await request(url, { cache: true });
      await request(url);
      const third = await request<{ n: number }>(url, { cache: true });
      expect(third.body.n).to.equal(3);
      expect(fake.calls).to.have.length(3);
    });

    it('drops the entry when the refresh says it is gone', async () => {
      fake.answer(json({ n: 1 }), raw('', { status: 404 }), json({ n: 3 }));
      await request(url, { cache: true });
      const error = await failure(request(url, { cache: true, maxAgeMs: 0 }));
      expect(error.status).to.equal(404);
      const seen: unknown[] = [];
      const next = await request<{ n: number }>(url, { cache: true, maxAgeMs: 0, onStale: (body) => seen.push(body) });
      expect(next.body.n).to.equal(3);
      expect(seen).to.deep.equal([]);
    });
  });

  describe('upload progress', () => {
    const OriginalXhr = globalThis.XMLHttpRequest;
    afterEach(() => {
      globalThis.XMLHttpRequest = OriginalXhr;
    });

    /** Just enough of XMLHttpRequest to see what an upload sends and to play its progress events. */
    class FakeXhr {
      static last?: FakeXhr;
      method = '';
      url = '';
      headers = new Headers();
      body: unknown;
      status = 0;
      statusText = '';
      response: ArrayBuffer | null = null;
      responseType = '';
      upload: { onprogress?: (event: ProgressEvent) => void } = {};
      onload?: () => void;
      onerror?: () => void;
      onabort?: () => void;
      open(method: string, url: string) {
        this.method = method;
        this.url = url;
      }
      setRequestHeader(name: string, value: string) {
        this.headers.set(name, value);
      }
      getAllResponseHeaders() {
        return 'content-type: application/json\r\netag: "r1"\r\n';
      }
      send(body: unknown) {
        this.body = body;
        FakeXhr.last = this;
        setTimeout(() => {
          this.upload.onprogress?.(new ProgressEvent('progress', { lengthComputable: true, loaded: 50, total: 100 }));
          this.upload.onprogress?.(new ProgressEvent('progress', { lengthComputable: true, loaded: 100, total: 100 }));
          this.status = 201;
          this.response = new TextEncoder().encode('{"id":"s1"}').buffer;
          this.onload?.();
        });
      }
      abort() {
        this.onabort?.();
      }
    }

    it('keeps a small JSON body on fetch even when progress is asked for', async () => {
      globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
      FakeXhr.last = undefined;
      fake.answer(json({ id: 's2' }, { status: 201 }));
      await request(`${API}/stories`, { method: 'POST', json: { title: 'Kabar' }, onProgress: () => undefined });
      expect(fake.calls).to.have.length(1);
      expect(FakeXhr.last).to.equal(undefined);
    });

    it('goes through XMLHttpRequest and reports progress', async () => {
      globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
      const form = new FormData();
      form.append('title', 'Kabar');
      const progress: Array<[number, number]> = [];
      const answer = await request<{ id: string }>(`${API}/stories`, {
        method: 'POST',
        body: form,
        idempotencyKey: 'k-2',
        onProgress: (loaded, total) => progress.push([loaded, total]),
      });
      expect(answer.status).to.equal(201);
      expect(answer.body.id).to.equal('s1');
      expect(answer.headers.get('ETag')).to.equal('"r1"');
      expect(progress).to.deep.equal([
        [50, 100],
        [100, 100],
      ]);
      expect(FakeXhr.last?.body).to.equal(form);
      expect(FakeXhr.last?.headers.get('Idempotency-Key')).to.equal('k-2');
      expect(fake.calls).to.have.length(0);
    });
  });
});
