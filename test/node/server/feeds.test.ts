/**
 * Kabar's feeds out: /feed.xml (RSS 2.0) and /feed.json (JSON Feed 1.1), per
 * category and per thread, parsed back with the library that reads partners' feeds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseJsonFeed, parseRssFeed } from 'feedsmith';
import { ADMIN_TOKEN, testServer, thread, validComment, validStory, type TestServer } from './helpers.js';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const BODY = 'Warga Sukamaju menanam seribu pohon di bantaran sungai.\n\n- bibit dari kelompok tani\n- pupuk dari bank sampah\n\nCerita lengkapnya di [blog kami](https://blog.contoh.id/pohon).';

describe('feeds', () => {
  let server: TestServer;
  let slug: string;
  before(async () => {
    server = await testServer({ KABAR_SITE_NAME: 'Warta Kampung', KABAR_SITE_DESCRIPTION: 'Berita dari kampung-kampung' });
    const story = await server.api('POST', '/stories', { json: validStory({ title: 'Seribu Pohon di Bantaran Sungai', body: BODY }) });
    const approved = await server.api('POST', `/admin/stories/${story.body.id}`, { json: { action: 'approve' }, headers: auth });
    slug = new URL(approved.body.article.url).pathname.split('/').pop()!;
  });
  after(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) => server.app.request(`http://127.0.0.1${path}`, { headers });

  test('/feed.xml is RSS 2.0 with the full text as sanitised HTML, the image and the author; an approved story is first', async () => {
    const response = await get('/feed.xml');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type')!, /^application\/rss\+xml/);
    assert.match(response.headers.get('Cache-Control')!, /max-age=300/);
    const feed = parseRssFeed(await response.text());
    assert.equal(feed.title, 'Warta Kampung');
    assert.equal(feed.description, 'Berita dari kampung-kampung');
    assert.equal(feed.language, 'id');
    const [first] = feed.items!;
    assert.equal(first.title, 'Seribu Pohon di Bantaran Sungai');
    assert.equal(first.link, `http://127.0.0.1/artikel/${slug}`);
    assert.deepEqual(first.dc?.creators, ['Ani Rahmawati']);
    const html = first.content!.encoded!;
    assert.match(html, /<li>bibit dari kelompok tani<\/li>/);
    assert.match(html, /<a [^>]*href="https:\/\/blog\.contoh\.id\/pohon"[^>]*>blog kami<\/a>/);
    assert.match(html, /rel="ugc nofollow noopener"/);
    const withImage = feed.items!.find((item) => item.enclosures?.length);
    assert.ok(withImage, 'a seeded article with a photo carries it');
    assert.match(withImage.enclosures![0].url ?? '', /^http:\/\/127\.0\.0\.1\/uploads\//);
    assert.ok(withImage.media?.contents?.[0].width);

    const tag = response.headers.get('ETag')!;
    assert.equal((await get('/feed.xml', { 'If-None-Match': tag })).status, 304);
  });

  test('/feed.json is JSON Feed 1.1 with the same items', async () => {
    const response = await get('/feed.json');
    assert.match(response.headers.get('Content-Type')!, /^application\/feed\+json/);
    const feed = parseJsonFeed(await response.text());
    assert.equal(feed.title, 'Warta Kampung');
    assert.equal(feed.feed_url, 'http://127.0.0.1/feed.json');
    const [first] = feed.items!;
    assert.equal(first.url, `http://127.0.0.1/artikel/${slug}`);
    assert.equal(first.authors?.[0].name, 'Ani Rahmawati');
    assert.match(first.content_html!, /<ul>/);
    assert.ok(first.date_published);
    assert.ok(feed.items!.some((item) => item.image?.startsWith('http://127.0.0.1/uploads/')));
  });

  test('a category has its own feed; an unknown one is 404', async () => {
    const feed = parseRssFeed(await (await get('/feed.xml?category=komunitas')).text());
    assert.ok(feed.title?.startsWith('Komunitas'));
    assert.ok(feed.items!.length >= 1);
    assert.ok(feed.items!.every((item) => item.categories?.some((c) => c.name === 'Komunitas')));
    assert.equal((await get('/feed.json?category=tidak-ada')).status, 404);
  });

  test("a thread's feed carries its approved comments, newest first, and nothing pending", async () => {
    const sent = await server.api('POST', thread(slug), { json: validComment({ body: 'Salut untuk **warga**!' }) });
    await server.api('POST', thread(slug), { json: validComment({ author_email: 'lain@example.org', body: 'Belum disetujui.' }) });
    await server.api('POST', `/admin/comments/${sent.body.comment?.id ?? sent.body.id}`, { json: { action: 'approve' }, headers: auth });
    const feed = parseJsonFeed(await (await get(`/feed.json?thread=${encodeURIComponent(`/artikel/${slug}`)}`)).text());
    assert.match(feed.title!, /^Komentar: Seribu Pohon/);
    assert.equal(feed.items!.length, 1);
    assert.equal(feed.items![0].content_html, '<p>Salut untuk <strong>warga</strong>!</p>');
    assert.equal(feed.items![0].authors?.[0].name, 'Bayu');
    const rss = parseRssFeed(await (await get(`/feed.xml?thread=${encodeURIComponent(`/artikel/${slug}`)}`)).text());
    assert.equal(rss.items!.length, 1);
  });
});
