import { expect } from '@open-wc/testing';
import { BackendError } from '../../../src/backends/backend.js';
import { clearCache } from '../../../src/backends/cache.js';
import { JsonFeedBackend } from '../../../src/backends/jsonfeed.js';
import { installFakeFetch, json, type FakeFetch } from './fake-fetch.js';

const FEED = 'https://kabar.example.org/feed.json';

/** A JSON Feed 1.1 of two pages, written for these tests, with the shapes feeds really use. */
const first = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Kabar Kampung',
  home_page_url: 'https://kabar.example.org/',
  feed_url: FEED,
  next_url: 'feed-2.json',
  authors: [{ name: 'Redaksi Kabar Kampung' }],
  items: [
    {
      id: 'https://kabar.example.org/2026/03/posyandu',
      url: '/2026/03/posyandu',
      title: 'Posyandu <Melati> buka lagi',
      content_html: '<p>Setelah renovasi, posyandu &ldquo;Melati&rdquo; kembali melayani <strong>balita</strong>.</p><script>alert(1)</script>',
      image: 'https://kabar.example.org/img/posyandu.jpg',
      date_published: '2026-03-04T09:30:00+07:00',
      authors: [{ name: 'Sari Wulandari', url: 'https://kabar.example.org/sari', avatar: 'http://avatars.example.org/sari.png' }],
      tags: ['Kesehatan', 'Balita'],
    },
    {
      id: '2',
      url: 'https://kabar.example.org/2026/03/sungai',
      summary: 'Warga membersihkan sungai bersama setiap Minggu pagi.',
      content_text: 'Teks panjang yang tidak dipakai ketika ada ringkasan.',
      banner_image: 'https://kabar.example.org/img/sungai.jpg',
      date_published: '2026-03-02T06:00:00Z',
      tags: ['Lingkungan'],
    },
  ],
};

const second = {
  version: 'https://jsonfeed.org/version/1',
  title: 'Kabar Kampung',
  author: { name: 'Redaksi' },
  items: [{ id: '3', url: 'https://kabar.example.org/2026/02/panen', title: 'Panen raya', content_text: 'Padi menguning.', date_published: '2026-02-20T08:00:00+07:00' }],
};

describe('JSON Feed adapter', () => {
  let fake: FakeFetch;
  beforeEach(() => {
    clearCache();
    fake = installFakeFetch();
  });
  afterEach(() => {
    fake.restore();
    clearCache();
  });

  it('maps items: plain-text titles, HTML content to text, images, authors and dates with an offset', async () => {
    fake.answer(json(first));
    const page = await new JsonFeedBackend(FEED).listArticles({ perPage: 10 });
    expect(fake.calls).to.have.length(1);
    expect(fake.calls[0].url).to.equal(FEED);
    const [a, b] = page.items;
    expect(a.title).to.equal('Posyandu <Melati> buka lagi');
    expect(a.excerpt).to.equal('Setelah renovasi, posyandu “Melati” kembali melayani balita.');
    expect(a.url).to.equal('https://kabar.example.org/2026/03/posyandu');
    expect(a.image).to.deep.equal({ src: 'https://kabar.example.org/img/posyandu.jpg', alt: '' });
    expect(Date.parse(a.publishedAt)).to.equal(Date.UTC(2026, 2, 4, 2, 30));
    expect(a.author?.name).to.equal('Sari Wulandari');
    expect(a.tags.map((t) => t.name)).to.deep.equal(['Kesehatan', 'Balita']);
    expect(b.title).to.equal('Warga membersihkan sungai bersama setiap Minggu pagi.');
    expect(b.excerpt).to.equal('Warga membersihkan sungai bersama setiap Minggu pagi.');
    expect(b.image?.src).to.equal('https://kabar.example.org/img/sungai.jpg');
    expect(b.author?.name).to.equal('Redaksi Kabar Kampung');
  });

  it('pages through next_url: Page.next is the cursor of the next page', async () => {
    fake.answer(json(first), json(second));
    const backend = new JsonFeedBackend(FEED);
    const one = await backend.listArticles({ page: 1 });
    expect(one.hasMore).to.equal(true);
    expect(one.next).to.equal('https://kabar.example.org/feed-2.json');
    const two = await backend.listArticles({ page: 2, cursor: one.next });
    expect(fake.calls[1].url).to.equal('https://kabar.example.org/feed-2.json');
    expect(two.items.map((a) => a.title)).to.deep.equal(['Panen raya']);
    expect(two.items[0].author?.name).to.equal('Redaksi');
    expect(two.hasMore).to.equal(false);
    expect(two.next).to.equal(undefined);
  });

  it('filters by tag and search within a page (a feed has no server-side filters)', async () => {
    fake.answer(json(first));
    const byTag = await new JsonFeedBackend(FEED).listArticles({ tag: 'lingkungan' });
    expect(byTag.items.map((a) => a.id)).to.deep.equal(['2']);
    const bySearch = await new JsonFeedBackend(FEED).listArticles({ search: 'POSYANDU' });
    expect(bySearch.items.map((a) => a.id)).to.deep.equal(['https://kabar.example.org/2026/03/posyandu']);
  });

  it('finds one article by id', async () => {
    fake.answer(json(first), json(second));
    const article = await new JsonFeedBackend(FEED).getArticle('3');
    expect(article.title).to.equal('Panen raya');
  });

  it('fails with parse on something that is not a feed', async () => {
    fake.answer(json({ hello: 'world' }));
    const error = await new JsonFeedBackend(FEED).listArticles({}).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BackendError);
    expect((error as BackendError).kind).to.equal('parse');
  });

  it('cannot post comments or stories', async () => {
    const error = await new JsonFeedBackend(FEED).countComments(['1']).catch((e: unknown) => e);
    expect((error as BackendError).kind).to.equal('unsupported');
  });
});
