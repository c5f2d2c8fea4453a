/**
 * Cheap attacks on the API: limits before parsing, refusals that cost only their
 * sender, bounded bucket memory, absurd nesting, and Unicode that misleads moderators.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenBuckets } from '../../../server/limits.js';
import { ALLOWANCES } from '../../../server/routes/context.js';
import { ADMIN_TOKEN, testServer, thread, validComment, validStory } from './helpers.js';

/**
 * Sends until the address's allowance is spent (its first 429), at most `capacity` plus room for the
 * tokens that refill meanwhile (a slow machine takes its time): the limit is then met, whatever the pace.
 */
async function spend(capacity: number, send: (i: number) => Promise<{ status: number }>, expected: number): Promise<void> {
  for (let i = 0; i < capacity * 2 + 10; i++) {
    const { status } = await send(i);
    if (status === 429) return;
    assert.equal(status, expected, `send ${i}`);
  }
  assert.fail(`no 429 after ${capacity * 2 + 10} sends`);
}

test('the story limit is met before a body is parsed: one more, unreadable multipart body is answered 429', async () => {
  const server = await testServer({ KABAR_RATE_LIMIT: 'on' }, { seed: false });
  try {
    await spend(ALLOWANCES.storiesPerAddress.capacity, (i) => server.api('POST', '/stories', { json: validStory({ title: `Cerita ke-${i}`, email: `p${i}@example.org` }) }), 201);
    const broken = { body: '--x\r\nnot a multipart body', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } };
    assert.equal((await server.api('POST', '/stories', broken)).status, 429);
    await spend(ALLOWANCES.commentsPerAddress.capacity, (i) => server.api('POST', `/threads/t${i % 16}/comments`, { json: validComment({ body: `Komentar ke-${i}` }) }), 201);
    const garbage = { body: '{"author_name":', headers: { 'Content-Type': 'application/json' } };
    assert.equal((await server.api('POST', '/threads/t/comments', garbage)).status, 429);
  } finally {
    await server.close();
  }
});

test('an unusable Idempotency-Key does not skip the limit: such sends spend before their body is read, like sends without a key', async () => {
  const server = await testServer({ KABAR_RATE_LIMIT: 'on' }, { seed: false });
  try {
    const badKey = { 'Idempotency-Key': 'x'.repeat(300) };
    await spend(ALLOWANCES.storiesPerAddress.capacity, (i) => server.api('POST', '/stories', { json: validStory({ title: `Kunci rusak ${i}` }), headers: badKey }), 400);
    const broken = { body: '--x\r\nnot a multipart body', headers: { ...badKey, 'Content-Type': 'multipart/form-data; boundary=x' } };
    assert.equal((await server.api('POST', '/stories', broken)).status, 429);
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
    // Arabic or Hebrew in a comment body is fine, and so is the right-to-left mark that places its punctuation.
    const arabic = await server.api('POST', thread('nama'), { json: validComment({ body: 'Salam مرحبا\u200F! semua.' }) });
    assert.equal(arabic.status, 201);
  } finally {
    await server.close();
  }
});

test('text shown to others: bidi embeddings, overrides, isolates and tag characters are refused per field', async () => {
  const server = await testServer({}, { seed: false });
  try {
    const rlo = '\u202E';
    const story = await server.api('POST', '/stories', {
      json: validStory({ title: `Banjir ${rlo}fdp.exe`, community: `Warga\u2066 RT 3\u2069`, body: `Paragraf satu\u{E0041}.\n\nParagraf dua.` }),
    });
    assert.equal(story.status, 422);
    assert.deepEqual(
      [story.body.error.fields.title, story.body.error.fields.community, story.body.error.fields.body],
      ['invalid_text', 'invalid_text', 'invalid_text'],
    );
    const comment = await server.api('POST', thread('arah'), { json: validComment({ body: `Setuju ${rlo}!` }) });
    assert.equal(comment.status, 422);
    assert.equal(comment.body.error.fields.body, 'invalid_text');
    // A subdivision flag is the one legitimate use of tag characters.
    const flag = await server.api('POST', thread('arah'), { json: validComment({ body: 'Salam dari \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}.' }) });
    assert.equal(flag.status, 201);
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
