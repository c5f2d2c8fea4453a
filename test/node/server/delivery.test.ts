/**
 * Delivery: the bundle files (precompressed, negotiated, revalidated,
 * versioned), compressed JSON, and the cache of public reads (fresh after every
 * write, CORS per request, bounded).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp, VERSION } from '../../../server/app.js';
import { ResponseCache } from '../../../server/response-cache.js';
import { ADMIN_TOKEN, testServer, thread, validComment, validStory, type TestServer } from './helpers.js';

const compressScript = (await import(new URL('../../../scripts/compress.mjs', import.meta.url).href)) as {
  compressDist(dir: string, options: { quiet: boolean }): Promise<void>;
  integrityOf(bytes: Uint8Array): string;
};

let server: TestServer;
let app: Hono;
let distDir: string;
const bundle = Buffer.from(`export const kabar = ${JSON.stringify('berita komunitas '.repeat(2000))};\n`);
const feature = Buffer.from(`export const feed = ${JSON.stringify('kartu artikel '.repeat(1500))};\n`);

before(async () => {
  server = await testServer();
  distDir = join(server.dir, 'dist');
  mkdirSync(distDir);
  writeFileSync(join(distDir, 'kabar.js'), bundle);
  await compressScript.compressDist(distDir, { quiet: true });
  // A feature bundle written after the build's compression step: the server compresses it itself.
  writeFileSync(join(distDir, 'kabar-feed.js'), feature);
  app = createApp({ store: server.store, config: server.config, distDir });
});
after(() => server.close());

const get = (path: string, headers: Record<string, string> = {}, on: Hono = app) => on.request(`http://127.0.0.1${path}`, { headers });
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

function decoded(response: Response, body: Buffer): Buffer {
  const encoding = response.headers.get('Content-Encoding');
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'gzip') return gunzipSync(body);
  assert.equal(encoding, null);
  return body;
}

// Bundles ---------------------------------------------------------------------------

test('a bundle comes as brotli, gzip or identity by Accept-Encoding, each the same bytes once decoded', async () => {
  for (const path of ['/kabar.js', `/kabar@${VERSION}.js`, '/kabar-feed.js', `/kabar-feed@${VERSION}.js`, '/dist/kabar.js']) {
    const original = path.includes('feed') ? feature : bundle;
    for (const [asked, expected] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['', null],
      ['gzip, deflate, br, zstd', 'br'], // Chromium's list: equal weights, the smaller encoding wins
      ['br;q=0, gzip', 'gzip'],
    ] as const) {
      const answer = await get(path, asked ? { 'Accept-Encoding': asked } : {});
      assert.equal(answer.status, 200, path);
      assert.equal(answer.headers.get('Content-Encoding'), expected, `${path} for "${asked}"`);
      assert.equal(answer.headers.get('Content-Type'), 'text/javascript; charset=utf-8');
      assert.equal(answer.headers.get('Vary'), 'Accept-Encoding');
      assert.equal(answer.headers.get('Access-Control-Allow-Origin'), '*', 'module scripts load cross-origin');
      const body = await bytesOf(answer);
      assert.deepEqual(decoded(answer, body), original, `${path} for "${asked}"`);
      if (expected) assert.ok(body.length < original.length / 5, 'compressed');
    }
  }
});

test('the build writes .br and .gz beside the bundle, and the server sends those very bytes', async () => {
  const br = readFileSync(join(distDir, 'kabar.js.br'));
  assert.deepEqual(brotliDecompressSync(br), bundle);
  assert.deepEqual(gunzipSync(readFileSync(join(distDir, 'kabar.js.gz'))), bundle);
  assert.deepEqual(await bytesOf(await get('/kabar.js', { 'Accept-Encoding': 'br' })), br);
  assert.match(compressScript.integrityOf(bundle), /^sha384-[A-Za-z0-9+/]{64}$/);
});

test('a strong ETag per encoding; If-None-Match with any of them gets 304 without a body', async () => {
  const tags = new Set<string>();
  for (const encoding of ['br', 'gzip', '']) {
    const answer = await get('/kabar.js', encoding ? { 'Accept-Encoding': encoding } : {});
    const etag = answer.headers.get('ETag')!;
    assert.match(etag, /^"[^"]+"$/, 'strong');
    tags.add(etag);
    for (const asked of ['br', 'gzip', '']) {
      const again = await get('/kabar.js', { 'If-None-Match': etag, ...(asked ? { 'Accept-Encoding': asked } : {}) });
      assert.equal(again.status, 304);
      assert.equal((await bytesOf(again)).length, 0);
      assert.equal(again.headers.get('Cache-Control'), 'public, max-age=300, must-revalidate');
    }
  }
  assert.equal(tags.size, 3, 'each encoding is its own sequence of bytes');
  assert.equal((await get('/kabar.js', { 'If-None-Match': '"something-else"' })).status, 200);
});

test('the versioned URL is immutable; the plain one is kept a few minutes and revalidated; another version is 404', async () => {
  const pinned = await get(`/kabar@${VERSION}.js`);
  assert.equal(pinned.headers.get('Cache-Control'), 'public, max-age=31536000, immutable');
  const plain = await get('/kabar.js');
  assert.equal(plain.headers.get('Cache-Control'), 'public, max-age=300, must-revalidate');
  for (const path of ['/kabar@0.0.0-tua.js', '/kabar-feed@9.9.9.js', '/kabar-nothing.js', `/kabar-nothing@${VERSION}.js`, `/dist/kabar@${VERSION}.js`]) {
    assert.equal((await get(path)).status, 404, path);
  }
});

test('a rebuilt bundle is served at once, whatever stale .br and .gz lie beside it', async () => {
  const other = join(server.dir, 'dist-rebuilt');
  mkdirSync(other);
  writeFileSync(join(other, 'kabar.js'), bundle);
  await compressScript.compressDist(other, { quiet: true });
  const rebuiltApp = createApp({ store: server.store, config: server.config, distDir: other });
  const before = await get('/kabar.js', { 'Accept-Encoding': 'br' }, rebuiltApp);
  const rebuilt = Buffer.from(`export const kabar = 'versi baru';\n${'// isi\n'.repeat(500)}`);
  writeFileSync(join(other, 'kabar.js'), rebuilt);
  const later = new Date(Date.now() + 5_000);
  utimesSync(join(other, 'kabar.js'), later, later);
  for (const encoding of ['br', 'gzip', '']) {
    const answer = await get('/kabar.js', encoding ? { 'Accept-Encoding': encoding } : {}, rebuiltApp);
    assert.deepEqual(decoded(answer, await bytesOf(answer)), rebuilt, encoding);
    assert.notEqual(answer.headers.get('ETag'), before.headers.get('ETag'));
  }
  assert.equal((await get('/kabar.js', { 'If-None-Match': before.headers.get('ETag')! }, rebuiltApp)).status, 200);
});

test('without a build the plain bundle URL says how to make one', async () => {
  const empty = createApp({ store: server.store, config: server.config, distDir: join(server.dir, 'no-dist') });
  const answer = await get('/kabar.js', {}, empty);
  assert.equal(answer.status, 503);
  assert.match(await answer.text(), /npm run build/);
});

// JSON --------------------------------------------------------------------------------

test('JSON above a kilobyte is compressed as asked; small JSON goes as it is', async () => {
  const plain = await get('/api/v1/articles?per_page=6');
  const text = await bytesOf(plain);
  assert.ok(text.length > 1024);
  assert.equal(plain.headers.get('Content-Encoding'), null);
  for (const encoding of ['br', 'gzip']) {
    for (let round = 0; round < 2; round++) {
      const answer = await get('/api/v1/articles?per_page=6', { 'Accept-Encoding': encoding });
      assert.equal(answer.headers.get('Content-Encoding'), encoding);
      assert.equal(answer.headers.get('Content-Type'), 'application/json; charset=utf-8');
      assert.match(answer.headers.get('Vary')!, /Accept-Encoding/);
      assert.equal(answer.headers.get('ETag'), plain.headers.get('ETag'));
      const body = await bytesOf(answer);
      assert.ok(body.length < text.length / 2);
      assert.deepEqual(JSON.parse(decoded(answer, body).toString()), JSON.parse(text.toString()));
    }
  }
  const counts = await get('/api/v1/comment-counts?thread=/artikel/a', { 'Accept-Encoding': 'br' });
  assert.equal(counts.headers.get('Content-Encoding'), null);
  assert.deepEqual(await counts.json(), { counts: { '/artikel/a': 0 } });
});

// The cache of public reads ---------------------------------------------------------------

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

test('after an approval the very next GET /articles lists the story, with a new ETag', async () => {
  const first = await server.api('GET', '/articles?per_page=6');
  const again = await server.api('GET', '/articles?per_page=6', { headers: { 'If-None-Match': first.headers.get('ETag')! } });
  assert.equal(again.status, 304, 'answered from the cache, revalidated');
  const receipt = await server.api('POST', '/stories', { json: validStory({ title: 'Kebun Gizi di Halaman Posyandu' }) });
  assert.equal(receipt.status, 201);
  const pending = await server.api('GET', '/articles?per_page=6');
  assert.equal(pending.headers.get('ETag'), first.headers.get('ETag'), 'a story waiting for review changes nothing');
  const approved = await server.api('POST', `/admin/stories/${receipt.body.id}`, { json: { action: 'approve' }, headers: admin });
  assert.equal(approved.status, 200);
  const next = await server.api('GET', '/articles?per_page=6', { headers: { 'If-None-Match': first.headers.get('ETag')! } });
  assert.equal(next.status, 200);
  assert.equal(next.body.items[0].title, 'Kebun Gizi di Halaman Posyandu');
  assert.notEqual(next.headers.get('ETag'), first.headers.get('ETag'));
  const one = await server.api('GET', `/articles/${approved.body.article.id}`);
  assert.equal(one.body.title, 'Kebun Gizi di Halaman Posyandu');
});

test('an approved comment is in the very next thread and count', async () => {
  const path = thread('kebun-gizi');
  const counts = `/comment-counts?thread=${encodeURIComponent('/artikel/kebun-gizi')}`;
  assert.equal((await server.api('GET', path)).body.total, 0);
  assert.equal((await server.api('GET', counts)).body.counts['/artikel/kebun-gizi'], 0);
  const sent = await server.api('POST', path, { json: validComment({ body: 'Sayurnya tumbuh subur, salut untuk kader posyandu.' }) });
  assert.equal(sent.status, 201);
  if (sent.body.status === 'pending') {
    assert.equal((await server.api('POST', `/admin/comments/${sent.body.id}`, { json: { action: 'approve' }, headers: admin })).status, 200);
  }
  const listed = await server.api('GET', path);
  assert.deepEqual(listed.body.items.map((c: { id: string }) => c.id), [sent.body.id]);
  assert.equal((await server.api('GET', counts)).body.counts['/artikel/kebun-gizi'], 1);
});

test('a refused write leaves the cache as it was; an accepted one empties it', async () => {
  const cache = new ResponseCache();
  const own = createApp({ store: server.store, config: server.config, responseCache: cache });
  await get('/api/v1/categories', {}, own);
  assert.equal(cache.size, 1);
  const refused = await own.request('http://127.0.0.1/api/v1/stories', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"title":' });
  assert.equal(refused.status, 400);
  assert.equal(cache.size, 1);
  const accepted = await own.request('http://127.0.0.1/api/v1/threads/x/comments', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(validComment({ body: 'Komentar yang diterima.' })),
  });
  assert.equal(accepted.status, 201);
  assert.equal(cache.size, 0);
});

test('a cached answer carries CORS for the asking origin, never for the one before', async () => {
  const path = '/api/v1/articles?per_page=3';
  for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8000', 'https://evil.example', 'http://localhost:5173']) {
    const answer = await get(path, { Origin: origin, 'Accept-Encoding': 'br' });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('Access-Control-Allow-Origin'), origin === 'https://evil.example' ? null : origin, origin);
    assert.match(answer.headers.get('Vary')!, /Origin/);
  }
  const none = await get(path);
  assert.equal(none.headers.get('Access-Control-Allow-Origin'), null);
});

test('the query order does not matter; the host does, since article URLs are absolute', async () => {
  const a = await (await get('/api/v1/articles?per_page=2&page=1')).json();
  const b = await (await get('/api/v1/articles?page=1&per_page=2')).json();
  assert.deepEqual(a, b);
  const elsewhere = await (await app.request('http://berita.contoh.id/api/v1/articles?per_page=2&page=1')).json();
  assert.match(elsewhere.items[0].url, /^http:\/\/berita\.contoh\.id\//);
  assert.match(a.items[0].url, /^http:\/\/127\.0\.0\.1\//);
});

test('the cache never holds more than its bound, however many distinct URLs are asked', async () => {
  const cache = new ResponseCache({ maxEntries: 25 });
  const own = createApp({ store: server.store, config: server.config, responseCache: cache });
  for (let i = 1; i <= 200; i++) {
    const perPage = 1 + (i % 7);
    const answer = await get(`/api/v1/articles?per_page=${perPage}&page=${1 + Math.floor(i / 7)}`, { 'Accept-Encoding': 'gzip' }, own);
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(decoded(answer, await bytesOf(answer)).toString()).per_page, perPage);
    await get(`/api/v1/comment-counts?thread=/artikel/t-${i}`, {}, own);
    assert.ok(cache.size <= 25, `${cache.size} answers kept`);
  }
  assert.equal(cache.size, 25);

  const byBytes = new ResponseCache({ maxBytes: 40_000 });
  const small = createApp({ store: server.store, config: server.config, responseCache: byBytes });
  for (let i = 1; i <= 40; i++) await get(`/api/v1/articles?per_page=6&q=&i=${i}`, {}, small);
  assert.ok(byBytes.size >= 1 && byBytes.size <= 5, `${byBytes.size} answers of about 5 KB kept in 40 KB`);
});
