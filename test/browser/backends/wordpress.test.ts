import { expect } from '@open-wc/testing';
import { BackendError } from '../../../src/backends/backend.js';
import { clearCache } from '../../../src/backends/cache.js';
import { setRetryTiming, type RetryTiming } from '../../../src/backends/http.js';
import type { Article } from '../../../src/backends/types.js';
import { WordPressBackend, wordPressAuthor, wordPressImage } from '../../../src/backends/wordpress.js';
import { installFakeFetch, type Answer, type FakeFetch } from './fake-fetch.js';
import { loadCapture, replayResponse, type Capture } from './wordpress-captures.js';

const [page1, page2, invalidPage, restRouteFallback, postSingle, postProtected, post404, categories, searchNoResults] = await Promise.all(
  [
    'posts-embed-page1',
    'posts-embed-page2',
    'posts-invalid-page',
    'rest-route-fallback',
    'post-single',
    'post-protected',
    'post-404',
    'categories',
    'posts-search-no-results',
  ].map(loadCapture),
);

/** A recorded exchange as the real `Response` the browser would have handed over. */
function replay(capture: Capture, body?: unknown): Answer {
  return () => replayResponse(capture, body === undefined ? capture.response.body : body);
}

/** What a site without pretty permalinks answers on /wp-json/: its theme's HTML 404 page. */
const html404: Answer = () =>
  new Response('<!doctype html><html><head><title>Halaman tidak ditemukan</title></head><body><h1>404</h1></body></html>', {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=UTF-8' },
  });

const SITE = 'http://127.0.0.1:8881';

describe('WordPress adapter, with recorded responses', () => {
  let fake: FakeFetch;
  let timing: RetryTiming;
  beforeEach(() => {
    clearCache();
    fake = installFakeFetch();
    timing = setRetryTiming({ sleep: () => Promise.resolve() });
  });
  afterEach(() => {
    fake.restore();
    setRetryTiming(timing);
    clearCache();
  });

  async function firstPage(): Promise<Article[]> {
    fake.answer(replay(page1));
    const result = await new WordPressBackend(SITE).listArticles({ page: 1, perPage: 10 });
    return result.items;
  }
  const byId = (items: Article[], id: string) => items.find((article) => article.id === id) as Article;

  it('asks for one page of posts with their embeds in one request, and reads the totals from the headers', async () => {
    fake.answer(replay(page1));
    const result = await new WordPressBackend(`${SITE}/`).listArticles({ page: 1, perPage: 10 });
    expect(fake.calls).to.have.length(1);
    const url = new URL(fake.calls[0].url);
    expect(url.pathname).to.equal('/wp-json/wp/v2/posts');
    expect(url.searchParams.get('per_page')).to.equal('10');
    expect(url.searchParams.get('page')).to.equal('1');
    expect(url.searchParams.get('_embed')).to.equal('author,wp:featuredmedia,wp:term');
    expect(result.items).to.have.length(10);
    expect(result.total).to.equal(31);
    expect(result.totalPages).to.equal(4);
    expect(result.hasMore).to.equal(true);
  });

  it('makes exactly one request per page of cards', async () => {
    fake.answer(replay(page1), replay(page2));
    const backend = new WordPressBackend(`${SITE}/wp-json`);
    await backend.listArticles({ page: 1, perPage: 10 });
    const second = await backend.listArticles({ page: 2, perPage: 10 });
    expect(fake.calls).to.have.length(2);
    expect(new URL(fake.calls[1].url).searchParams.get('page')).to.equal('2');
    expect(second.items[0].title).to.equal('Belajar Coding di Balai Desa? Kenapa Tidak!');
  });

  it('decodes titles to text: real quotation marks and ampersands, emoji kept', async () => {
    fake.answer(replay(postSingle));
    const article = await new WordPressBackend(SITE).getArticle('15');
    expect(article.title).to.equal('Bank Sampah “Berseri” & Koperasi Warga: Dari Limbah Jadi Rupiah');
    expect(article.title).not.to.contain('&#');
    const items = await firstPage();
    expect(byId(items, '60').title).to.equal('Jalan Sehat 5K Warga: Ribuan Peserta, Nol Sampah Plastik 💪♻️');
  });

  it('cleans excerpts: text without [&hellip;] and entities', async () => {
    const items = await firstPage();
    const excerpt = byId(items, '64').excerpt;
    expect(excerpt).to.match(/^Bu Marni, apa kabar\?/);
    expect(excerpt).to.contain('“Perut kenyang, kepala');
    expect(excerpt).to.match(/…$/);
    for (const article of items) {
      expect(article.excerpt).not.to.match(/\[(…|&hellip;)\]|&#\d+;|<p>/);
    }
    // The custom excerpt of the classic-editor post, with its em dash entity.
    fake.answer(replay(postSingle));
    const single = await new WordPressBackend(SITE).getArticle('15');
    expect(single.excerpt).to.equal('Botol, kardus, dan minyak jelantah kini bisa ditabung — dan dicairkan menjelang Lebaran.');
  });

  it("drops the theme's read-more link from an excerpt", async () => {
    const posts = structuredClone(page1.response.body) as Array<{ link: string; excerpt: { rendered: string } }>;
    posts[0].excerpt.rendered = `<p>Bu Marni, apa kabar? [&hellip;]</p>\n<p><a href="${posts[0].link}" class="more-link">Baca selengkapnya<span class="screen-reader-text"> Catatan Hari Guru</span></a></p>`;
    posts[1].excerpt.rendered = `<p>Warta Warga buka rubrik baru&hellip; <a href="http://127.0.0.1:8881/?p=62">Continue reading</a></p>`;
    // Known only by its class: other words, and the short link instead of the permalink.
    posts[2].excerpt.rendered = `<p>Pasar kaget Minggu pagi [&hellip;]</p> <a class="btn more-link" href="http://127.0.0.1:8881/?p=60&amp;x=1">Simak kisahnya</a>`;
    // Known only by pointing at the post itself.
    posts[3].excerpt.rendered = `<p>Sekolah darurat di balai desa&hellip; <a href='${posts[3].link}' title="a > b">Simak kisahnya</a></p>`;
    fake.answer(replay(page1, posts));
    const { items } = await new WordPressBackend(SITE).listArticles({ perPage: 10 });
    expect(items[0].excerpt).to.equal('Bu Marni, apa kabar?…');
    expect(items[1].excerpt).to.equal('Warta Warga buka rubrik baru…');
    expect(items[2].excerpt).to.equal('Pasar kaget Minggu pagi…');
    expect(items[3].excerpt).to.equal('Sekolah darurat di balai desa…');
  });

  it('reads the publish time from date_gmt as UTC, whatever the reader’s time zone', async () => {
    const items = await firstPage();
    const article = byId(items, '64');
    // date is 07:00 in Jakarta; date_gmt 00:00 with no offset written.
    expect(Date.parse(article.publishedAt)).to.equal(Date.UTC(2026, 10, 25, 0, 0, 0));
    expect(article.publishedAt).to.match(/(Z|[+-]\d\d:\d\d)$/);
  });

  it('builds srcset from media_details.sizes, keeps the size, leaves out the square thumbnail', async () => {
    const items = await firstPage();
    const image = byId(items, '64').image!;
    expect(image.src).to.equal(`${SITE}/wp-content/uploads/2026/11/hari-guru.jpg`);
    expect(image.width).to.equal(640);
    expect(image.height).to.equal(360);
    expect(image.srcset).to.equal(`${SITE}/wp-content/uploads/2026/11/hari-guru-300x169.jpg 300w, ${SITE}/wp-content/uploads/2026/11/hari-guru.jpg 640w`);
    expect(image.srcset).not.to.contain('150x150');
    expect(image.alt).to.equal('Ruang kelas sekolah dasar dengan papan tulis hitam dan bangku kayu');
    // Post 60's picture has an empty alt in the media library: it stays empty, the title link names the card.
    expect(byId(items, '60').image?.alt).to.equal('');
  });

  it('gives no image when featured_media is 0', async () => {
    const items = await firstPage();
    expect(byId(items, '58').image).to.equal(undefined);
    fake.answer(replay(page2));
    const { items: second } = await new WordPressBackend(SITE).listArticles({ page: 2, perPage: 10 });
    expect(byId(second, '36').image).to.equal(undefined);
  });

  it('maps authors, categories and tags from the embeds, and marks the sticky post', async () => {
    const items = await firstPage();
    const article = byId(items, '64');
    expect(article.author?.name).to.equal('Rina Marlina');
    expect(article.categories).to.deep.equal([{ id: '5', slug: 'pendidikan', name: 'Pendidikan' }]);
    expect(article.tags.map((term) => term.slug)).to.deep.equal(['guru', 'opini']);
    expect(byId(items, '62').sticky).to.equal(true);
    expect(article.sticky).to.equal(false);
    // The REST API leaves sticky posts where their date puts them: so does the adapter.
    expect(items.map((a) => a.id).slice(0, 2)).to.deep.equal(['64', '62']);
  });

  it('ends the list quietly on a page past the end (400 rest_post_invalid_page_number)', async () => {
    fake.answer(replay(invalidPage));
    const result = await new WordPressBackend(SITE).listArticles({ page: 99, perPage: 10 });
    expect(result.items).to.deep.equal([]);
    expect(result.hasMore).to.equal(false);
  });

  it('reads an empty search as an empty page, and sends the words as search=', async () => {
    fake.answer(replay(searchNoResults));
    const result = await new WordPressBackend(SITE).listArticles({ search: 'zyxwvutsrq' });
    expect(new URL(fake.calls[0].url).searchParams.get('search')).to.equal('zyxwvutsrq');
    expect(result.items).to.deep.equal([]);
    expect(result.total).to.equal(0);
    expect(result.hasMore).to.equal(false);
  });

  it('falls back to ?rest_route= when /wp-json/ is the site’s HTML 404 page, and stays there', async () => {
    fake.answer(html404, replay(restRouteFallback), replay(restRouteFallback));
    const backend = new WordPressBackend(SITE);
    const result = await backend.listArticles({ page: 1, perPage: 2 });
    expect(fake.calls).to.have.length(2);
    const fallback = new URL(fake.calls[1].url);
    expect(fallback.pathname).to.equal('/');
    expect(fallback.searchParams.get('rest_route')).to.equal('/wp/v2/posts');
    expect(result.items.map((a) => a.title)).to.deep.equal([
      'Catatan Hari Guru: Surat untuk Bu Marni, Guru SD Pertamaku',
      'Pengumuman: Warta Warga Buka Rubrik Kiriman Cerita dari Pembaca 📢',
    ]);
    await backend.listArticles({ page: 2, perPage: 2 });
    expect(fake.calls).to.have.length(3);
    expect(new URL(fake.calls[2].url).searchParams.get('rest_route')).to.equal('/wp/v2/posts');
    expect(new URL(fake.calls[2].url).searchParams.get('page')).to.equal('2');
  });

  it('does not fall back on a real REST error', async () => {
    fake.answer(replay(post404));
    const error = await new WordPressBackend(SITE).getArticle('999999').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BackendError);
    expect((error as BackendError).status).to.equal(404);
    expect((error as BackendError).code).to.equal('rest_post_invalid_id');
    expect(fake.calls).to.have.length(1);
  });

  it('tolerates embeds that are error objects or missing', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a recorded post, edited freely
    const posts = structuredClone(page1.response.body) as Array<Record<string, any>>;
    posts[0]._embedded['wp:featuredmedia'] = [{ code: 'rest_forbidden', message: 'Sorry', data: { status: 403 } }];
    posts[0]._embedded.author = [{ code: 'rest_user_invalid_id', message: 'Invalid', data: { status: 404 } }];
    posts[0]._embedded['wp:term'] = [[{ code: 'rest_forbidden', data: { status: 403 } }], []];
    delete posts[1]._embedded;
    fake.answer(replay(page1, posts));
    const { items } = await new WordPressBackend(SITE).listArticles({ perPage: 10 });
    expect(items[0].image).to.equal(undefined);
    expect(items[0].author).to.equal(undefined);
    expect(items[0].categories).to.deep.equal([]);
    expect(items[1].title).to.contain('Pengumuman');
    expect(items[1].image).to.equal(undefined);
    // The protected post's `replies` embed is an error object in the recording itself.
    fake.answer(replay(postProtected));
    const protectedPost = await new WordPressBackend(SITE).getArticle('58');
    expect(protectedPost.excerpt).to.equal('');
    expect(protectedPost.html).to.equal(undefined);
  });

  it('never passes on a plain-http avatar for an https page', async () => {
    const user = (page1.response.body[0] as { _embedded: { author: Array<{ name: string; link: string; avatar_urls: Record<string, string> }> } })
      ._embedded.author[0];
    expect(user.avatar_urls['96']).to.match(/^http:\/\//);
    expect(wordPressAuthor(user, 'https:')).to.deep.equal({ name: 'Rina Marlina', url: `${SITE}/author/rina-marlina/` });
    expect(wordPressAuthor(user, 'http:')?.avatar).to.equal(user.avatar_urls['96']);
  });

  it('keeps only the image sizes an https page can load', () => {
    const media = {
      alt_text: 'Pasar',
      source_url: 'http://cdn.example.org/pasar.jpg',
      media_details: {
        width: 1200,
        height: 800,
        sizes: { medium: { source_url: 'https://cdn.example.org/pasar-768.jpg', width: 768, height: 512 } },
      },
    };
    expect(wordPressImage(media, 'https:')).to.deep.equal({ src: 'https://cdn.example.org/pasar-768.jpg', width: 768, height: 512, alt: 'Pasar' });
    expect(wordPressImage(media, 'http:')?.srcset).to.equal('https://cdn.example.org/pasar-768.jpg 768w, http://cdn.example.org/pasar.jpg 1200w');
    expect(wordPressImage({ source_url: 'javascript:alert(1)' }, 'http:')).to.equal(undefined);
  });

  it('filters by a category id as it is, and by a slug looked up once', async () => {
    const perempuan = (categories.response.body as Array<{ slug: string }>).filter((c) => c.slug === 'perempuan');
    fake.answer(replay(categories, perempuan), replay(page1));
    const backend = new WordPressBackend(SITE);
    await backend.listArticles({ category: 'perempuan' });
    expect(new URL(fake.calls[0].url).pathname).to.equal('/wp-json/wp/v2/categories');
    expect(new URL(fake.calls[0].url).searchParams.get('slug')).to.equal('perempuan');
    expect(new URL(fake.calls[1].url).searchParams.get('categories')).to.equal('3');
    await backend.listArticles({ category: 'perempuan', page: 2 });
    expect(fake.calls).to.have.length(3);
    expect(new URL(fake.calls[2].url).searchParams.get('categories')).to.equal('3');
    await backend.listArticles({ category: '4', tag: '38' });
    expect(fake.calls).to.have.length(4);
    expect(new URL(fake.calls[3].url).searchParams.get('categories')).to.equal('4');
    expect(new URL(fake.calls[3].url).searchParams.get('tags')).to.equal('38');
  });

  it('answers an unknown category slug with an empty page', async () => {
    fake.answer(replay(categories, []));
    const result = await new WordPressBackend(SITE).listArticles({ category: 'tidak-ada' });
    expect(result.items).to.deep.equal([]);
    expect(result.hasMore).to.equal(false);
    expect(fake.calls).to.have.length(1);
  });

  it('lists categories, and then filters by their slugs without another lookup', async () => {
    fake.answer(replay(categories), replay(page1));
    const backend = new WordPressBackend(SITE);
    const terms = await backend.listCategories();
    expect(terms.find((t) => t.slug === 'kesehatan')).to.deep.equal({ id: '6', slug: 'kesehatan', name: 'Kesehatan' });
    await backend.listArticles({ category: 'kesehatan' });
    expect(fake.calls).to.have.length(2);
    expect(new URL(fake.calls[1].url).searchParams.get('categories')).to.equal('6');
  });

  it('reports an unreachable site as a network failure', async () => {
    fake.answer(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await new WordPressBackend(SITE).listArticles({}).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BackendError);
    expect((error as BackendError).kind).to.equal('network');
  });
});
