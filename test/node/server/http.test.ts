/** What every answer carries: CORS by allow-list, safe headers, rate limits; and the pages. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ALLOWANCES } from '../../../server/routes/context.js';
import { ADMIN_TOKEN, testServer, validComment, validStory, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await testServer();
});
after(() => server.close());

const get = (path: string, headers: Record<string, string> = {}) => server.app.request(`http://127.0.0.1${path}`, { headers });

test('CORS: local development origins and the own origin are allowed by default, others are not', async () => {
  for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8000', 'http://127.0.0.1']) {
    const answer = await get('/api/v1/articles', { Origin: origin });
    assert.equal(answer.headers.get('Access-Control-Allow-Origin'), origin, origin);
    assert.match(answer.headers.get('Access-Control-Expose-Headers')!, /ETag/);
    assert.match(answer.headers.get('Vary')!, /Origin/);
  }
  for (const origin of ['https://evil.example', 'http://localhost.evil.example:80', 'http://localhost:80x']) {
    const answer = await get('/api/v1/articles', { Origin: origin });
    assert.equal(answer.status, 200, 'a read still answers; the browser keeps it from the page');
    assert.equal(answer.headers.get('Access-Control-Allow-Origin'), null, origin);
  }
});

test('CORS: a preflight from an allowed origin names the methods and headers; a post from another origin is refused', async () => {
  const preflight = await server.app.request('http://127.0.0.1/api/v1/stories', {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
  });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get('Access-Control-Allow-Methods')!, /POST/);
  assert.match(preflight.headers.get('Access-Control-Allow-Headers')!, /Idempotency-Key/);
  assert.match(preflight.headers.get('Access-Control-Allow-Headers')!, /Content-Type/);
  const refused = await server.api('POST', '/stories', { json: validStory(), headers: { Origin: 'https://evil.example' } });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error.code, 'origin_not_allowed');
});

test('CORS: KABAR_ALLOWED_ORIGINS replaces the default; `*` allows everyone', async () => {
  const listed = await testServer({ KABAR_ALLOWED_ORIGINS: 'https://mitra.example.org, https://blog.example.net/' }, { seed: false });
  const open = await testServer({ KABAR_ALLOWED_ORIGINS: '*' }, { seed: false });
  try {
    const allowed = await listed.app.request('http://127.0.0.1/api/v1/categories', { headers: { Origin: 'https://blog.example.net' } });
    assert.equal(allowed.headers.get('Access-Control-Allow-Origin'), 'https://blog.example.net');
    const local = await listed.app.request('http://127.0.0.1/api/v1/categories', { headers: { Origin: 'http://localhost:5173' } });
    assert.equal(local.headers.get('Access-Control-Allow-Origin'), null);
    const any = await open.app.request('http://127.0.0.1/api/v1/categories', { headers: { Origin: 'https://siapa.saja.example' } });
    assert.equal(any.headers.get('Access-Control-Allow-Origin'), '*');
  } finally {
    await listed.close();
    await open.close();
  }
});

test('every answer says nosniff and a referrer policy', async () => {
  for (const path of ['/api/v1/articles', '/api/v1/nothing', '/demo/', '/admin', '/kabar.js']) {
    const answer = await get(path);
    assert.equal(answer.headers.get('X-Content-Type-Options'), 'nosniff', path);
    assert.equal(answer.headers.get('Referrer-Policy'), 'strict-origin-when-cross-origin', path);
  }
});

test('framing: only the site itself may frame a page, nobody the moderation page; bundles stay loadable from partners', async () => {
  assert.equal((await get('/demo/')).headers.get('X-Frame-Options'), 'SAMEORIGIN');
  // The headers every answer gets must not overwrite what a route said for itself.
  assert.equal((await get('/admin')).headers.get('X-Frame-Options'), 'DENY');
  const bundle = await get('/kabar.js');
  assert.equal(bundle.headers.get('Cross-Origin-Resource-Policy'), 'cross-origin');
  assert.equal(bundle.headers.get('Access-Control-Allow-Origin'), '*');
});

test('rate limits: 429 with Retry-After per client for stories and per thread for comments, when on', async () => {
  const limited = await testServer({ KABAR_RATE_LIMIT: 'on' }, { seed: false });
  try {
    const stories = [];
    const cap = ALLOWANCES.storiesPerAddress.capacity;
    for (let i = 0; i < cap + 2; i++) stories.push(await limited.api('POST', '/stories', { json: validStory({ title: `Cerita batas ${i}`, email: `b${i}@example.org` }) }));
    assert.deepEqual(stories.map((a) => a.status), [...Array<number>(cap).fill(201), 429, 429]);
    assert.equal(stories[cap].body.error.code, 'rate_limited');
    assert.ok(Number(stories[cap].headers.get('Retry-After')) >= 1);

    const comments = [];
    const perThread = ALLOWANCES.thread.capacity;
    for (let i = 0; i < perThread + 2; i++) comments.push(await limited.api('POST', '/threads/batas/comments', { json: validComment({ body: `Komentar ${i}` }) }));
    assert.equal(comments.filter((a) => a.status === 201).length, perThread);
    assert.equal(comments.at(-1)!.status, 429);
    // A retry of something already answered is replayed, not counted again.
    const key = { 'Idempotency-Key': 'before-the-limit' };
    const fresh = await testServer({ KABAR_RATE_LIMIT: 'on' }, { seed: false });
    try {
      const first = await fresh.api('POST', '/stories', { json: validStory(), headers: key });
      for (let i = 0; i < 8; i++) assert.equal((await fresh.api('POST', '/stories', { json: validStory(), headers: key })).status, first.status);
    } finally {
      await fresh.close();
    }
  } finally {
    await limited.close();
  }
  const off = await testServer({ KABAR_RATE_LIMIT: 'off' }, { seed: false });
  try {
    for (let i = 0; i < 8; i++) assert.equal((await off.api('POST', '/stories', { json: validStory({ title: `Tanpa batas ${i}` }) })).status, 201);
  } finally {
    await off.close();
  }
});

test('behind a trusted proxy each forwarded client has its own bucket; untrusted, the header is ignored', async () => {
  for (const [trust, expected] of [
    ['on', [201, 201]],
    ['off', [429, 429]],
  ] as const) {
    const limited = await testServer({ KABAR_RATE_LIMIT: 'on', KABAR_TRUST_PROXY: trust }, { seed: false });
    try {
      for (let i = 0; i < ALLOWANCES.storiesPerAddress.capacity; i++) {
        const filler = { json: validStory({ title: `Pengisi ${i}`, email: `f${i}@example.org` }), headers: { 'X-Forwarded-For': '203.0.113.1' } };
        assert.equal((await limited.api('POST', '/stories', filler)).status, 201);
      }
      const statuses = [];
      for (const client of ['203.0.113.2', '203.0.113.3']) {
        const sent = await limited.api('POST', '/stories', { json: validStory({ title: `Dari ${client}` }), headers: { 'X-Forwarded-For': `${client}, 10.0.0.1` } });
        statuses.push(sent.status);
      }
      assert.deepEqual(statuses, expected, `KABAR_TRUST_PROXY=${trust}`);
    } finally {
      await limited.close();
    }
  }
});

test('pages: / leads to the demo, pages get a strict CSP with Trusted Types, CSS is a file', async () => {
  const root = await get('/');
  assert.equal(root.status, 302);
  assert.equal(root.headers.get('Location'), '/demo/');
  for (const path of ['/demo/', '/admin', '/artikel/bank-sampah-rw-05-sukamaju']) {
    const page = await get(path);
    assert.equal(page.status, 200, path);
    assert.match(page.headers.get('Content-Type')!, /^text\/html/);
    const csp = page.headers.get('Content-Security-Policy')!;
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /trusted-types lit-html kabar(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await page.text();
    assert.doesNotMatch(html, /<style|style="|<script>(?!<\/script>)|\son\w+="/i, `${path} has no inline style or script`);
  }
  const css = await get('/assets/site.css');
  assert.match(css.headers.get('Content-Type')!, /^text\/css/);
  assert.equal((await get('/assets/..%2Fapi.ts')).status, 404);
  assert.equal((await get('/demo/..%2F..%2Fpackage.json')).status, 404);
  assert.equal((await get('/demo/%E0%A4%A')).status, 404, 'a malformed escape is a missing file, not a 500');
  assert.equal((await get('/demo/tidak-ada.html')).status, 404);
});

test('the article page renders the article with the comment box for its thread', async () => {
  const page = await (await get('/artikel/bank-sampah-rw-05-sukamaju')).text();
  assert.match(page, /<h1 dir="auto">Bank Sampah RW 05 Sukamaju Kini Melayani Tiga Kampung<\/h1>/);
  assert.match(page, /<kabar-comment-box theme="auto" backend="\/api\/v1" thread="\/artikel\/bank-sampah-rw-05-sukamaju">/);
  assert.match(page, /<script type="module" src="\/kabar.js"><\/script>/);
  assert.match(page, /<img class="hero" src="\/uploads\/[a-f0-9]{32}\.svg" alt="[^"]+" width="640" height="360">/);
  assert.match(page, /<p dir="auto">"Dulu selokan kami mampet/, 'the body is rendered markdown');
  assert.equal((await get('/artikel/tidak-ada')).status, 404);
});

test('an article page escapes what a writer typed', async () => {
  const sent = await server.api('POST', '/stories', {
    json: validStory({ title: 'Judul <script>alert(1)</script>', body: 'Paragraf <img src=x onerror=alert(1)>.\n\nKedua "kutip" & lainnya.' }),
  });
  const approved = await server.api('POST', `/admin/stories/${sent.body.id}`, { json: { action: 'approve' }, headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  const html = await (await get(new URL(approved.body.article.url).pathname)).text();
  assert.doesNotMatch(html, /<script>alert|<img src=x/);
  assert.match(html, /Judul &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /Kedua "kutip" &amp; lainnya/);
  assert.match(html, /Paragraf &lt;img src=x onerror=alert\(1\)&gt;\./, 'HTML a writer typed is shown as text');
});

test('the bundle is served at /kabar.js and /dist/kabar.js, revalidated, loadable from other origins', async () => {
  for (const path of ['/kabar.js', '/dist/kabar.js']) {
    const answer = await get(path);
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('Content-Type')!, /^text\/javascript/);
    assert.equal(answer.headers.get('Cache-Control'), 'public, max-age=300, must-revalidate');
    assert.equal(answer.headers.get('Access-Control-Allow-Origin'), '*');
  }
});

test('uploads: seeded SVGs as image/svg+xml in a sandbox; names outside the pattern are 404', async () => {
  const article = (await server.api('GET', '/articles?tag=mangrove')).body.items[0];
  const image = await get(new URL(article.image.src).pathname);
  assert.equal(image.headers.get('Content-Type'), 'image/svg+xml');
  assert.equal(image.headers.get('Content-Security-Policy'), "default-src 'none'; sandbox");
  assert.match(await image.text(), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="640" height="360"/);
  for (const path of ['/uploads/../kabar.db', '/uploads/kabar.db', '/uploads/0123456789abcdef0123456789abcdef.html', '/uploads/0123456789abcdef0123456789abcdef.png']) {
    assert.equal((await get(path)).status, 404, path);
  }
});
