/**
 * Partner sources: feeds served over real HTTP from other loopback addresses
 * (no CORS headers), fetched by the server, merged into GET /articles; and the
 * hostile ones (entity bombs, 50 MB, a slow drip, bad dates, relative links,
 * script in titles, duplicate GUIDs, redirects elsewhere) refused or made text.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SourcePoller } from '../../../server/sources/poller.js';
import { ADMIN_TOKEN, testServer, type TestServer } from './helpers.js';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A feed host on its own loopback address; `handler` may be swapped between fetches. */
async function feedHost(address: string, handler: Handler): Promise<{ base: string; server: Server; set(h: Handler): void; requests: IncomingMessage[] }> {
  let current = handler;
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    current(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://${address}:${port}`, server, set: (h) => (current = h), requests };
}

const xml = (body: string, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8', ...headers });
  res.end(body);
};

const rss = (items: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>${extra}
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Warta Desa</title><link>https://warta.example/</link>${items}</channel></rss>`;

const atom = (entries: string) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Suara Pesisir</title><link rel="alternate" href="https://pesisir.example/"/><id>tag:pesisir</id><updated>2026-12-01T00:00:00Z</updated>${entries}</feed>`;

const hours = (n: number) => new Date(Date.now() - n * 3_600_000);

describe('partner sources', () => {
  let server: TestServer;
  const hosts: Array<{ server: Server }> = [];
  before(async () => {
    server = await testServer({}, { seed: false });
  });
  after(async () => {
    for (const host of hosts) {
      host.server.closeAllConnections();
      host.server.close();
    }
    await server.close();
  });

  const add = async (url: string, label: string) => {
    const answer = await server.api('POST', '/admin/sources', { json: { url, label }, headers: auth });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.source as { id: string };
  };
  const fetchNow = async (id: string) => (await server.api('POST', `/admin/sources/${id}/fetch`, { headers: auth })).body.source;
  const articles = async (query = '') => (await server.api('GET', `/articles${query}`)).body;
  const remove = async (id: string) => assert.equal((await server.api('DELETE', `/admin/sources/${id}`, { headers: auth })).status, 200);
  const host = async (address: string, handler: Handler) => {
    const made = await feedHost(address, handler);
    hosts.push(made);
    return made;
  };

  test('an RSS and an Atom feed on other hosts, without CORS, join the articles newest first with their labels', async () => {
    const blog = await host(
      '127.0.0.2',
      xml(
        rss(`<item><title>Panen raya &amp; syukuran</title><link>https://warta.example/panen</link><guid>w-1</guid><pubDate>${hours(3).toUTCString()}</pubDate>
          <description>&lt;p&gt;Warga &lt;b&gt;berkumpul&lt;/b&gt;.&lt;/p&gt;</description><enclosure url="/img/panen.jpg" type="image/jpeg" length="1"/></item>
          <item><title>Posyandu baru</title><link>/posyandu</link><guid>w-2</guid><pubDate>${hours(1).toUTCString()}</pubDate></item>`),
        { ETag: '"v1"' },
      ),
    );
    const coast = await host(
      '127.0.0.3',
      xml(
        atom(`<entry><id>tag:pesisir,1</id><title type="html">Nelayan &lt;em&gt;menanam&lt;/em&gt; bakau</title><link rel="alternate" href="/bakau"/>
          <published>${hours(2).toISOString()}</published><updated>${hours(2).toISOString()}</updated><summary>Bakau untuk pesisir.</summary>
          <author><name>Sari</name></author><media:content xmlns:media="http://search.yahoo.com/mrss/" url="https://pesisir.example/bakau.jpg" medium="image" width="800" height="600"/></entry>`),
      ),
    );
    const a = await add(`${blog.base}/feed.xml`, 'Warta Desa');
    const b = await add(`${coast.base}/atom.xml`, 'Suara Pesisir');
    assert.equal((await fetchNow(a.id)).items, 2);
    assert.equal((await fetchNow(b.id)).items, 1);
    assert.match(blog.requests[0].headers['user-agent'] ?? '', /^Kabar\//);

    const list = await articles();
    assert.deepEqual(
      list.items.map((i: { title: string }) => i.title),
      ['Posyandu baru', 'Nelayan menanam bakau', 'Panen raya & syukuran'],
    );
    const [posyandu, bakau, panen] = list.items;
    assert.deepEqual(posyandu.source, { id: a.id, label: 'Warta Desa', link: 'https://warta.example/' });
    assert.equal(posyandu.url, 'https://warta.example/posyandu', 'a relative link is read against the site');
    assert.equal(panen.excerpt, 'Warga berkumpul.');
    assert.equal(panen.image.src, 'https://warta.example/img/panen.jpg');
    assert.deepEqual(bakau.image, { src: 'https://pesisir.example/bakau.jpg', width: 800, height: 600, alt: '' });
    assert.deepEqual(bakau.author, { name: 'Sari' });
    assert.equal(bakau.source.label, 'Suara Pesisir');

    assert.deepEqual((await articles(`?source=${b.id}`)).items.map((i: { title: string }) => i.title), ['Nelayan menanam bakau']);
    assert.equal((await articles('?source=own')).total, 0);
    const one = await server.api('GET', `/articles/${posyandu.id}`);
    assert.equal(one.body.url, 'https://warta.example/posyandu');

    // A second fetch asks conditionally; a 304 keeps the items.
    blog.set((req, res) => {
      res.writeHead(req.headers['if-none-match'] === '"v1"' ? 304 : 500);
      res.end();
    });
    const again = await fetchNow(a.id);
    assert.equal(again.last_error, null);
    assert.equal(again.items, 2);
    assert.equal(blog.requests.at(-1)!.headers['if-none-match'], '"v1"');

    // The admin list shows each source's state.
    const sources = (await server.api('GET', '/admin/sources', { headers: auth })).body.items;
    assert.deepEqual(sources.map((s: { label: string; items: number }) => [s.label, s.items]), [['Warta Desa', 2], ['Suara Pesisir', 1]]);
    assert.ok(sources[0].last_fetch_at);

    await remove(a.id);
    await remove(b.id);
    assert.equal((await articles()).total, 0);
  });

  test('when one source answers 500 or hangs, the other still brings its new items', async () => {
    let hung = 0;
    const good = await host('127.0.0.4', xml(rss(`<item><title>Kabar pertama</title><link>https://warta.example/1</link></item>`)));
    const bad = await host('127.0.0.5', (_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const g = await add(`${good.base}/rss`, 'Baik');
    const b = await add(`${bad.base}/rss`, 'Rusak');
    const failed = await fetchNow(b.id);
    assert.equal(failed.last_error.code, 'http_error');
    assert.match(failed.last_error.message, /error/);
    // The add fetched it once already, or this fetch joined that one.
    assert.ok(failed.failures >= 1);
    assert.ok(Date.parse(failed.next_fetch_at) - Date.parse(failed.last_fetch_at) >= 2 * 15 * 60_000, 'a failure waits longer before the next try');

    // Now it hangs: the poller fetches both at once, and the good one's items arrive while the bad one still hangs.
    bad.set(() => {
      hung++;
    });
    good.set(xml(rss(`<item><title>Kabar kedua</title><link>https://warta.example/2</link><pubDate>${new Date().toUTCString()}</pubDate></item>`)));
    const poller = new SourcePoller({ store: server.store, onChange: () => server.responseCache.bump(), limits: { allowPrivate: true, timeoutMs: 60_000 } });
    await server.query('UPDATE sources SET next_fetch_at = 0');
    let finished = false;
    const all = poller.fetchDue().then(() => (finished = true));
    for (let i = 0; i < 200 && !hung; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    const fresh = await poller.fetchNow(g.id);
    assert.equal(hung, 1);
    assert.equal(finished, false, 'the bad source is still hanging');
    assert.equal(fresh?.lastError, undefined);
    assert.ok((await articles()).items.some((i: { title: string }) => i.title === 'Kabar kedua'));
    bad.server.closeAllConnections();
    await all;
    await remove(g.id);
    await remove(b.id);
  });

  test('hostile feeds are refused or read as text, within the caps', async () => {
    let sent = 0;
    const bomb = `<!DOCTYPE r [<!ENTITY a "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>`;
    const hostile = await host('127.0.0.6', (req, res) => {
      const path = req.url ?? '';
      if (path === '/bomb') return xml(rss(`<item><title>&g;</title><link>https://warta.example/bom</link><description>&g;</description></item>`, bomb))(req, res);
      if (path === '/huge') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        const chunk = Buffer.alloc(1024 * 1024, 'x');
        const write = (): void => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', write);
          }
          res.end();
        };
        res.on('close', () => undefined);
        return write();
      }
      if (path === '/drip') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        const timer = setInterval(() => res.write(' '), 100);
        res.on('close', () => clearInterval(timer));
        return;
      }
      if (path === '/script') {
        return xml(
          rss(`<item><title><![CDATA[<script>alert(1)</script>Judul <img src=x onerror="alert(2)"> aman]]></title><link>javascript:alert(3)</link></item>
            <item><title><![CDATA[<b onclick="alert(4)">Berita</b> sah]]></title><link>https://warta.example/sah</link><guid>dup</guid><pubDate>bukan tanggal</pubDate>
              <description><![CDATA[<p onmouseover="alert(5)">Isi <script>alert(6)</script>bersih</p>]]></description></item>
            <item><title>Kembar</title><link>https://warta.example/kembar</link><guid>dup</guid></item>
            <item><title>Masa depan</title><link>https://warta.example/nanti</link><guid>future</guid><pubDate>Sat, 01 Jan 2050 00:00:00 GMT</pubDate></item>`),
        )(req, res);
      }
      if (path === '/elsewhere') {
        res.writeHead(302, { Location: 'http://127.0.0.1:9/api/v1/admin/queue' });
        return res.end();
      }
      if (path === '/localhost') {
        res.writeHead(301, { Location: `http://localhost:${(hostile.server.address() as AddressInfo).port}/script` });
        return res.end();
      }
      if (path === '/moved') {
        res.writeHead(301, { Location: '/script' });
        return res.end();
      }
      res.writeHead(404);
      res.end();
    });
    const poller = new SourcePoller({ store: server.store, onChange: () => server.responseCache.bump(), limits: { allowPrivate: true, timeoutMs: 1_500 } });
    const source = async (path: string) => (await add(`${hostile.base}${path}`, path)).id;
    const run = async (path: string) => (await poller.fetchNow(await source(path)))!;

    const bombed = await run('/bomb');
    const [bombItem] = (await articles(`?source=${bombed.id}`)).items;
    assert.ok(!bombItem || bombItem.title.length < 100, 'entities declared in the feed are not expanded');

    const heapBefore = process.memoryUsage().heapUsed;
    const huge = await run('/huge');
    assert.equal(huge.lastError, 'too_large');
    assert.ok(sent < 20 * 1024 * 1024, `the fetcher stopped reading early (${sent} bytes sent)`);
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 16 * 1024 * 1024, 'a 50 MB body is never held');

    assert.equal((await run('/drip')).lastError, 'timeout');

    const scripted = await run('/script');
    assert.equal(scripted.lastError, undefined);
    const items = (await articles(`?source=${scripted.id}`)).items as Array<{ title: string; excerpt: string; url: string; published_at: string }>;
    assert.deepEqual(items.map((i) => i.title).sort(), ['Berita sah', 'Masa depan']);
    const sah = items.find((i) => i.title === 'Berita sah')!;
    assert.equal(sah.excerpt, 'Isi bersih');
    assert.ok(Math.abs(Date.parse(sah.published_at) - Date.now()) < 60_000, 'an unreadable date counts as the moment it was first seen');
    assert.ok(Date.parse(items.find((i) => i.title === 'Masa depan')!.published_at) < Date.now() + 60_000, 'a date in the future is not believed');
    for (const item of items) assert.doesNotMatch(JSON.stringify(item), /<|onclick|onerror|javascript:/);

    assert.equal((await run('/elsewhere')).lastError, 'redirect_refused');
    assert.equal((await run('/localhost')).lastError, 'redirect_refused');
    const moved = await run('/moved');
    assert.equal(moved.lastError, undefined, 'a redirect on the same site is followed');
    assert.equal(moved.items, 2);

    // Without KABAR_SOURCES_PRIVATE, loopback and private addresses are not fetched at all.
    const guarded = new SourcePoller({ store: server.store, limits: { allowPrivate: false, timeoutMs: 1_500 } });
    assert.equal((await guarded.fetchNow(scripted.id))!.lastError, 'private_address');
    for (const s of (await server.api('GET', '/admin/sources', { headers: auth })).body.items) await remove(s.id);
  });

  test('a WordPress site added by its address is read from its /feed/', async () => {
    const wp = await host('127.0.0.7', (req, res) => {
      if (req.url === '/feed/') return xml(rss(`<item><title>Dari WordPress</title><link>https://wp.example/?p=1</link></item>`))(req, res);
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>Blog</title><p>Halo</p>');
    });
    const s = await add(`${wp.base}/`, 'Blog WP');
    const state = await fetchNow(s.id);
    assert.equal(state.feed_url, `${wp.base}/feed/`);
    assert.equal((await articles(`?source=${s.id}`)).items[0].title, 'Dari WordPress');
    await remove(s.id);
  });

  test('editors add sources with a label and an http(s) URL; private addresses need KABAR_SOURCES_PRIVATE', async () => {
    const bad = await server.api('POST', '/admin/sources', { json: { url: 'ftp://x.example/feed', label: '' }, headers: auth });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.error.fields, { url: 'invalid', label: 'required' });
    assert.equal((await server.api('GET', '/admin/sources')).status, 401);
    const a = await add('https://feeds.example/a.xml', 'A');
    assert.equal((await server.api('POST', '/admin/sources', { json: { url: 'https://feeds.example/a.xml', label: 'B' }, headers: auth })).status, 409);
    await remove(a.id);

    const production = await testServer({ KABAR_SOURCES_PRIVATE: 'off' }, { seed: false });
    try {
      const refused = await production.api('POST', '/admin/sources', { json: { url: 'http://127.0.0.1:9/feed', label: 'Dalam' }, headers: auth });
      assert.equal(refused.body.error.fields.url, 'private_address');
    } finally {
      await production.close();
    }
  });
});
