/**
 * Partners' RSS and Atom feeds, served from other loopback hosts without CORS
 * headers, fetched by the server and shown in a feed on a partner's page
 * (another origin, in Chromium): labelled with each partner's name, newest first.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { admin, axeViolations, startServer, type RunningServer } from './harness.js';
import { partnerSite, type PartnerSite } from './partner.js';

let server: RunningServer;
let partner: PartnerSite;
const hosts: Server[] = [];

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function feedHost(address: string, type: string, body: string): Promise<string> {
  const host = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': type });
    response.end(body);
  });
  await new Promise<void>((resolve) => host.listen(0, address, resolve));
  hosts.push(host);
  return `http://${address}:${(host.address() as AddressInfo).port}`;
}

before(async () => {
  partner = await partnerSite(
    'mitra-koalisi.test',
    () => `<!doctype html><html lang="id"><head><title>Mitra</title>
<script type="module" src="${server.url}/kabar.js"></script></head><body>
<kabar-article-feed backend="${server.apiUrl}" per-page="4"><ul><li><a href="/berita">Semua berita</a></li></ul></kabar-article-feed>
</body></html>`,
  );
  // The partner's page is allowed, as an operator would allow it. Production defaults otherwise, but
  // one switched on: the partners' feeds here live on loopback addresses, which a server in
  // production refuses to fetch (KABAR_SOURCES_PRIVATE), and this test has no other network.
  server = await startServer({ env: { KABAR_ALLOWED_ORIGINS: partner.origin, KABAR_SOURCES_PRIVATE: 'on' } });
});

after(async () => {
  for (const host of hosts) host.close();
  await partner?.close();
  await server?.stop();
});

test('an RSS and an Atom feed from hosts without CORS appear on a partner page, labelled, newest first', async () => {
  const rss = await feedHost(
    '127.0.0.8',
    'application/rss+xml',
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Warta Desa</title><link>https://warta.example/</link>
<item><title>Lumbung padi diresmikan</title><link>https://warta.example/lumbung</link><guid>l-1</guid><pubDate>${ago(5).toUTCString()}</pubDate><description>Warga bergotong royong.</description></item>
<item><title>Pelatihan kompos</title><link>https://warta.example/kompos</link><guid>k-1</guid><pubDate>${ago(20).toUTCString()}</pubDate></item>
</channel></rss>`,
  );
  const atom = await feedHost(
    '127.0.0.9',
    'application/atom+xml',
    `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Suara Pesisir</title><link href="https://pesisir.example/"/><id>tag:p</id><updated>${ago(1).toISOString()}</updated>
<entry><id>tag:p,1</id><title>Nelayan menanam bakau</title><link href="https://pesisir.example/bakau"/><published>${ago(10).toISOString()}</published><updated>${ago(10).toISOString()}</updated><summary>Bakau untuk pesisir.</summary></entry>
</feed>`,
  );
  for (const [url, label] of [
    [`${rss}/feed.xml`, 'Warta Desa'],
    [`${atom}/atom.xml`, 'Suara Pesisir'],
  ]) {
    const added = await admin(server, 'POST', '/sources', { url, label });
    assert.equal(added.status, 201);
    const fetched = await admin(server, 'POST', `/sources/${added.body.source.id}/fetch`);
    assert.equal(fetched.body.source.last_error, null);
  }

  const page = await partner.browser.newPage();
  await page.goto(`${partner.origin}/`, { waitUntil: 'load' });
  const cards = page.locator('kabar-article-feed [part~="card"]');
  await cards.nth(2).waitFor({ timeout: 15_000 });
  const titles = await page.locator('kabar-article-feed [part~="card-title"]').allTextContents();
  assert.deepEqual(titles.slice(0, 3).map((t) => t.trim()), ['Lumbung padi diresmikan', 'Nelayan menanam bakau', 'Pelatihan kompos']);
  const labels = await page.locator('kabar-article-feed [part~="card-source"]').allTextContents();
  assert.deepEqual(labels.slice(0, 3).map((l) => l.replace(/^Sumber:\s*/, '').trim()), ['Warta Desa', 'Suara Pesisir', 'Warta Desa']);
  const link = page.locator('kabar-article-feed [part~="card"]').first().getByRole('link').first();
  assert.equal(await link.getAttribute('href'), 'https://warta.example/lumbung', 'the card opens the original');
  await page.close();
});

test('/admin shows each source with its items, its last fetch and its error in plain words; an editor adds one there', async () => {
  const broken = await feedHost('127.0.0.10', 'text/html', '<!doctype html><title>Bukan feed</title>');
  const page = await partner.browser.newPage();
  await page.goto(`${server.url}/admin`, { waitUntil: 'load' });
  await page.getByLabel(/Token admin/).fill(server.adminToken);
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Sumber mitra' }).click();
  const list = page.locator('#sources');
  await list.getByRole('article', { name: 'Warta Desa' }).waitFor();
  assert.match((await list.getByRole('article', { name: 'Warta Desa' }).textContent()) ?? '', /2 artikel · Terakhir berhasil/);
  assert.deepEqual(await axeViolations(page), [], 'the sources tab');

  await page.getByLabel(/Alamat feed/).fill(`${broken}/blog`);
  await page.getByLabel('Label di kartu artikel').fill('Blog Rusak');
  await page.getByRole('button', { name: 'Tambah' }).click();
  await page.getByRole('status').filter({ hasText: 'Sumber “Blog Rusak” ditambahkan' }).waitFor();
  const added = list.getByRole('article', { name: 'Blog Rusak' });
  await added.getByRole('button', { name: 'Ambil sekarang' }).click();
  await page.getByRole('status').filter({ hasText: /Blog Rusak.*bukan dengan feed RSS, Atom atau JSON/ }).waitFor();
  assert.match((await list.getByRole('article', { name: 'Blog Rusak' }).textContent()) ?? '', /Gagal \d+× berturut-turut: alamat menjawab, tetapi bukan dengan feed/);
  await page.close();
});
