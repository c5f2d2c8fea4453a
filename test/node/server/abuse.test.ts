/**
 * Cheap attacks on the API: limits before parsing, refusals that cost only their
 * sender, bounded bucket memory, absurd nesting, and Unicode that misleads moderators.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenBuckets } from '../../../server/limits.js';
import { ALLOWANCES } from '../../../server/routes/context.js';
import { ADMIN_TOKEN, testServer, thread, validComment, validStory } from './helpers.js';

test('the story limit is met before a body is parsed: one more, unreadable multipart body is answered 429', async () => {
  const server = await testServer({ KABAR_RATE_LIMIT: 'on' }, { seed: false });
  try {
    const stories = ALLOWANCES.storiesPerAddress.capacity;
    for (let i = 0; i < stories; i++) {
      assert.equal((await server.api('POST', '/stories', { json: validStory({ title: `Cerita ke-${i}`, email: `p${i}@example.org` }) })).status, 201);
    }
    const broken = { body: '--x\r\nnot a multipart body', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } };
    assert.equal((await server.api('POST', '/stories', broken)).status, 429);
    for (let i = 0; i < ALLOWANCES.commentsPerAddress.capacity; i++) {
      await server.api('POST', `/threads/t${i % 8}/comments`, { json: validComment({ body: `Komentar ke-${i}` }) });
    }
    const garbage = { body: '{"author_name":', headers: { 'Content-Type': 'application/json' } };
    assert.equal((await server.api('POST', '/threads/t/comments', garbage)).status, 429);
  } finally {
    await server.close();
  }
});

test('30 invalid comments from several senders do not lock the thread for a real reader', async () => {
  const server = await testServer({ KABAR_RATE_LIMIT: 'on', KABAR_TRUST_PROXY: 'on' }, { seed: false });
  try {
    for (let i = 0; i < 40; i++) {
      const sent = await server.api('POST', thread('ramai'), {
        json: validComment({ author_email: 'bukan-email', body: `Sampah ${i}` }),
        headers: { 'X-Forwarded-For': `203.0.113.${i % 4}` },
      });
      assert.ok(sent.status === 422 || sent.status === 429, String(sent.status));
    }
    const reader = await server.api('POST', thread('ramai'), { json: validComment(), headers: { 'X-Forwarded-For': '192.0.2.10' } });
    assert.equal(reader.status, 201);
  } finally {
    await server.close();
  }
});

test('the bucket store stays bounded: 100,000 distinct clients, each take still answered', () => {
  const buckets = new TokenBuckets(5, 60_000);
  for (let i = 0; i < 100_000; i++) assert.equal(buckets.take(`client-${i}`, 1_000).ok, true);
  assert.ok(buckets.size <= 50_000, String(buckets.size));
  // A busy client seen recently is remembered: its sixth story is still refused.
  for (let i = 0; i < 5; i++) buckets.take('busy', 2_000);
  assert.equal(buckets.take('busy', 2_000).ok, false);
});

test('a 20,000-deep array with an Idempotency-Key is refused as 400, nothing logged', async () => {
  const server = await testServer({}, { seed: false });
  const logged: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void logged.push(args);
  try {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const body = JSON.stringify(validStory()).replace(/}$/, `,"website":${deep}}`);
    const answer = await server.api('POST', '/stories', { body, headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'dalam-sekali' } });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'invalid_json');
    assert.deepEqual(logged, []);
  } finally {
    console.error = original;
    await server.close();
  }
});

test('names: bidi controls refused, a name needs a visible letter; lone surrogates refused, never rewritten', async () => {
  const server = await testServer({}, { seed: false });
  try {
    const bidi = await server.api('POST', '/stories', { json: validStory({ name: 'Admin\u202Egnp.exe' }) });
    assert.equal(bidi.status, 422);
    assert.equal(bidi.body.error.fields.name, 'invalid_text');
    const invisible = await server.api('POST', thread('nama'), { json: validComment({ author_name: '\u200B\u200C\u2060' }) });
    assert.equal(invisible.status, 422);
    assert.equal(invisible.body.error.fields.author_name, 'required');
    const lone = await server.api('POST', thread('nama'), { body: JSON.stringify(validComment()).replace('Terima', 'Terima \\ud800'), headers: { 'Content-Type': 'application/json' } });
    assert.equal(lone.status, 422);
    assert.equal(lone.body.error.fields.body, 'invalid_text');
    // Arabic or Hebrew in a comment body is fine; only names refuse direction controls.
    const arabic = await server.api('POST', thread('nama'), { json: validComment({ body: 'Salam \u2067مرحبا\u2069 semua.' }) });
    assert.equal(arabic.status, 201);
  } finally {
    await server.close();
  }
});

test('duplicates are found through zero-width and compatibility characters', async () => {
  const server = await testServer({}, { seed: false });
  try {
    assert.equal((await server.api('POST', thread('kembar'), { json: validComment({ body: 'Jalan desa sudah diperbaiki.' }) })).status, 201);
    const zeroWidth = await server.api('POST', thread('kembar'), { json: validComment({ body: 'Jalan desa sudah\u200B diperbaiki.' }) });
    assert.equal(zeroWidth.status, 409);
    const fullWidth = await server.api('POST', thread('kembar'), { json: validComment({ body: 'Ｊalan desa sudah diperbaiki.' }) });
    assert.equal(fullWidth.status, 409);
    assert.equal((await server.api('POST', '/stories', { json: validStory({ title: 'Panen Raya Desa' }) })).status, 201);
    assert.equal((await server.api('POST', '/stories', { json: validStory({ title: 'Panen\u200B Raya Desa' }) })).status, 409);
  } finally {
    await server.close();
  }
});

test('the article page and /admin isolate names: <bdi>, dir=auto, a login form that posts', async () => {
  const server = await testServer({}, { seed: false });
  try {
    const story = await server.api('POST', '/stories', { json: validStory({ title: 'Kabar dari Kampung' }) });
    const approved = await server.api('POST', `/admin/stories/${story.body.id}`, {
      json: { action: 'approve' },
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const page = await (await server.app.request(`http://127.0.0.1${new URL(approved.body.article.url as string).pathname}`)).text();
    assert.match(page, /<bdi class="author">Ani Rahmawati<\/bdi>/);
    assert.match(page, /<h1 dir="auto">Kabar dari Kampung<\/h1>/);
    assert.match(page, /<p dir="auto">Setiap Minggu/);

    const admin = await (await server.app.request('http://127.0.0.1/admin')).text();
    assert.match(admin, /<form id="login"[^>]*\smethod="post"/);
    // Without admin.js the form lands on a redirect that drops the token.
    const posted = await server.app.request('http://127.0.0.1/admin', {
      method: 'POST',
      body: new URLSearchParams({ token: ADMIN_TOKEN }),
    });
    assert.equal(posted.status, 303);
    assert.equal(posted.headers.get('Location'), '/admin');
    assert.doesNotMatch(await posted.text(), new RegExp(ADMIN_TOKEN));
  } finally {
    await server.close();
  }
});
