/** Moderation: the token, the queue, approving a story into an article, comment actions. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN, testServer, validComment, validStory, type TestServer } from './helpers.js';
import { tokenMatches } from '../../../server/http.js';

let server: TestServer;
before(async () => {
  server = await testServer();
});
after(() => server.close());

const headers = { Authorization: `Bearer ${ADMIN_TOKEN}` };

test('without the token, or with a wrong one, the admin API answers 401 with WWW-Authenticate', async () => {
  for (const auth of [undefined, 'Bearer salah', `Bearer ${ADMIN_TOKEN}x`, `Basic ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN.slice(0, -1)}`]) {
    const answer = await server.api('GET', '/admin/queue', { headers: auth ? { Authorization: auth } : {} });
    assert.equal(answer.status, 401, String(auth));
    assert.equal(answer.body.error.code, 'unauthorized');
    assert.match(answer.headers.get('WWW-Authenticate')!, /^Bearer/);
  }
  const post = await server.api('POST', '/admin/stories/1', { json: { action: 'approve' }, headers: { Authorization: 'Bearer salah' } });
  assert.equal(post.status, 401);
});

test('the token comparison is exact whatever the lengths', () => {
  assert.equal(tokenMatches('abc', 'abc'), true);
  assert.equal(tokenMatches('abd', 'abc'), false);
  assert.equal(tokenMatches('ab', 'abc'), false);
  assert.equal(tokenMatches('', 'abc'), false);
  assert.equal(tokenMatches(undefined, 'abc'), false);
});

test('repeated wrong tokens are slowed down with 429 and Retry-After, even with rate limits off', async () => {
  const other = await testServer({}, { seed: false });
  try {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await other.api('GET', '/admin/queue', { headers: { Authorization: `Bearer tebakan-${i}` } }));
    const statuses = answers.map((a) => a.status);
    const last = answers[answers.length - 1];
    assert.equal(statuses.filter((s) => s === 401).length, 10);
    assert.equal(last.status, 429);
    assert.ok(Number(last.headers.get('Retry-After')) >= 1);
  } finally {
    await other.close();
  }
});

test('the queue holds the seeded pending stories and comments, with what an editor needs', async () => {
  const answer = await server.api('GET', '/admin/queue', { headers });
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('Cache-Control'), 'no-store');
  assert.ok(answer.body.stories.length >= 2);
  const withPhoto = answer.body.stories.find((s: { photo: unknown }) => s.photo);
  assert.ok(withPhoto.photo.alt && withPhoto.photo.width && withPhoto.photo.src);
  assert.ok(answer.body.stories.some((s: { original_url: string | null }) => s.original_url?.startsWith('https://')));
  assert.ok(answer.body.comments.length >= 1);
  assert.ok(answer.body.comments[0].author_email.endsWith('@example.org'));
  assert.equal(answer.body.comments[0].status, 'pending');
});

test('approving a story publishes it as an article: newest in GET /articles, with photo, author and category', async () => {
  const queue = await server.api('GET', '/admin/queue', { headers });
  const story = queue.body.stories.find((s: { photo: unknown }) => s.photo);
  const publicPhoto = `/uploads/${new URL(story.photo.src).pathname.split('/').pop()}`;
  assert.equal((await server.app.request(publicPhoto)).status, 404, 'a waiting demo story keeps its photo private too');
  const approved = await server.api('POST', `/admin/stories/${story.id}`, { json: { action: 'approve' }, headers });
  assert.equal(approved.status, 200);
  assert.equal(approved.body.story.status, 'approved');
  assert.equal((await server.app.request(publicPhoto)).status, 200);
  const article = approved.body.article;
  assert.equal(article.title, story.title);
  assert.equal(article.author.name, story.name);
  assert.equal(story.photo.src, `http://127.0.0.1/api/v1/admin/photos/${new URL(story.photo.src).pathname.split('/').pop()}`, 'editors see it first');
  assert.equal(article.image.src, story.photo.src.replace('/api/v1/admin/photos/', '/uploads/'), 'published, it is public');
  assert.equal(article.image.alt, story.photo.alt);
  assert.deepEqual(article.categories.map((c: { slug: string }) => c.slug), ['perempuan'], 'category given by name maps to its slug');
  assert.equal(article.body, story.body);

  const listed = await server.api('GET', '/articles?per_page=1');
  assert.equal(listed.body.items[0].id, article.id);
  assert.equal(listed.body.items[0].title, story.title);
  assert.ok(!(await server.api('GET', '/admin/queue', { headers })).body.stories.some((s: { id: string }) => s.id === story.id));
  const page = await server.app.request(new URL(article.url).pathname);
  assert.equal(page.status, 200);
  assert.match(await page.text(), new RegExp(story.title));

  // Asking again is answered the same; changing one's mind is a conflict.
  const again = await server.api('POST', `/admin/stories/${story.id}`, { json: { action: 'approve' }, headers });
  assert.equal(again.status, 200);
  assert.equal(again.body.article.id, article.id);
  const reject = await server.api('POST', `/admin/stories/${story.id}`, { json: { action: 'reject' }, headers });
  assert.equal(reject.status, 409);
  assert.equal(reject.body.error.code, 'already_moderated');
});

test('a story with the original link keeps it; two stories with one title get two slugs', async () => {
  const one = await server.api('POST', '/stories', { json: validStory({ title: 'Judul Kembar', original_url: 'https://blog.example.org/a' }) });
  const two = await server.api('POST', '/stories', { json: validStory({ title: 'Judul Kembar', email: 'lain@example.org' }) });
  const a = await server.api('POST', `/admin/stories/${one.body.id}`, { json: { action: 'approve' }, headers });
  const b = await server.api('POST', `/admin/stories/${two.body.id}`, { json: { action: 'approve' }, headers });
  assert.match(a.body.article.body, /https:\/\/blog\.example\.org\/a/);
  const page = await server.app.request(`http://127.0.0.1${new URL(a.body.article.url).pathname}`);
  assert.match(await page.text(), /Pertama dimuat di: <a href="https:\/\/blog\.example\.org\/a" rel="ugc nofollow noopener">/);
  assert.notEqual(a.body.article.url, b.body.article.url);
  const thread = new URL(b.body.article.url).pathname;
  const counts = await server.api('GET', `/comment-counts?thread=${encodeURIComponent(thread)}`);
  assert.deepEqual(counts.body.counts, { [thread]: 0 });
});

test('rejecting a story removes it from the queue and publishes nothing', async () => {
  const sent = await server.api('POST', '/stories', { json: validStory({ title: 'Cerita yang ditolak' }) });
  const total = (await server.api('GET', '/articles')).body.total;
  const rejected = await server.api('POST', `/admin/stories/${sent.body.id}`, { json: { action: 'reject' }, headers });
  assert.equal(rejected.status, 200);
  assert.equal(rejected.body.story.status, 'rejected');
  assert.equal(rejected.body.article, undefined);
  assert.equal((await server.api('GET', '/articles')).body.total, total);
});

test('moderation answers 404 for unknown ids and 422 for unknown actions', async () => {
  assert.equal((await server.api('POST', '/admin/stories/999999', { json: { action: 'approve' }, headers })).status, 404);
  assert.equal((await server.api('POST', '/admin/comments/999999', { json: { action: 'spam' }, headers })).status, 404);
  const bad = await server.api('POST', '/admin/comments/1', { json: { action: 'publish' }, headers });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.error.fields, { action: 'invalid' });
  assert.equal((await server.api('POST', '/admin/stories/1', { json: { action: 'approve' }, headers: { ...headers, 'Idempotency-Key': 'spasi tidak boleh' } })).status, 400);
});

test('comments: approve lists it and counts it; reject and spam keep it out', async () => {
  const path = '/threads/%2Fartikel%2Fsenam-lansia-dan-cek-tensi/comments';
  const before = (await server.api('GET', path)).body.total;
  const ids: string[] = [];
  for (const body of ['Setuju sekali.', 'Iklan obat murah!', 'Komentar kasar.']) {
    ids.push((await server.api('POST', path, { json: validComment({ body }) })).body.id);
  }
  const actions = ['approve', 'spam', 'reject'];
  for (const [i, action] of actions.entries()) {
    const answer = await server.api('POST', `/admin/comments/${ids[i]}`, { json: { action }, headers: { ...headers, 'Idempotency-Key': `mod-${i}` } });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.comment.status, { approve: 'approved', spam: 'spam', reject: 'rejected' }[action]);
  }
  const after = await server.api('GET', path);
  assert.equal(after.body.total, before + 1);
  assert.equal(after.body.items.at(-1).body, 'Setuju sekali.');
  const queue = (await server.api('GET', '/admin/queue', { headers })).body.comments.map((c: { id: string }) => c.id);
  assert.ok(ids.every((id) => !queue.includes(id)));
  const change = await server.api('POST', `/admin/comments/${ids[2]}`, { json: { action: 'approve' }, headers });
  assert.equal(change.status, 409, 'a rejected comment stays rejected');
});

test('a pending reply shows its parent in the queue', async () => {
  const path = '/threads/%2Fartikel%2Fbank-sampah-rw-05-sukamaju/comments';
  const parent = (await server.api('GET', path)).body.items[0];
  const reply = await server.api('POST', path, { json: validComment({ parent_id: parent.id, body: 'Menanggapi komentar pertama.' }) });
  const queued = (await server.api('GET', '/admin/queue', { headers })).body.comments.find((c: { id: string }) => c.id === reply.body.id);
  assert.equal(queued.parent.id, parent.id);
  assert.equal(queued.parent.author.name, parent.author.name);
});
