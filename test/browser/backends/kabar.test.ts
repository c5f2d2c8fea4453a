import { expect } from '@open-wc/testing';
import { clearCache } from '../../../src/backends/cache.js';
import { KabarBackend } from '../../../src/backends/kabar.js';
import type { Page, Article } from '../../../src/backends/types.js';
import { failureOf as failure, json, raw, sentJson, useFakeNetwork, type FakeFetch } from './fake-fetch.js';

const API = 'https://news.example.org/api/v1';

const wireArticle = {
  id: 12,
  url: 'https://news.example.org/artikel/12',
  title: 'Warga Kampung Code membersihkan sungai',
  excerpt: 'Sabtu pagi, tiga puluh warga turun ke sungai.',
  published_at: '2026-11-20T08:30:00+07:00',
  updated_at: '2026-11-21T09:00:00+07:00',
  author: { name: 'Sari', url: 'https://sari.example', avatar: 'http://gravatar.example/a.png' },
  image: { src: 'https://news.example.org/img/12.jpg', srcset: 'https://news.example.org/img/12-640.jpg 640w', width: 1200, height: 800, alt: 'Warga di sungai' },
  categories: [{ id: 3, slug: 'lingkungan', name: 'Lingkungan' }],
  tags: [{ id: 'kali', slug: 'kali', name: 'Kali' }],
  comment_count: 4,
};

const wireComment = {
  id: 'c2',
  thread: 'artikel-12',
  parent_id: 'c1',
  author: { name: 'Budi', url: 'https://budi.example' },
  body: 'Setuju!',
  created_at: '2026-11-20T10:00:00+07:00',
  status: 'approved',
};

const story = {
  name: 'Sari',
  email: 'sari@example.org',
  community: 'Kampung Code',
  title: 'Sungai kami bersih lagi',
  body: 'Paragraf satu.\n\nParagraf dua.',
  originalUrl: 'https://blog.example/sungai',
  consent: true as const,
  website: '',
  elapsedMs: 42_000,
};

describe('KabarBackend', () => {
  const network = useFakeNetwork();
  let fake: FakeFetch;
  let backend: KabarBackend;
  beforeEach(() => {
    fake = network.fetch;
    backend = new KabarBackend(`${API}/`);
  });

  it('is labelled with the host name and accepts a root relative to the page', () => {
    expect(backend.label).to.equal('news.example.org');
    const local = new KabarBackend('/api/v1');
    expect(local.label).to.equal(location.hostname);
    expect(local.base).to.equal(`${location.origin}/api/v1`);
  });

  it('lists articles with the query in wire names and maps them to the model', async () => {
    fake.answer(json({ items: [wireArticle], page: 2, per_page: 1, total: 3, total_pages: 3 }));
    const page = await backend.listArticles({ page: 2, perPage: 1, category: 'lingkungan', tag: 'kali', search: 'sungai bersih' });
    const url = new URL(fake.calls[0].url);
    expect(url.origin + url.pathname).to.equal(`${API}/articles`);
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({ page: '2', per_page: '1', category: 'lingkungan', tag: 'kali', q: 'sungai bersih' });
    expect(page).to.deep.include({ page: 2, perPage: 1, total: 3, totalPages: 3, hasMore: true });
    expect(page.items[0]).to.deep.equal({
      id: '12',
      url: 'https://news.example.org/artikel/12',
      title: 'Warga Kampung Code membersihkan sungai',
      excerpt: 'Sabtu pagi, tiga puluh warga turun ke sungai.',
      publishedAt: '2026-11-20T08:30:00+07:00',
      updatedAt: '2026-11-21T09:00:00+07:00',
      // The plain-http avatar is dropped: it would be mixed content on an https page.
      author: { name: 'Sari', url: 'https://sari.example' },
      image: { src: 'https://news.example.org/img/12.jpg', srcset: 'https://news.example.org/img/12-640.jpg 640w', width: 1200, height: 800, alt: 'Warga di sungai' },
      categories: [{ id: '3', slug: 'lingkungan', name: 'Lingkungan' }],
      tags: [{ id: 'kali', slug: 'kali', name: 'Kali' }],
      commentCount: 4,
    });
  });

  it('says there is no more on the last page', async () => {
    fake.answer(json({ items: [], page: 3, per_page: 6, total: 12, total_pages: 2 }));
    expect((await backend.listArticles({ page: 3 })).hasMore).to.equal(false);
  });

  it('reads "no more" from the total when the server gives no page count', async () => {
    fake.answer(json({ items: [wireArticle], page: 1, per_page: 1, total: 1 }), json({ items: [wireArticle], page: 1, per_page: 1 }));
    // One article of one in all: a full page, and still the last.
    expect(await backend.listArticles({ perPage: 1 })).to.deep.include({ total: 1, hasMore: false });
    // Nothing but a full page to go by: there may be more.
    expect((await backend.listArticles({ perPage: 1, search: 'x' })).hasMore).to.equal(true);
  });

  it('paints a stale page of articles first, mapped to the model', async () => {
    fake.answer(json({ items: [wireArticle], page: 1, per_page: 6, total: 1, total_pages: 1 }), json({ items: [], page: 1, per_page: 6, total: 0, total_pages: 0 }));
    await backend.listArticles({});
    // A second adapter for the same root: the cache belongs to the page, not to one object.
    const again = new KabarBackend(API);
    const painted: Array<Page<Article>> = [];
    ageStoredEntry(`${API}/articles`);
    const fresh = await again.listArticles({}, { onStale: (value) => painted.push(value as Page<Article>) });
    expect(painted).to.have.length(1);
    expect(painted[0].items[0].id).to.equal('12');
    expect(fresh.items).to.deep.equal([]);
  });

  it('gets one article with its markdown body', async () => {
    fake.answer(json({ ...wireArticle, id: 'a/b', body: '# Judul\n\nIsi.' }));
    const article = await backend.getArticle('a/b');
    expect(fake.calls[0].url).to.equal(`${API}/articles/a%2Fb`);
    expect(article.id).to.equal('a/b');
    expect(article.body).to.equal('# Judul\n\nIsi.');
  });

  it('lists categories', async () => {
    fake.answer(json({ items: [{ id: 1, slug: 'profil', name: 'Profil Komunitas' }] }));
    expect(await backend.listCategories()).to.deep.equal([{ id: '1', slug: 'profil', name: 'Profil Komunitas' }]);
    expect(fake.calls[0].url).to.equal(`${API}/categories`);
  });

  it('fails with parse when a 2xx is not the expected shape', async () => {
    fake.answer(json({ items: 'nope' }));
    expect((await failure(backend.listArticles({}))).kind).to.equal('parse');
    fake.answer(json({ title: 'no id' }));
    expect((await failure(backend.getArticle('1'))).kind).to.equal('parse');
  });

  describe('submitStory', () => {
    it('sends JSON in wire names with the idempotency key and maps the receipt', async () => {
      fake.answer(json({ id: 'st-9', status: 'pending', received_at: '2026-11-27T10:00:00+07:00' }, { status: 201 }));
      const receipt = await backend.submitStory(story, { idempotencyKey: 'draft-key-1' });
      const call = fake.calls[0];
      expect(call.method).to.equal('POST');
      expect(call.url).to.equal(`${API}/stories`);
      expect(call.headers.get('Idempotency-Key')).to.equal('draft-key-1');
      expect(call.headers.get('Content-Type')).to.equal('application/json');
      expect(sentJson(call)).to.deep.equal({
        name: 'Sari',
        email: 'sari@example.org',
        community: 'Kampung Code',
        title: 'Sungai kami bersih lagi',
        body: 'Paragraf satu.\n\nParagraf dua.',
        original_url: 'https://blog.example/sungai',
        consent: true,
        elapsed_ms: 42_000,
        website: '',
      });
      expect(receipt).to.deep.equal({ id: 'st-9', status: 'pending', receivedAt: '2026-11-27T10:00:00+07:00' });
    });

    it('sends multipart with the photo when there is one', async () => {
      fake.answer(json({ id: 'st-10', status: 'pending', received_at: '2026-11-27T10:00:00+07:00' }, { status: 201 }));
      const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'sungai.jpg', { type: 'image/jpeg' });
      await backend.submitStory({ ...story, photo, photoAlt: 'Sungai yang bersih' }, { idempotencyKey: 'draft-key-2' });
      const call = fake.calls[0];
      expect(call.body).to.be.instanceOf(FormData);
      const form = call.body as FormData;
      expect(form.get('title')).to.equal('Sungai kami bersih lagi');
      expect(form.get('original_url')).to.equal('https://blog.example/sungai');
      expect(form.get('photo_alt')).to.equal('Sungai yang bersih');
      expect(form.get('consent')).to.equal('true');
      expect(form.get('website')).to.equal('', 'the honeypot goes along, empty');
      const sent = form.get('photo') as File;
      expect(sent.name).to.equal('sungai.jpg');
      expect(sent.size).to.equal(4);
      // The browser writes the multipart boundary itself.
      expect(call.headers.has('Content-Type')).to.equal(false);
      expect(call.headers.get('Idempotency-Key')).to.equal('draft-key-2');
    });

    it('never succeeds on a 2xx without a receipt', async () => {
      fake.answer(json({ ok: true }, { status: 200 }));
      expect((await failure(backend.submitStory(story))).kind).to.equal('parse');
    });

    it('gives validation with the model field names', async () => {
      fake.answer(
        json(
          { error: { code: 'invalid', message: 'Periksa isian', fields: { original_url: 'invalid_url', photo_alt: 'alt_required', body: 'too_few_paragraphs' } } },
          { status: 422 },
        ),
      );
      const error = await failure(backend.submitStory(story));
      expect(error.kind).to.equal('validation');
      expect(error.fields).to.deep.equal({ originalUrl: 'invalid_url', photoAlt: 'alt_required', body: 'too_few_paragraphs' });
    });

    it('names bare 409, 413 and 415 answers, and keeps a code the server gave', async () => {
      fake.answer(raw('', { status: 409 }), raw('<html>Too big</html>', { status: 413 }), raw('', { status: 415 }), json({ error: { code: 'photo_type' } }, { status: 415 }));
      expect((await failure(backend.submitStory(story))).code).to.equal('duplicate');
      expect((await failure(backend.submitStory(story))).code).to.equal('too_large');
      expect((await failure(backend.submitStory(story))).code).to.equal('unsupported_media_type');
      const typed = await failure(backend.submitStory(story));
      expect(typed.code).to.equal('photo_type');
      expect(typed.status).to.equal(415);
    });
  });

  describe('comments', () => {
    it('lists a thread flat, with parentId, by an encoded thread path', async () => {
      fake.answer(json({ items: [wireComment, { ...wireComment, id: 'c1', parent_id: null }], page: 1, per_page: 50, total: 2, total_pages: 1 }));
      const page = await backend.listComments('artikel 12/b', { page: 1, perPage: 50, sort: 'oldest' });
      expect(fake.calls[0].url).to.equal(`${API}/threads/artikel%2012%2Fb/comments?page=1&per_page=50&sort=oldest`);
      expect(page.items[0]).to.deep.equal({
        id: 'c2',
        thread: 'artikel-12',
        parentId: 'c1',
        author: { name: 'Budi', url: 'https://budi.example' },
        body: 'Setuju!',
        createdAt: '2026-11-20T10:00:00+07:00',
        status: 'approved',
      });
      expect(page.items[1].parentId).to.equal(null);
      expect(page.hasMore).to.equal(false);
    });

    it('posts in wire names with the idempotency key and returns the pending comment', async () => {
      fake.answer(json({ ...wireComment, id: 'c9', status: 'pending' }, { status: 201 }));
      const comment = await backend.postComment(
        { thread: 'artikel-12', parentId: 'c1', authorName: 'Budi', authorEmail: 'budi@example.org', authorUrl: '', body: 'Setuju!', website: '', elapsedMs: 9_000 },
        { idempotencyKey: 'comment-key' },
      );
      const call = fake.calls[0];
      expect(call.method).to.equal('POST');
      expect(call.url).to.equal(`${API}/threads/artikel-12/comments`);
      expect(call.headers.get('Idempotency-Key')).to.equal('comment-key');
      expect(sentJson(call)).to.deep.equal({
        parent_id: 'c1',
        author_name: 'Budi',
        author_email: 'budi@example.org',
        body: 'Setuju!',
        website: '',
        elapsed_ms: 9_000,
      });
      expect(comment.id).to.equal('c9');
      expect(comment.status).to.equal('pending');
    });

    it('sends notify: true when the reader asked for e-mail notices, and nothing otherwise', async () => {
      fake.answer(json({ ...wireComment, id: 'c9', status: 'pending' }, { status: 201 }));
      await backend.postComment({ thread: 'artikel-12', authorName: 'Budi', authorEmail: 'budi@example.org', body: 'Kabari saya', notify: true });
      expect(sentJson(fake.calls[0])).to.include({ notify: true });
    });

    it('sends the browser\'s own key with every story and comment: random, kept in localStorage, the same for both', async () => {
      fake.answer(json({ ...wireComment, id: 'c10', status: 'pending' }, { status: 201 }));
      await backend.postComment({ thread: 'artikel-12', authorName: 'Budi', authorEmail: 'budi@example.org', body: 'Setuju!', elapsedMs: 9_000 }, { idempotencyKey: 'k1' });
      fake.answer(json({ id: 's1', status: 'pending', received_at: '2026-11-20T10:00:00+07:00' }, { status: 201 }));
      await backend.submitStory(
        { name: 'Ani', email: 'ani@example.org', title: 'Judul cerita', body: 'Satu.\n\nDua.', consent: true, elapsedMs: 9_000 },
        { idempotencyKey: 'k2' },
      );
      const keys = fake.calls.map((call) => call.headers.get('Kabar-Browser-Key'));
      expect(keys[0]).to.match(/^[A-Za-z0-9_-]{16,128}$/);
      expect(keys[1]).to.equal(keys[0]);
      expect(localStorage.getItem('kabar:browser-key')).to.equal(keys[0]);
      expect(keys[0]).to.not.equal('k1');
    });

    it('gives validation in camelCase for a rejected comment', async () => {
      fake.answer(json({ error: { code: 'invalid', fields: { author_name: 'required', author_email: 'invalid_email', parent_id: 'unknown' } } }, { status: 400 }));
      const error = await failure(backend.postComment({ thread: 't', authorName: '', authorEmail: 'x', body: 'Hai' }));
      expect(error.kind).to.equal('validation');
      expect(error.fields).to.deep.equal({ authorName: 'required', authorEmail: 'invalid_email', parentId: 'unknown' });
    });

    it('reads the thread again after posting to it', async () => {
      const list = json({ items: [wireComment], page: 1, per_page: 50, total: 1, total_pages: 1 });
      fake.answer(list, json({ ...wireComment, id: 'c9', status: 'pending' }, { status: 201 }), list);
      await backend.listComments('artikel-12', {});
      await backend.postComment({ thread: 'artikel-12', authorName: 'Budi', authorEmail: 'budi@example.org', body: 'Lagi' });
      await backend.listComments('artikel-12', {});
      expect(fake.calls.map((call) => call.method)).to.deep.equal(['GET', 'POST', 'GET']);
    });
  });

  describe('countComments', () => {
    it('merges twenty calls made in one task into one request', async () => {
      fake.answer((call) => {
        const threads = new URL(call.url).searchParams.getAll('thread');
        return json({ counts: Object.fromEntries(threads.map((thread, i) => [thread, i])) })(call, 0);
      });
      const threads = Array.from({ length: 20 }, (_, i) => `artikel-${i}`);
      const answers = await Promise.all(threads.map((thread) => backend.countComments([thread])));
      expect(fake.calls).to.have.length(1);
      expect(new URL(fake.calls[0].url).searchParams.getAll('thread')).to.deep.equal(threads);
      for (const [i, answer] of answers.entries()) expect(answer).to.deep.equal({ [`artikel-${i}`]: i });
    });

    it('gives 0 for a thread the server did not count', async () => {
      fake.answer(json({ counts: { a: 2 } }));
      expect(await backend.countComments(['a', 'b'])).to.deep.equal({ a: 2, b: 0 });
    });

    it('splits a very long list so every URL stays short', async () => {
      fake.answer((call) => json({ counts: Object.fromEntries(new URL(call.url).searchParams.getAll('thread').map((t) => [t, 1])) })(call, 0));
      const threads = Array.from({ length: 150 }, (_, i) => `https://partner.example/berita/${i}`);
      const counts = await backend.countComments(threads);
      expect(fake.calls.length).to.be.greaterThan(1);
      for (const call of fake.calls) expect(call.url.length).to.be.at.most(2000);
      expect(Object.keys(counts)).to.have.length(150);
      expect(Object.values(counts).every((n) => n === 1)).to.equal(true);
    });

    it('lets one caller give up without failing the others', async () => {
      fake.answer(json({ counts: { a: 1, b: 2 } }));
      const controller = new AbortController();
      const gone = backend.countComments(['a'], { signal: controller.signal });
      const staying = backend.countComments(['b']);
      controller.abort();
      expect((await failure(gone)).kind).to.equal('aborted');
      expect(await staying).to.deep.equal({ b: 2 });
      expect(fake.calls).to.have.length(1);
    });

    it('sends nothing when every caller gave up before the batch left', async () => {
      fake.answer(json({ counts: {} }));
      const controller = new AbortController();
      const gone = backend.countComments(['a'], { signal: controller.signal });
      controller.abort();
      expect((await failure(gone)).kind).to.equal('aborted');
      expect(fake.calls).to.have.length(0);
    });

    it('passes the error to every caller of a failed batch', async () => {
      fake.answer(raw('', { status: 404 }));
      const results = await Promise.allSettled([backend.countComments(['a']), backend.countComments(['b'])]);
      expect(results.map((result) => result.status)).to.deep.equal(['rejected', 'rejected']);
      expect(fake.calls).to.have.length(1);
    });
  });
});

/** As after a reload some minutes later: the entry is only in sessionStorage, and stale. */
function ageStoredEntry(url: string): void {
  const key = `kabar:http:${url}`;
  const stored = JSON.parse(sessionStorage.getItem(key)!) as { storedAt: number };
  stored.storedAt = 0;
  clearCache();
  sessionStorage.setItem(key, JSON.stringify(stored));
}
