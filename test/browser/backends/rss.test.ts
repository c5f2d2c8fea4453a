import { expect } from '@open-wc/testing';
import { BackendError } from '../../../src/backends/backend.js';
import { clearCache } from '../../../src/backends/cache.js';
import { resolveBackend } from '../../../src/backends/resolve.js';
import { RssBackend } from '../../../src/backends/rss.js';
import { failureOf, installFakeFetch, offline, raw, type FakeFetch } from './fake-fetch.js';

const RSS_URL = 'https://warta.example.org/feed/';
const ATOM_URL = 'https://pesisir.example.org/atom.xml';

/** An RSS 2.0 feed the way WordPress and Blogger write them: HTML in descriptions, media and enclosures. */
const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Warta Desa</title><link>https://warta.example.org/</link>
<item><title>Panen raya &amp;#8220;Sukamaju&amp;#8221;</title><link>/2026/12/panen</link><guid isPermaLink="false">w-1</guid>
  <pubDate>Mon, 07 Dec 2026 10:00:00 +0700</pubDate><dc:creator>Sari</dc:creator><category>Pertanian</category>
  <description><![CDATA[<p>Warga <b onclick="alert(1)">berkumpul</b>.</p><script>alert(2)</script>]]></description>
  <media:content url="https://warta.example.org/img/panen.jpg" medium="image" width="800" height="450"/></item>
<item><title>Posyandu baru</title><link>https://warta.example.org/posyandu</link><guid>w-2</guid><pubDate>bukan tanggal</pubDate>
  <enclosure url="/img/posyandu.png" type="image/png" length="10"/></item>
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Suara Pesisir</title><link rel="alternate" href="https://pesisir.example.org/"/><id>tag:p</id><updated>2026-12-07T00:00:00Z</updated>
<entry><id>tag:p,1</id><title type="html">Nelayan &lt;em&gt;menanam&lt;/em&gt; bakau</title><link rel="alternate" href="/bakau"/>
  <link rel="enclosure" type="image/jpeg" href="/img/bakau.jpg"/><published>2026-12-06T08:00:00+07:00</published><updated>2026-12-06T09:00:00+07:00</updated>
  <summary>Bakau untuk pesisir.</summary><author><name>Budi</name></author><category term="Lingkungan"/></entry>
</feed>`;

describe('RSS and Atom adapter', () => {
  let fake: FakeFetch;
  beforeEach(() => {
    clearCache();
    fake = installFakeFetch();
  });
  afterEach(() => {
    fake.restore();
    clearCache();
  });

  it('maps RSS items: text titles, HTML descriptions to text, media:content and enclosure images, relative links', async () => {
    fake.answer(raw(rss, { headers: { 'Content-Type': 'application/rss+xml' } }));
    const page = await new RssBackend(RSS_URL).listArticles({ perPage: 10 });
    expect(page.hasMore).to.equal(false);
    const [panen, posyandu] = page.items;
    expect(panen.title).to.equal('Panen raya “Sukamaju”');
    expect(panen.excerpt).to.equal('Warga berkumpul.');
    expect(panen.url).to.equal('https://warta.example.org/2026/12/panen');
    expect(panen.id).to.equal('w-1');
    expect(panen.publishedAt).to.equal('2026-12-07T03:00:00.000Z');
    expect(panen.author).to.deep.equal({ name: 'Sari' });
    expect(panen.image).to.deep.equal({ src: 'https://warta.example.org/img/panen.jpg', alt: '' });
    expect(panen.tags.map((t) => t.name)).to.deep.equal(['Pertanian']);
    expect(posyandu.image?.src).to.equal('https://warta.example.org/img/posyandu.png');
    expect(posyandu.publishedAt).to.equal('');
  });

  it('maps Atom entries: html titles to text, alternate links, enclosure links, authors', async () => {
    fake.answer(raw(atom, { headers: { 'Content-Type': 'application/atom+xml' } }));
    const [entry] = (await resolveBackend(ATOM_URL, 'rss').listArticles({})).items;
    expect(entry.title).to.equal('Nelayan menanam bakau');
    expect(entry.url).to.equal('https://pesisir.example.org/bakau');
    expect(entry.image?.src).to.equal('https://pesisir.example.org/img/bakau.jpg');
    expect(entry.excerpt).to.equal('Bakau untuk pesisir.');
    expect(entry.author?.name).to.equal('Budi');
    expect(entry.publishedAt).to.equal('2026-12-06T01:00:00.000Z');
    expect(entry.updatedAt).to.equal('2026-12-06T02:00:00.000Z');
  });

  it('filters by tag and search; a page after the first is empty', async () => {
    fake.answer(raw(rss));
    const backend = new RssBackend(RSS_URL);
    expect((await backend.listArticles({ tag: 'pertanian' })).items.map((a) => a.id)).to.deep.equal(['w-1']);
    expect((await backend.listArticles({ search: 'posyandu' })).items.map((a) => a.id)).to.deep.equal(['w-2']);
    expect((await backend.listArticles({ page: 2 })).items).to.deep.equal([]);
  });

  it('a body that is no feed fails with parse', async () => {
    fake.answer(raw('<!doctype html><title>Blog</title><p>halo'));
    const error = await failureOf(new RssBackend(RSS_URL).listArticles({}));
    expect(error).to.be.instanceOf(BackendError);
    expect(error.kind).to.equal('parse');
  });

  it('when the host refuses CORS, the console says to add the feed as a server-side source', async () => {
    fake.answer(offline);
    fake.reachable = true;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const error = await failureOf(new RssBackend('https://blogger-cors.example.org/feeds/posts/default').listArticles({}));
      expect(error.kind).to.equal('network');
    } finally {
      console.warn = warn;
    }
    expect(warnings.join('\n')).to.match(/partner source of your Kabar server/);
  });
});
