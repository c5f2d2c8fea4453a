import { expect, html, waitUntil } from '@open-wc/testing';
import type { KabarCommentBox } from '../../../src/elements/comment-box/comment-box.js';
import type { KabarCommentCount } from '../../../src/elements/comment-count/comment-count.js';
import { installFakeFetch, json, type FakeFetch } from '../backends/fake-fetch.js';
import { mount } from '../support/mount.js';
import { $, loaded, submit, text, typeInto } from './helpers.js';

/**
 * `source="wordpress"` on a WordPress page: no backend or thread in the markup (a theme's
 * template needs no PHP), and a signed-in reader's box as the Kabar plugin prints it.
 */
describe('<kabar-comment-box source="wordpress"> on a WordPress page', () => {
  let fetch: FakeFetch;
  let link: HTMLLinkElement;
  let posts = 700;

  beforeEach(() => {
    fetch = installFakeFetch();
  });
  afterEach(() => {
    fetch.restore();
    link?.remove();
  });

  /** The page names post `id` of a site at this page's origin, under a path of its own. */
  function pageOfPost(id: number): string {
    const site = `${location.origin}/situs-${id}`;
    link = Object.assign(document.createElement('link'), { rel: 'alternate', type: 'application/json', href: `${site}/wp-json/wp/v2/posts/${id}` });
    document.head.append(link);
    fetch.answer((call) => {
      const url = new URL(call.url);
      if (url.pathname.endsWith(`/posts/${id}`)) return json({ comment_status: 'open' })(call, 0);
      if (call.method === 'POST') return json({ id: 9001, post: id, parent: 0, author_name: 'Agus Setiawan', status: 'approved', content: { rendered: '<p>Dari redaksi.</p>' }, date_gmt: '2026-12-08T03:00:00' }, { status: 201 })(call, 0);
      return new Response('[]', { headers: { 'Content-Type': 'application/json', 'X-WP-Total': '0', 'X-WP-TotalPages': '0' } });
    });
    return site;
  }

  it('reads the site and the post from the page\u2019s alternate JSON link', async () => {
    const post = ++posts;
    const site = pageOfPost(post);
    const el = await mount<KabarCommentBox>(html`<kabar-comment-box lang="id" source="wordpress" loading="eager"></kabar-comment-box>`);
    await loaded(el);
    const list = fetch.calls.find((call) => new URL(call.url).pathname.endsWith('/wp/v2/comments'))!;
    expect(list.url.startsWith(`${site}/wp-json/wp/v2/comments?`)).to.equal(true);
    expect(new URL(list.url).searchParams.get('post')).to.equal(String(post));
    expect($(el, '#field-name')).to.not.equal(null, 'a visitor is asked for a name');
  });

  it('says how to name the post when the page names none', async () => {
    const el = await mount<KabarCommentBox>(html`<kabar-comment-box lang="id" source="wordpress" backend="https://warta.example"></kabar-comment-box>`);
    await el.updateComplete;
    expect(text($(el, '[part="error"]'))).to.match(/isi atribut thread dengan ID tulisannya/);
  });

  it('a signed-in reader (wp-nonce, wp-user) is asked for no name or e-mail; the comment goes with the nonce and no identity', async () => {
    const post = ++posts;
    pageOfPost(post);
    const el = await mount<KabarCommentBox>(
      html`<kabar-comment-box lang="id" source="wordpress" loading="eager" wp-nonce="n0nce" wp-user="Agus Setiawan"></kabar-comment-box>`,
    );
    await loaded(el);
    expect($(el, '#field-name')).to.equal(null);
    expect($(el, '#field-email')).to.equal(null);
    expect(text($(el, '#form-note'))).to.equal('Masuk sebagai Agus Setiawan.');
    await typeInto(el, 'field-body', 'Dari redaksi.');
    await submit(el);
    await waitUntil(() => fetch.calls.some((call) => call.method === 'POST'), 'the comment was not sent');
    const sent = fetch.calls.find((call) => call.method === 'POST')!;
    expect(sent.headers.get('X-WP-Nonce')).to.equal('n0nce');
    const body = JSON.parse(sent.body as string) as Record<string, unknown>;
    expect(body).to.include({ post, content: 'Dari redaksi.' });
    expect(body).to.not.have.any.keys('author_name', 'author_email');
    await waitUntil(() => $(el, '#comment-9001'), 'the published comment is not shown');
    await expect(el).to.be.accessible();
  });

  it('the comment count reads its post from the page too', async () => {
    const post = ++posts;
    pageOfPost(post);
    await mount<KabarCommentCount>(html`<kabar-comment-count lang="id" source="wordpress"></kabar-comment-count>`);
    await waitUntil(() => fetch.calls.length > 0, 'the count was not asked for');
    expect(new URL(fetch.calls[0].url).searchParams.get('post')).to.equal(String(post));
  });
});
