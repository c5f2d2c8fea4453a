/**
 * The article page as a reader, a crawler and a link preview see it: rendered
 * markdown, OpenGraph, Twitter cards, JSON-LD, share links, the feeds, and the
 * site's own name; sitemap.xml and robots.txt.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDocument, DomUtils } from 'htmlparser2';
import { multipart } from './photo-suite.js';
import { ADMIN_TOKEN, solidPng, testServer, validStory, type TestServer } from './helpers.js';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const BODY = 'Kelompok tani Desa Mekar membuka **kebun bersama** di lahan tidur.\n\n1. Bibit dibagi gratis\n2. Panen dibagi rata\n\nDaftar lewat [situs kelompok](https://tani-mekar.example/daftar).';

describe('article pages', () => {
  let server: TestServer;
  let path: string;
  let page: string;
  before(async () => {
    server = await testServer({ KABAR_SITE_NAME: 'Warta Mekar', KABAR_SITE_DESCRIPTION: 'Kabar dari Desa Mekar', KABAR_SITE_LOGO: '/assets/logo.png' });
    const sent = await server.api('POST', '/stories', { body: multipart(validStory({ title: 'Kebun Bersama di Lahan Tidur', body: BODY, photo_alt: 'Warga menanam bibit' }), { bytes: solidPng(120, 80, [40, 160, 60]), name: 'kebun.png' }) });
    assert.equal(sent.status, 201);
    const approved = await server.api('POST', `/admin/stories/${sent.body.id}`, { json: { action: 'approve' }, headers: auth });
    path = new URL(approved.body.article.url).pathname;
    page = await (await server.app.request(`http://127.0.0.1${path}`)).text();
  });
  after(() => server.close());

  const doc = () => parseDocument(page);
  const meta = (key: string): string | undefined => {
    const found = DomUtils.findOne((e) => e.name === 'meta' && (e.attribs.property === key || e.attribs.name === key), doc().children);
    return found?.attribs.content;
  };

  test("the body's markdown is rendered by the widgets' renderer: the list and the link are there", () => {
    const body = DomUtils.findOne((e) => e.attribs.class === 'body', doc().children)!;
    assert.deepEqual(DomUtils.findAll((e) => e.name === 'li', [body]).map((li) => DomUtils.textContent(li)), ['Bibit dibagi gratis', 'Panen dibagi rata']);
    const link = DomUtils.findOne((e) => e.name === 'a', [body])!;
    assert.equal(link.attribs.href, 'https://tani-mekar.example/daftar');
    assert.equal(link.attribs.rel, 'ugc nofollow noopener');
    assert.equal(DomUtils.textContent(DomUtils.findOne((e) => e.name === 'strong', [body])!), 'kebun bersama');
  });

  test('OpenGraph and Twitter tags give a preview: title, description, the photo with its size, site name, locale, time', () => {
    assert.equal(meta('og:title'), 'Kebun Bersama di Lahan Tidur');
    assert.equal(meta('og:type'), 'article');
    assert.equal(meta('og:site_name'), 'Warta Mekar');
    assert.equal(meta('og:locale'), 'id_ID');
    assert.equal(meta('og:url'), `http://127.0.0.1${path}`);
    assert.match(meta('og:image')!, /^http:\/\/127\.0\.0\.1\/uploads\/[a-f0-9]+\.png$/);
    assert.equal(meta('og:image:width'), '120');
    assert.equal(meta('og:image:height'), '80');
    assert.equal(meta('og:image:alt'), 'Warga menanam bibit');
    assert.match(meta('og:description')!, /^Kelompok tani Desa Mekar membuka kebun bersama/);
    assert.match(meta('article:published_time')!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    assert.equal(meta('twitter:card'), 'summary_large_image');
    assert.equal(meta('twitter:image'), meta('og:image'));
  });

  test('a canonical URL, a JSON-LD NewsArticle, the feeds and the site name', () => {
    const links = DomUtils.findAll((e) => e.name === 'link', doc().children).map((e) => e.attribs);
    assert.equal(links.find((l) => l.rel === 'canonical')?.href, `http://127.0.0.1${path}`);
    const alternates = links.filter((l) => l.rel === 'alternate').map((l) => `${l.type} ${l.href}`);
    assert.ok(alternates.includes('application/rss+xml /feed.xml'));
    assert.ok(alternates.includes('application/feed+json /feed.json'));
    assert.ok(alternates.includes(`application/rss+xml /feed.xml?thread=${encodeURIComponent(path)}`));
    const script = DomUtils.findOne((e) => e.name === 'script' && e.attribs.type === 'application/ld+json', doc().children)!;
    const ld = JSON.parse(DomUtils.textContent(script)) as Record<string, unknown>;
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, 'Kebun Bersama di Lahan Tidur');
    assert.deepEqual(ld.author, [{ '@type': 'Person', name: 'Ani Rahmawati' }]);
    assert.deepEqual(ld.publisher, { '@type': 'Organization', name: 'Warta Mekar', logo: { '@type': 'ImageObject', url: 'http://127.0.0.1/assets/logo.png' } });
    assert.equal(ld.datePublished, meta('article:published_time'));
    assert.match(DomUtils.textContent(DomUtils.findOne((e) => e.name === 'title', doc().children)!), / · Warta Mekar$/);
    assert.match(DomUtils.textContent(DomUtils.findOne((e) => e.name === 'header', doc().children)!), /Warta Mekar/);
  });

  test('share links are plain links to WhatsApp, Telegram, Facebook, X and e-mail; the copy button waits for its script', () => {
    const share = DomUtils.findOne((e) => e.name === 'nav' && e.attribs.class === 'share', doc().children)!;
    const hrefs = DomUtils.findAll((e) => e.name === 'a', [share]).map((a) => a.attribs.href);
    const url = `http://127.0.0.1${path}`;
    assert.deepEqual(
      hrefs.map((h) => new URL(h).protocol + (new URL(h).host || '')),
      ['https:wa.me', 'https:t.me', 'https:www.facebook.com', 'https:x.com', 'mailto:'],
    );
    assert.equal(new URL(hrefs[0]).searchParams.get('text'), `Kebun Bersama di Lahan Tidur ${url}`);
    assert.equal(new URL(hrefs[1]).searchParams.get('url'), url);
    assert.equal(new URL(hrefs[2]).searchParams.get('u'), url);
    assert.equal(new URL(hrefs[3]).searchParams.get('url'), url);
    const copy = DomUtils.findOne((e) => e.name === 'button', [share])!;
    assert.equal(copy.attribs['data-url'], url);
    assert.ok('hidden' in copy.attribs, 'without script there is no button that does nothing');
    const scripts = DomUtils.findAll((e) => e.name === 'script' && !!e.attribs.src, doc().children).map((e) => e.attribs.src);
    assert.deepEqual(scripts, ['/kabar.js', '/assets/share.js'], 'no third-party script');
  });

  test('sitemap.xml lists the published articles; robots.txt points at it and keeps /admin out', async () => {
    const sitemap = await server.app.request('http://127.0.0.1/sitemap.xml');
    assert.match(sitemap.headers.get('Content-Type')!, /xml/);
    const locs = DomUtils.findAll((e) => e.name === 'loc', parseDocument(await sitemap.text(), { xmlMode: true }).children).map((e) => DomUtils.textContent(e));
    assert.ok(locs.includes(`http://127.0.0.1${path}`));
    assert.ok(locs.includes('http://127.0.0.1/artikel/bank-sampah-rw-05-sukamaju'));
    const robots = await (await server.app.request('http://127.0.0.1/robots.txt')).text();
    assert.match(robots, /^Disallow: \/admin$/m);
    assert.match(robots, /^Sitemap: http:\/\/127\.0\.0\.1\/sitemap\.xml$/m);
  });
});
