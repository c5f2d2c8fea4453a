/** Reading: articles, one article, categories; paging, filters, search, ETag. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testServer, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await testServer();
});
after(() => server.close());

test('GET /articles lists the seeded articles newest first, with paging totals', async () => {
  const first = await server.api('GET', '/articles');
  assert.equal(first.status, 200);
  assert.equal(first.body.page, 1);
  assert.equal(first.body.per_page, 10);
  assert.ok(first.body.total >= 24, `seeded ${first.body.total}`);
  assert.equal(first.body.total_pages, Math.ceil(first.body.total / 10));
  const times = first.body.items.map((a: { published_at: string }) => Date.parse(a.published_at));
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  for (const article of first.body.items) {
    assert.match(article.published_at, /\+07:00$/);
    assert.ok(article.image.width && article.image.height && article.image.alt.length > 10);
    assert.equal(new URL(article.url).pathname.startsWith('/artikel/'), true);
  }
  const second = await server.api('GET', '/articles?page=2');
  const ids = new Set(first.body.items.map((a: { id: string }) => a.id));
  assert.ok(second.body.items.every((a: { id: string }) => !ids.has(a.id)), 'page 2 repeats nothing of page 1');
  const past = await server.api('GET', '/articles?page=99');
  assert.deepEqual(past.body.items, []);
});

test('per_page is capped at 50; a malformed page is a 400 naming the parameter', async () => {
  const many = await server.api('GET', '/articles?per_page=500');
  assert.equal(many.body.per_page, 50);
  const bad = await server.api('GET', '/articles?page=zero');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'invalid_query');
  assert.equal(bad.body.error.fields.page, 'invalid');
  assert.equal((await server.api('GET', '/articles?per_page=0')).status, 400);
});

test('category, tag and q narrow the list', async () => {
  const health = await server.api('GET', '/articles?category=kesehatan&per_page=50');
  assert.ok(health.body.total > 0);
  assert.ok(health.body.items.every((a: { categories: Array<{ slug: string }> }) => a.categories.some((c) => c.slug === 'kesehatan')));
  assert.ok(health.body.total < (await server.api('GET', '/articles')).body.total);

  const tagged = await server.api('GET', '/articles?tag=mangrove');
  assert.equal(tagged.body.total, 1);
  assert.equal(tagged.body.items[0].tags.some((t: { slug: string }) => t.slug === 'mangrove'), true);

  const search = await server.api('GET', '/articles?q=jelantah');
  assert.ok(search.body.total >= 1);
  const found = await server.api('GET', `/articles/${search.body.items[0].id}`);
  assert.match(`${found.body.title} ${found.body.excerpt} ${found.body.body}`, /jelantah/i);

  // A wildcard typed by a reader is a literal character.
  assert.equal((await server.api('GET', '/articles?q=%25')).body.total, 0);
  assert.equal((await server.api('GET', '/articles?category=tidak-ada')).body.total, 0);
});

test('GET /articles/{id} adds the markdown body; an unknown id is a 404', async () => {
  const list = await server.api('GET', '/articles?per_page=1');
  const one = await server.api('GET', `/articles/${list.body.items[0].id}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.title, list.body.items[0].title);
  assert.ok(one.body.body.split('\n\n').length >= 2);
  for (const id of ['999999', 'abc', '1.5']) {
    const missing = await server.api('GET', `/articles/${id}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
  }
});

test('GET /categories lists at least four categories with id, slug and name', async () => {
  const answer = await server.api('GET', '/categories');
  assert.ok(answer.body.items.length >= 4);
  assert.ok(answer.body.items.some((c: { slug: string; name: string }) => c.slug === 'lingkungan' && c.name === 'Lingkungan'));
});

test('reading answers carry a weak ETag and Cache-Control; If-None-Match gets a 304 with no body', async () => {
  const answer = await server.api('GET', '/articles');
  const etag = answer.headers.get('ETag')!;
  assert.match(etag, /^W\/".+"$/);
  assert.match(answer.headers.get('Cache-Control')!, /max-age=60/);
  const again = await server.api('GET', '/articles', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal(again.body, undefined);
  const otherPage = await server.api('GET', '/articles?page=2', { headers: { 'If-None-Match': etag } });
  assert.equal(otherPage.status, 200, 'another page has another tag');
  const categories = await server.api('GET', '/categories');
  assert.equal((await server.api('GET', '/categories', { headers: { 'If-None-Match': categories.headers.get('ETag')! } })).status, 304);
});
