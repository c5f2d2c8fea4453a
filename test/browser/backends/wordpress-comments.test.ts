import { expect } from '@open-wc/testing';
import { BackendError } from '../../../src/backends/backend.js';
import { WordPressApi } from '../../../src/backends/wordpress-api.js';
import { countWordPressComments, listWordPressComments, mapWordPressComment, postWordPressComment } from '../../../src/backends/wordpress-comments.js';
import { installFakeFetch, json, sentJson, type Answer, type FakeFetch } from './fake-fetch.js';
import { loadCapture, replayResponse, type Capture } from './wordpress-captures.js';

const SITE = 'http://127.0.0.1:8881';

const replay =
  (capture: Capture, body?: unknown): Answer =>
  () =>
    replayResponse(capture, body);

/** Routes calls by path: the post's comment status and the comment list go out together. */
function byPath(routes: Record<string, Answer>): Answer {
  return (call, index) => {
    const path = new URL(call.url).pathname;
    const answer = routes[path];
    if (!answer) throw new Error(`unexpected request ${call.url}`);
    return answer(call, index);
  };
}

describe('WordPress comments', () => {
  let fetch: FakeFetch;
  let api: WordPressApi;
  let threaded: Capture;

  before(async () => {
    threaded = await loadCapture('comments-post-threaded');
  });

  beforeEach(() => {
    fetch = installFakeFetch();
    api = new WordPressApi(`${SITE}/wp-json`);
  });

  afterEach(() => fetch.restore());

  describe('listWordPressComments', () => {
    it('asks for one page, oldest first by date, and maps the flat list to the model', async () => {
      fetch.answer(
        byPath({
          '/wp-json/wp/v2/comments': replay(threaded),
          '/wp-json/wp/v2/posts/15': json({ comment_status: 'open' }),
        }),
      );
      const page = await listWordPressComments(api, '15', { page: 1, perPage: 100, sort: 'oldest' });

      const list = fetch.calls.find((call) => call.url.includes('/comments'))!;
      const params = new URL(list.url).searchParams;
      expect(Object.fromEntries(params)).to.deep.equal({ post: '15', per_page: '100', page: '1', order: 'asc', orderby: 'date_gmt' });
      expect(list.method).to.equal('GET');

      expect(page.items.map((c) => [c.id, c.parentId])).to.deep.equal([
        ['7', null],
        ['8', '7'],
        ['9', '8'],
        ['10', '9'],
        ['11', null],
        ['12', null],
        ['13', '12'],
        ['14', null],
      ]);
      const agus = page.items[1];
      expect(agus.thread).to.equal('15');
      expect(agus.author).to.deep.equal({ name: 'Agus Setiawan', url: 'https://example.com/agus' });
      expect(agus.status).to.equal('approved');
      // date_gmt carries no offset; it is UTC.
      expect(new Date(agus.createdAt).toISOString()).to.equal('2026-07-21T04:00:00.000Z');
      expect(agus.html).to.contain('&#8220;Berseri&#8221;');
      expect(agus.body).to.equal(undefined);
      expect(page).to.include({ page: 1, perPage: 100, total: 8, totalPages: 1, hasMore: false, commentsOpen: true });
    });

    it('never passes on the plain-http gravatar avatars', async () => {
      fetch.answer(byPath({ '/wp-json/wp/v2/comments': replay(threaded), '/wp-json/wp/v2/posts/15': json({ comment_status: 'open' }) }));
      const page = await listWordPressComments(api, '15', {});
      expect(threaded.response.body[0].author_avatar_urls['48']).to.match(/^http:\/\/\d\.gravatar\.com/);
      expect(page.items.every((c) => c.author.avatar === undefined)).to.equal(true);
    });

    it('asks newest first, and reads "more" from X-WP-TotalPages', async () => {
      const defaults = await loadCapture('comments-post-default');
      fetch.answer(
        byPath({
          '/wp-json/wp/v2/comments': () =>
            new Response(JSON.stringify(defaults.response.body.slice(0, 3)), { headers: { 'X-WP-Total': '7', 'X-WP-TotalPages': '3' } }),
        }),
      );
      const page = await listWordPressComments(api, '13', { page: 2, perPage: 3, sort: 'newest' });
      expect(new URL(fetch.calls[0].url).searchParams.get('order')).to.equal('desc');
      // Only the first page asks whether the post is still open.
      expect(fetch.calls).to.have.length(1);
      expect(page).to.include({ page: 2, total: 7, totalPages: 3, hasMore: true });
      expect(page.commentsOpen).to.equal(undefined);
    });

    it('reads "more" from a full page when a proxy dropped the total headers, as the Kabar adapter does', async () => {
      const defaults = await loadCapture('comments-post-default');
      // A server that ignores per_page sends more than asked for: still a full page.
      fetch.answer(byPath({ '/wp-json/wp/v2/comments': () => new Response(JSON.stringify(defaults.response.body.slice(0, 3))) }));
      const page = await listWordPressComments(api, '13', { page: 2, perPage: 2 });
      expect(page.items).to.have.length(3);
      expect(page.hasMore).to.equal(true);
    });

    it('gives a readable time for a comment with an empty date_gmt, and none for a comment without a time', () => {
      const base = { id: 1, post: 15, parent: 0, content: { rendered: '<p>Halo</p>' }, status: 'approved' };
      const zeroGmt = mapWordPressComment({ ...base, date_gmt: '0000-00-00T00:00:00', date: '2026-07-21T11:00:00' });
      expect(zeroGmt.createdAt).to.equal('2026-07-21T11:00:00.000Z');
      expect(mapWordPressComment(base).createdAt).to.equal('');
    });

    it('takes a page past the end as "no more", not as an error', async () => {
      fetch.answer(
        json(
          { code: 'rest_comment_invalid_page_number', message: 'The page number requested is larger than the number of pages available.', data: { status: 400 } },
          { status: 400 },
        ),
      );
      const page = await listWordPressComments(api, '15', { page: 9 });
      expect(page.items).to.deep.equal([]);
      expect(page.hasMore).to.equal(false);
    });

    it('reads a closed post from its comment_status', async () => {
      const posts = await loadCapture('posts-embed-page2');
      const closed = (posts.response.body as Array<{ id: number; comment_status: string }>).find((post) => post.id === 42)!;
      fetch.answer(
        byPath({
          '/wp-json/wp/v2/comments': () => new Response('[]', { headers: { 'X-WP-Total': '0', 'X-WP-TotalPages': '0' } }),
          '/wp-json/wp/v2/posts/42': json({ comment_status: closed.comment_status }),
        }),
      );
      const page = await listWordPressComments(api, '42', {});
      expect(page.commentsOpen).to.equal(false);
      const status = fetch.calls.find((call) => call.url.includes('/posts/42'))!;
      expect(new URL(status.url).searchParams.get('_fields')).to.equal('comment_status');
    });

    it('fails a protected post by its code', async () => {
      const protectedPost = await loadCapture('comments-protected-post');
      fetch.answer(byPath({ '/wp-json/wp/v2/comments': replay(protectedPost), '/wp-json/wp/v2/posts/58': json({ comment_status: 'open' }) }));
      const error = await listWordPressComments(api, '58', {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(BackendError);
      expect(error).to.include({ status: 401, code: 'rest_cannot_read_post' });
    });

    it('refuses a thread that is not a post id without asking', async () => {
      const error = await listWordPressComments(api, '/artikel/x', {}).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(BackendError);
      expect(fetch.calls).to.have.length(0);
    });
  });

  describe('postWordPressComment', () => {
    it('sends WordPress\u2019s fields as JSON with no custom header, and maps "hold" to pending', async () => {
      const created = await loadCapture('comment-create-anonymous');
      fetch.answer(replay(created));
      const comment = await postWordPressComment(
        api,
        {
          thread: '13',
          parentId: null,
          authorName: 'Sekar Ayu',
          authorEmail: 'sekar.ayu@example.org',
          body: 'Apakah posko di balai RW masih buka sampai malam? (dikirim 27/11 22:12:25 UTC)',
          website: '',
          elapsedMs: 9000,
        },
        { idempotencyKey: 'b3c1f7de-6a0e-4f57-9a43-2f7f4d1c9e01' },
      );
      const [call] = fetch.calls;
      expect(call.method).to.equal('POST');
      expect(new URL(call.url).pathname).to.equal('/wp-json/wp/v2/comments');
      expect(sentJson(call)).to.deep.equal({
        post: 13,
        parent: 0,
        author_name: 'Sekar Ayu',
        author_email: 'sekar.ayu@example.org',
        content: 'Apakah posko di balai RW masih buka sampai malam? (dikirim 27/11 22:12:25 UTC)',
      });
      // WordPress's preflight allows only its fixed list; anything else would stop the send.
      const allowed = ['accept', 'content-type'];
      expect([...call.headers.keys()].filter((name) => !allowed.includes(name))).to.deep.equal([]);
      expect(comment).to.deep.include({ id: '46', thread: '13', parentId: null, status: 'pending' });
    });

    it('sends a reply with its parent and maps "approved"', async () => {
      const reply = await loadCapture('comment-reply-returning-commenter');
      fetch.answer(replay(reply));
      const comment = await postWordPressComment(api, {
        thread: '15',
        parentId: '7',
        authorName: 'Bu Sumiati',
        authorEmail: 'sumiati@example.net',
        authorUrl: 'https://sumiati.example/',
        body: 'Alhamdulillah, pengurus RW kami setuju mencoba cara ini bulan depan. (27/11 22:12:25 UTC)',
      });
      expect(sentJson(fetch.calls[0])).to.include({ post: 15, parent: 7, author_url: 'https://sumiati.example/' });
      expect(comment).to.deep.include({ id: '47', parentId: '7', status: 'approved' });
    });

    for (const [name, status, code] of [
      ['comment-duplicate', 409, 'duplicate'],
      ['comment-flood', 400, 'flood'],
      ['comment-closed-post', 403, 'comments_closed'],
      ['comment-invalid-post', 403, 'thread_not_found'],
      ['comment-missing-author', 400, 'invalid'],
    ] as const) {
      it(`fails ${name} with its status and Kabar's own code, and sends once`, async () => {
        fetch.answer(replay(await loadCapture(name)));
        const error = await postWordPressComment(api, {
          thread: '13',
          authorName: 'Sekar Ayu',
          authorEmail: 'sekar.ayu@example.org',
          body: 'Satu pertanyaan lagi: apakah ada dapur umum?',
        }).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(BackendError);
        expect(error).to.include({ status, code });
        expect(fetch.calls).to.have.length(1);
      });
    }
  });

  describe('countWordPressComments', () => {
    it('reads X-WP-Total of a one-item page, one request per post', async () => {
      fetch.answer((call) => {
        const post = new URL(call.url).searchParams.get('post');
        return new Response('[{"id":1}]', { headers: { 'X-WP-Total': post === '15' ? '8' : '7', 'X-WP-TotalPages': '8' } });
      });
      const counts = await countWordPressComments(api, ['15', '13', '15']);
      expect(counts).to.deep.equal({ '15': 8, '13': 7 });
      expect(fetch.calls).to.have.length(2);
      const params = new URL(fetch.calls[0].url).searchParams;
      expect(params.get('per_page')).to.equal('1');
      expect(params.get('_fields')).to.equal('id');
    });

    it('leaves out a post it cannot read, and fails only when none can be read', async () => {
      const protectedPost = await loadCapture('comments-protected-post');
      fetch.answer((call) =>
        new URL(call.url).searchParams.get('post') === '58'
          ? replayResponse(protectedPost)
          : new Response('[]', { headers: { 'X-WP-Total': '0', 'X-WP-TotalPages': '0' } }),
      );
      expect(await countWordPressComments(api, ['58', '36'])).to.deep.equal({ '36': 0 });
      const error = await countWordPressComments(api, ['58']).catch((e: unknown) => e);
      expect(error).to.include({ code: 'rest_cannot_read_post' });
    });
  });
});
