import { expect, waitUntil } from '@open-wc/testing';
import type { KabarCommentBox } from '../../../src/elements/comment-box/comment-box.js';
import { installFakeFetch, json, type Answer, type FakeFetch } from '../backends/fake-fetch.js';
import { loadCapture, replayResponse, type Capture } from '../backends/wordpress-captures.js';
import { $, $$, article, fillComment, idsIn, loaded, mountBox, submit, text } from './helpers.js';

/** Each test its own site, so the per-site drafts and pending comments of one test never meet another's. */
let sites = 0;
const newSite = () => `http://127.0.0.1:${8900 + sites++}`;

interface Routes {
  /** The comment list, by post id. */
  lists?: Record<string, Answer>;
  /** `comment_status` by post id. */
  status?: Record<string, string>;
  /** The answer to a new comment. */
  post?: Answer;
}

/** Answers like the recorded site: the list and the post's status by path, the new comment by method. */
function site(fetch: FakeFetch, routes: Routes): void {
  fetch.answer((call, index) => {
    const url = new URL(call.url);
    if (call.method === 'POST' && url.pathname === '/wp-json/wp/v2/comments' && routes.post) return routes.post(call, index);
    if (url.pathname === '/wp-json/wp/v2/comments') {
      const answer = routes.lists?.[url.searchParams.get('post') ?? ''];
      if (answer) return answer(call, index);
    }
    const post = /^\/wp-json\/wp\/v2\/posts\/(\d+)$/.exec(url.pathname)?.[1];
    if (post && routes.status?.[post]) return json({ comment_status: routes.status[post] })(call, index);
    return new Response(JSON.stringify({ code: 'rest_no_route', data: { status: 404 } }), { status: 404 });
  });
}

const replay =
  (capture: Capture, body?: unknown): Answer =>
  () =>
    replayResponse(capture, body);

const empty: Answer = () => new Response('[]', { headers: { 'X-WP-Total': '0', 'X-WP-TotalPages': '0' } });

describe('<kabar-comment-box source="wordpress"> with recorded answers', () => {
  let fetch: FakeFetch;
  let threaded: Capture;

  before(async () => {
    threaded = await loadCapture('comments-post-threaded');
  });

  beforeEach(() => {
    fetch = installFakeFetch();
  });

  afterEach(() => {
    fetch.restore();
    localStorage.removeItem('kabar:identity');
  });

  async function mountPost(post: string, routes: Routes, options: { maxDepth?: number; lang?: string } = {}): Promise<KabarCommentBox> {
    site(fetch, routes);
    const el = await mountBox({ url: newSite(), source: 'wordpress', thread: post, ...options });
    await loaded(el);
    return el;
  }

  it('renders the threaded post with its nesting up to max-depth', async () => {
    const el = await mountPost('15', { lists: { '15': replay(threaded) }, status: { '15': 'open' } }, { maxDepth: 3 });
    expect(idsIn($(el, 'ol[part="thread"]'))).to.deep.equal(['7', '11', '12', '14']);
    expect(idsIn(article(el, '7')!.parentElement!.querySelector(':scope > ol.replies'))).to.deep.equal(['8']);
    // 10 answers 9, one level too deep: it stays beside 9 and says whom it answers.
    expect(idsIn(article(el, '8')!.parentElement!.querySelector(':scope > ol.replies'))).to.deep.equal(['9', '10']);
    expect(text(article(el, '10')!.querySelector('[part="answering"]'))).to.equal('membalas Bu Sumiati');
    expect(idsIn(article(el, '12')!.parentElement!.querySelector(':scope > ol.replies'))).to.deep.equal(['13']);
    // Entities in WordPress's HTML are decoded, never shown raw.
    expect(text(article(el, '8')!.querySelector('[part="comment-body"]'))).to.contain('\u201cBerseri\u201d');
    await expect(el).to.be.accessible();
  });

  it('nests all four levels when max-depth allows', async () => {
    const el = await mountPost('15', { lists: { '15': replay(threaded) }, status: { '15': 'open' } }, { maxDepth: 4 });
    expect(idsIn(article(el, '9')!.parentElement!.querySelector(':scope > ol.replies'))).to.deep.equal(['10']);
    expect($$(el, '[part="answering"]')).to.have.length(0);
  });

  it('never loads the gravatar pictures and asks nothing of any other host', async () => {
    const site = newSite();
    fetch.answer((call) => (call.url.includes('/posts/') ? json({ comment_status: 'open' })(call, 0) : replayResponse(threaded)));
    const el = await mountBox({ url: site, source: 'wordpress', thread: '15' });
    await loaded(el);
    expect($$(el, 'img')).to.have.length(0);
    expect(text(article(el, '7')!.querySelector('[part="avatar"]'))).to.equal('BS');
    expect(fetch.calls.every((call) => call.url.startsWith(`${site}/`))).to.equal(true);
  });

  it('renders comment 11 (whose <script>, <img onerror> and onclick WordPress stripped) without running anything', async () => {
    const el = await mountPost('15', { lists: { '15': replay(threaded) }, status: { '15': 'open' } });
    const body = article(el, '11')!.querySelector('[part="comment-body"]')!;
    expect(body.querySelector('strong')?.textContent).to.equal('Minyak jelantah');
    expect(body.querySelector('blockquote')).to.not.equal(null);
    expect(body.querySelector('a')!.getAttribute('href')).to.equal('https://example.net/jelantah');
    // What kses left of the script is text, shown as text.
    expect(text(body)).to.contain('alert(\u201chalo\u201d)');
    expect(body.querySelectorAll('script, img, iframe, [onclick], [onerror]')).to.have.length(0);
  });

  it('runs nothing even if a comment still carried a script, an onerror or a javascript: link', async () => {
    const win = window as unknown as { kabarPwned?: boolean };
    delete win.kabarPwned;
    const hostile = structuredClone(threaded.response.body) as Array<{ content: { rendered: string } }>;
    hostile[4].content.rendered +=
      '<script>window.kabarPwned = true</script><img src="data:image/gif;base64,AAAA" onerror="window.kabarPwned = true">' +
      '<a href="javascript:window.kabarPwned = true" onclick="window.kabarPwned = true">klik</a>' +
      '<svg><animate onbegin="window.kabarPwned = true" attributeName="x" dur="1s"></animate></svg>';
    const el = await mountPost('15', { lists: { '15': replay(threaded, hostile) }, status: { '15': 'open' } });
    const body = article(el, '11')!.querySelector('[part="comment-body"]')!;
    const klik = [...body.querySelectorAll('a')].find((a) => a.textContent === 'klik');
    // Clicked for real only if the link lost its script URL; a page that navigates away fails the run anyway.
    if (klik && !klik.hasAttribute('href')) klik.click();
    // Give a broken image its error event and an animation its start.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(win.kabarPwned).to.equal(undefined);
    expect(body.querySelectorAll('script, [onerror], [onclick], [onbegin], a[href^="javascript"]')).to.have.length(0);
  });

  it('shows no form on a closed post (42), only "Komentar ditutup."', async () => {
    const posts = await loadCapture('posts-embed-page2');
    const post42 = (posts.response.body as Array<{ id: number; comment_status: string }>).find((post) => post.id === 42)!;
    expect(post42.comment_status).to.equal('closed');
    const el = await mountPost('42', { lists: { '42': empty }, status: { '42': post42.comment_status } });
    expect($(el, 'form')).to.equal(null);
    expect(text($(el, '[part="closed"]'))).to.equal('Komentar ditutup.');
    expect($(el, '[part="empty"]')).to.equal(null);
    expect($$(el, '[part="reply-button"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('still shows the comments of a post closed later, without reply buttons', async () => {
    const el = await mountPost('15', { lists: { '15': replay(threaded) }, status: { '15': 'closed' } });
    expect(article(el, '7')).to.not.equal(null);
    expect($$(el, '[part="reply-button"]')).to.have.length(0);
    expect($(el, 'form')).to.equal(null);
    expect(text($(el, '[part="closed"]'))).to.equal('Komentar ditutup.');
  });

  it('shows a held comment as pending, also after a reload, and sends WordPress its fields', async () => {
    const created = await loadCapture('comment-create-anonymous');
    const defaults = await loadCapture('comments-post-default');
    // The same approved comments, oldest first, as the box asks for them.
    const oldestFirst = [...(defaults.response.body as unknown[])].reverse();
    const url = newSite();
    site(fetch, { lists: { '13': replay(defaults, oldestFirst) }, status: { '13': 'open' }, post: replay(created) });
    const el = await mountBox({ url, source: 'wordpress', thread: '13' });
    await loaded(el);
    await fillComment(el, 'Apakah posko di balai RW masih buka sampai malam? (dikirim 27/11 22:12:25 UTC)');
    await submit(el);
    await waitUntil(() => article(el, '46'), 'the held comment did not show');
    expect(text(article(el, '46')!.querySelector('[part="pending-note"]'))).to.equal('Komentar Anda menunggu moderasi.');
    const sent = fetch.calls.find((call) => call.method === 'POST')!;
    expect(sent.headers.has('Idempotency-Key')).to.equal(false);
    el.remove();

    const again = await mountBox({ url, source: 'wordpress', thread: '13' });
    await loaded(again);
    expect(text(article(again, '46')!.querySelector('[part="pending-note"]'))).to.equal('Komentar Anda menunggu moderasi.');
    await expect(again).to.be.accessible();
  });

  describe('refused comments, each with its own message', () => {
    const send = async (post: Answer, lang = 'id') => {
      const el = await mountPost('13', { lists: { '13': empty }, status: { '13': 'open' }, post }, { lang });
      await fillComment(el, 'Satu pertanyaan lagi: apakah ada dapur umum?');
      await submit(el);
      await waitUntil(() => $(el, '[part="form-error"], [part="closed"]'), 'no message');
      await el.updateComplete;
      return el;
    };

    it('anonymous comments not enabled (401): tells the reader, and the site owner in the console', async () => {
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
      try {
        // Not among the captures (that site had enabled anonymous comments): WordPress's answer when it is off.
        const el = await send(
          json(
            { code: 'rest_comment_login_required', message: 'Sorry, you must be logged in to comment.', data: { status: 401 } },
            { status: 401 },
          ),
        );
        expect(text($(el, '[part="form-error"]'))).to.equal('Komentar tidak dibuka untuk umum di situs ini.');
        await expect(el).to.be.accessible();
      } finally {
        console.warn = warn;
      }
      expect(warnings.some((w) => w.includes('rest_allow_anonymous_comments'))).to.equal(true);
    });

    it('duplicate (409)', async () => {
      const el = await send(replay(await loadCapture('comment-duplicate')));
      expect(text($(el, '[part="form-error"]'))).to.equal('Komentar yang sama sudah pernah Anda kirim.');
    });

    it('too fast (400 comment_flood): try again shortly, the text kept', async () => {
      const el = await send(replay(await loadCapture('comment-flood')));
      expect(text($(el, '[part="form-error"]'))).to.equal(
        'Anda berkomentar terlalu cepat. Tunggu sebentar, lalu kirim lagi; tulisan Anda tetap di sini.',
      );
      expect(($(el, '#field-body') as HTMLTextAreaElement).value).to.equal('Satu pertanyaan lagi: apakah ada dapur umum?');
    });

    it('comments closed (403 rest_comment_closed): the form goes, "Komentar ditutup." stays', async () => {
      const el = await send(replay(await loadCapture('comment-closed-post')));
      expect($(el, 'form')).to.equal(null);
      expect(text($(el, '[part="closed"]'))).to.equal('Komentar ditutup.');
    });

    it('unknown post (403 rest_comment_invalid_post_id)', async () => {
      const el = await send(replay(await loadCapture('comment-invalid-post')));
      expect(text($(el, '[part="form-error"]'))).to.equal('Tulisan untuk komentar ini tidak ditemukan.');
    });

    it('name and e-mail refused (400 rest_comment_author_data_required): marked on their fields', async () => {
      const el = await send(replay(await loadCapture('comment-missing-author')));
      expect($(el, '#field-name')!.getAttribute('aria-invalid')).to.equal('true');
      expect($(el, '#field-email')!.getAttribute('aria-invalid')).to.equal('true');
      expect(text($(el, '[part="form-error"]'))).to.equal('Ada isian yang perlu diperbaiki.');
    });

    it('in English too', async () => {
      const el = await send(replay(await loadCapture('comment-flood')), 'en');
      expect(text($(el, '[part="form-error"]'))).to.equal(
        'You are commenting too quickly. Wait a moment, then send again; your text stays here.',
      );
    });
  });
});
