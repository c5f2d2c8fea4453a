/**
 * `npm run import -- wordpress|disqus|kabar <file>` and `npm run export`, as an
 * operator runs them against a serving database: threads intact, a second run
 * adds nothing, a bad file gets one sentence.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, npmRun, testServer, type TestServer } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const envOf = (server: TestServer) => ({ DATABASE: server.config.databasePath, DATABASE_URL: server.config.databaseUrl ?? '' });

// The CLI writes beside the running server, which sees that by itself: its cache of public
// answers follows the database's data version.
const run = (server: TestServer, args: string[], script = 'import') => npmRun(script, args, envOf(server));

const comments = async (server: TestServer, thread: string) =>
  (await server.api('GET', `/threads/${encodeURIComponent(thread)}/comments?per_page=50`)).body.items as Array<{ id: string; parent_id: string | null; author: { name: string }; body: string }>;

describe('imports and export', () => {
  let server: TestServer;
  const dir = mkdtempSync(join(tmpdir(), 'kabar-import-test-'));
  before(async () => {
    server = await testServer();
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a WordPress export brings its published posts and their comments, replies and approval; a second run adds nothing', async () => {
    assert.equal((await server.api('GET', '/articles?q=Cikapundung')).body.items.length, 0, 'read, and kept by the cache, before the import');
    const first = await run(server, ['wordpress', fixture('wordpress-export.xml')]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /imported 1 articles and 3 comments/);
    const page = await (await server.app.request('http://127.0.0.1/artikel/kerja-bakti-sungai')).text();
    assert.match(page, /<h1 dir="auto">Kerja Bakti Bersihkan Sungai “Cikapundung”<\/h1>/);
    assert.match(page, /<li dir="auto">sampah plastik dipilah<\/li>/);
    assert.match(page, /<a href="http:\/\/warta-warga\.test\/galeri\/"[^>]*>galeri kami<\/a>/);
    const article = (await server.api('GET', '/articles?q=Cikapundung')).body.items[0];
    assert.ok(article.categories.some((c: { slug: string }) => c.slug === 'lingkungan'));
    assert.equal(article.title, 'Kerja Bakti Bersihkan Sungai “Cikapundung”');
    assert.equal(article.published_at, '2026-11-29T08:30:00+07:00');
    assert.deepEqual(article.tags.map((t: { slug: string }) => t.slug), ['sungai']);
    assert.equal(article.author.name, 'Rina', 'the display name, as WordPress shows it');

    const thread = await comments(server, '/artikel/kerja-bakti-sungai');
    assert.deepEqual(thread.map((c) => c.author.name), ['Dedi', 'Rina']);
    assert.equal(thread[1].parent_id, thread[0].id, 'the reply answers its comment');
    assert.equal(thread[0].body, 'Luar biasa, semoga rutin!\n\nSaya ikut bulan depan.');
    assert.equal(thread[1].body, 'Terima kasih, *Pak Dedi*. Sampai jumpa!');
    const queue = (await server.api('GET', '/admin/queue', { headers: auth })).body.comments as Array<{ body: string }>;
    assert.ok(queue.some((c) => c.body === 'Menunggu moderasi.'), 'a comment waiting there waits here');

    const second = await run(server, ['wordpress', fixture('wordpress-export.xml')]);
    assert.match(second.stdout, /imported 0 articles and 0 comments/);
    assert.equal((await comments(server, '/artikel/kerja-bakti-sungai')).length, 2);
  });

  test('a Disqus export lands on each page’s thread (this server’s article, or the partner page), replies intact; twice adds nothing', async () => {
    const first = await run(server, ['disqus', fixture('disqus-export.xml')]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /imported 0 articles and 3 comments/);
    const partner = await comments(server, 'https://warta-desa.example/berita/posyandu-baru/');
    assert.deepEqual(partner.map((c) => c.author.name), ['Sari', 'Budi']);
    assert.equal(partner[1].parent_id, partner[0].id);
    assert.equal(partner[0].body, 'Alhamdulillah, anak-anak tidak perlu jauh lagi.\n\nJadwalnya tiap Selasa.');
    const own = await comments(server, '/artikel/bank-sampah-rw-05-sukamaju');
    assert.ok(own.some((c) => c.body === 'Bank sampahnya keren.'));
    assert.match((await run(server, ['disqus', fixture('disqus-export.xml')])).stdout, /imported 0 articles and 0 comments/);
  });

  test('a file that is not what it says gets one sentence and changes nothing', async () => {
    const bad = join(dir, 'bukan.xml');
    writeFileSync(bad, '<html><body>halo</body></html>');
    for (const kind of ['wordpress', 'disqus', 'kabar']) {
      const result = await run(server, [kind, bad]);
      assert.equal(result.code, 1);
      assert.match(result.stderr.trim(), /^kabar: This is not a (WordPress|Disqus|Kabar) export: [^\n]+\.$/);
    }
    const missing = await run(server, ['wordpress', join(dir, 'tidak-ada.xml')]);
    assert.match(missing.stderr, /cannot be read \(ENOENT\)/);
  });

  test('npm run export writes everything but the spam; import -- kabar reads it back into another site, once', async () => {
    await server.api('POST', '/admin/sources', { json: { url: 'https://warta.example/feed/', label: 'Warta' }, headers: auth });
    const file = join(dir, 'kabar.json');
    const exported = await run(server, [file], 'export');
    assert.equal(exported.code, 0, exported.stderr);
    const other = await testServer({}, { seed: false });
    try {
      const imported = await run(other, ['kabar', file]);
      assert.equal(imported.code, 0, imported.stderr);
      const [from, to] = await Promise.all([server.api('GET', '/articles?source=own&per_page=50'), other.api('GET', '/articles?source=own&per_page=50')]);
      assert.deepEqual(
        to.body.items.map((a: { title: string; published_at: string }) => [a.title, a.published_at]),
        from.body.items.map((a: { title: string; published_at: string }) => [a.title, a.published_at]),
      );
      const a = await comments(server, 'https://warta-desa.example/berita/posyandu-baru/');
      const b = await comments(other, 'https://warta-desa.example/berita/posyandu-baru/');
      assert.deepEqual(b.map((c) => [c.author.name, c.body]), a.map((c) => [c.author.name, c.body]));
      assert.equal(b[1].parent_id, b[0].id);
      assert.deepEqual((await other.api('GET', '/admin/sources', { headers: auth })).body.items.map((s: { label: string }) => s.label), ['Warta']);
      assert.match((await run(other, ['kabar', file])).stdout, /imported 0 articles and 0 comments/);
    } finally {
      await other.close();
    }
  });
});
