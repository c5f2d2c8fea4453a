/**
 * The WordPress plugin on a real WordPress 6.1 (Debian's package, served by WordPress
 * Playground on loopback; see wordpress-site.ts), as its admin, authors, editors and readers
 * meet it: the zip from `npm run build:wordpress` uploaded and activated in wp-admin, blocks
 * and shortcodes in posts, the comments taken over in a block theme and a classic theme, and
 * stories filed as pending posts. One WordPress for the whole file; the tests run in order.
 *
 * E-mails are captured by the test-only must-use plugin (`pre_wp_mail`, written to a file):
 * Playground has no mail transport. PHP's warnings and notices go to wp-content/debug.log
 * (WP_DEBUG_LOG); WordPress 6.1's own deprecation notices on PHP 8.2 are there too, so the
 * checks look for lines that name the plugin's files.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { buildWordPress } from '../../scripts/build-wordpress.mjs';
import { articlePath } from '../../server/wire.js';
import { npmRun } from '../npm-run.js';
import { launchBrowser, startServer, withLock } from './harness.js';
import { startWordPress, type WordPressSite } from './wordpress-site.js';
import { tmpdir } from 'node:os';

let site: WordPressSite;
let browser: Browser;
let zip: string;
let admin: BrowserContext;

const TWO_PARAGRAPHS = 'Setiap Sabtu pagi warga membersihkan pantai bersama.\n\nKini mereka juga menanam bakau dengan siswa sekolah.';

before(
  async () => {
    zip = (await withLock(join(tmpdir(), 'kabar-e2e-build.lock'), () => buildWordPress())).path;
    [site, browser] = await Promise.all([startWordPress(), launchBrowser()]);
    admin = await signedIn('admin', 'password');
  },
  { timeout: 600_000 },
);

after(async () => {
  await browser?.close();
  await site?.stop();
});

/**
 * A browser context that waits as long as PHP in WebAssembly may take on a busy machine (a
 * wp-admin page can take tens of seconds there); the tests judge what is shown, never how fast.
 */
async function patientContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  return context;
}

/** A page of a context of its own. */
async function newPage(): Promise<Page> {
  const page = await (await patientContext()).newPage();
  page.once('close', () => void page.context().close().catch(() => undefined));
  return page;
}

/** A browser context signed in through wp-login.php, as a person signs in. */
async function signedIn(login: string, password: string): Promise<BrowserContext> {
  const context = await patientContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/wp-login.php`);
  await page.locator('#user_login').fill(login);
  await page.locator('#user_pass').fill(password);
  await Promise.all([page.waitForURL(/\/wp-admin\//), page.locator('#wp-submit').click()]);
  await page.close();
  return context;
}

/** Lines of the PHP log, from `from` on, that name the plugin's own files. */
function pluginLogLines(from: number): string[] {
  return site.log().slice(from).filter((line) => /plugins\/kabar\//.test(line) || /PHP (Fatal|Parse) error/.test(line));
}

/** The option as stored, read from the site's SQLite database. */
function storedOption(name: string): string | undefined {
  const db = new Database(join(site.files, 'wp-content', 'database', '.ht.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT option_value FROM wp_options WHERE option_name = ?').get(name) as { option_value: string } | undefined;
    return row?.option_value;
  } finally {
    db.close();
  }
}

async function createPost(user: string, fields: Record<string, unknown>): Promise<{ id: number; link: string }> {
  const answer = await site.rest('/wp/v2/posts', {
    method: 'POST',
    user,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'publish', ...fields }),
  });
  assert.equal(answer.status, 201, await answer.clone().text());
  return (await answer.json()) as { id: number; link: string };
}

/** The page's HTML as a crawler gets it (no script runs), and the Kabar scripts it loads. */
async function html(url: string): Promise<{ text: string; scripts: string[] }> {
  const text = await (await fetch(url)).text();
  const scripts = [...text.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/g)].map((match) => match[0]);
  return { text, scripts };
}

/** Every host a page loaded something from, as Chromium saw it. */
function hostsOf(page: Page): Set<string> {
  const hosts = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http')) hosts.add(url.host);
  });
  return hosts;
}

async function cardsShown(page: Page): Promise<Locator> {
  const feed = page.locator('kabar-article-feed').first();
  await feed.locator('[part~="card"]').first().waitFor();
  return feed;
}

test('the zip installs through Plugins › Add New › Upload and activates with no PHP warning or notice', { timeout: 300_000 }, async () => {
  const names = Object.keys((await import('fflate')).unzipSync(readFileSync(zip)));
  for (const name of ['kabar/kabar.php', 'kabar/readme.txt', 'kabar/assets/kabar.js', 'kabar/languages/kabar-id_ID.mo', 'kabar/blocks/article-feed/block.json', 'kabar/uninstall.php']) {
    assert.ok(names.includes(name), `${name} is in the zip`);
  }
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'wordpress', 'readme.txt'), 'utf8');
  for (const header of ['Requires at least: 6.1', 'Requires PHP:', 'License:', 'Stable tag:', '== Description ==', '== Frequently Asked Questions ==', '== Changelog ==']) {
    assert.ok(readme.includes(header), `readme.txt has ${header}`);
  }

  const logFrom = site.log().length;
  const page = await admin.newPage();
  await page.goto(`${site.url}/wp-admin/plugin-install.php?tab=upload`);
  await page.locator('#pluginzip').setInputFiles(zip);
  await Promise.all([page.waitForLoadState('load'), page.locator('#install-plugin-submit').click()]);
  const activate = page.locator('a.button-primary[href*="action=activate"]');
  await activate.waitFor();
  await Promise.all([page.waitForURL(/plugins\.php/), activate.click()]);
  await page.locator('tr[data-slug="kabar"].active').waitFor();
  // The settings page, in the site's language (id_ID), saves the one option.
  await page.goto(`${site.url}/wp-admin/options-general.php?page=kabar`);
  assert.match(await page.locator('h1').innerText(), /Kabar/);
  assert.match(await page.locator('form').innerText(), /Gunakan Kabar untuk komentar situs ini/);
  await page.locator('input[name="kabar_settings[comments]"]').check();
  await page.locator('#kabar-story-author').selectOption({ label: 'Agus Setiawan' });
  await Promise.all([page.waitForURL(/settings-updated=true/), page.locator('#submit').click()]);
  await page.close();

  const stored = storedOption('kabar_settings') ?? '';
  assert.match(stored, /s:8:"comments";s:5:"kabar"/);
  assert.match(stored, /s:12:"story_author";i:3;/);
  assert.deepEqual(pluginLogLines(logFrom), []);
});

test("an author's post with the feed block shows cards; the fallback links are in the HTML and hidden once the cards are there", { timeout: 300_000 }, async () => {
  const post = await createPost('penulis', {
    title: 'Berita dari warga',
    content: '<!-- wp:paragraph -->\n<p>Kabar terbaru:</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:kabar/article-feed {"perPage":3} /-->',
  });
  const { text, scripts } = await html(post.link);
  const element = /<kabar-article-feed [^>]*>(<ul class="kabar-fallback">.*?<\/ul>)<\/kabar-article-feed>/s.exec(text);
  assert.ok(element, 'the feed element holds the fallback list');
  assert.equal((element[1].match(/<li><a href="http:\/\/127\.0\.0\.1:\d+\/[^"]+">/g) ?? []).length, 3);
  assert.match(text, /<kabar-article-feed [^>]*source="wordpress"/);
  assert.equal(scripts.filter((tag) => /\/kabar\/assets\/kabar\.js/.test(tag)).length, 1, 'the script once');
  assert.match(scripts.find((tag) => /\/kabar\/assets\/kabar\.js/.test(tag)) ?? '', /type="module"/);

  const page = await newPage();
  const hosts = hostsOf(page);
  await page.goto(post.link);
  const feed = await cardsShown(page);
  assert.equal(await feed.locator('[part~="card"]').count(), 3);
  assert.equal(await page.locator('kabar-article-feed ul.kabar-fallback').isVisible(), false, 'the fallback list is hidden under the cards');
  assert.deepEqual([...hosts], [new URL(site.url).host], 'nothing from another host');
  await page.close();
});

test('[kabar_feed] in the classic editor survives wpautop: the element stays whole and its fallback hides', { timeout: 300_000 }, async () => {
  // What the classic editor saves: no block markup, paragraphs by blank lines, wpautop on display.
  const post = await createPost('penulis', {
    title: 'Berita lewat kode pendek',
    content: 'Kabar terbaru dari warga:\n\n[kabar_feed per-page="2"]\n\nSudah [kabar_comment_count] untuk tulisan ini.',
  });
  const { text, scripts } = await html(post.link);
  // A feed, a count and (comments taken over) a comment box on one page: one script.
  assert.match(text, new RegExp(`<kabar-comment-count [^>]*thread="${post.id}"[^>]*><a href="[^"]+#(?:respond|comments)">[^<]+</a></kabar-comment-count>`));
  assert.match(text, /<kabar-comment-box /);
  assert.equal(scripts.filter((tag) => /\/kabar\/assets\/kabar/.test(tag)).length, 1, 'the script once');
  assert.doesNotMatch(text, /<p>\s*<kabar-article-feed/);
  assert.doesNotMatch(text, /<kabar-article-feed[^>]*>\s*<\/p>/);
  assert.match(text, /<kabar-article-feed [^>]*per-page="2"[^>]*><ul class="kabar-fallback">(<li><a href="[^"]+">[^<]+<\/a><\/li>){2}<\/ul><\/kabar-article-feed>/);

  const page = await newPage();
  await page.goto(post.link);
  const feed = await cardsShown(page);
  assert.equal(await feed.locator('[part~="card"]').count(), 2);
  assert.equal(await page.locator('kabar-article-feed ul.kabar-fallback').isVisible(), false);
  await page.close();
});

/** The seeded post the comment tests use. */
async function seededPost(search: string): Promise<{ id: number; link: string }> {
  const answer = await site.rest(`/wp/v2/posts?search=${encodeURIComponent(search)}&_fields=id,link`);
  const [post] = (await answer.json()) as Array<{ id: number; link: string }>;
  assert.ok(post, `the seeded post "${search}"`);
  return post;
}

/** The comment box of a page, upgraded and its form shown. */
async function commentBox(page: Page): Promise<Locator> {
  const box = page.locator('kabar-comment-box').first();
  await box.scrollIntoViewIfNeeded();
  await box.locator('#field-body').waitFor();
  return box;
}

test("with comments taken over, a post in Twenty Twenty-Three shows the box, not the theme's form; a guest's comment is held, pending to its writer, in wp-admin and mailed to the moderator", { timeout: 300_000 }, async () => {
  const post = await seededPost('mangrove');
  const { text, scripts } = await html(post.link);
  assert.match(text, new RegExp(`<kabar-comment-box [^>]*thread="${post.id}"`));
  assert.doesNotMatch(text, /wp-block-post-comments-form|id="commentform"/, "the theme's form is gone");
  assert.equal(scripts.filter((tag) => /\/kabar\/assets\/kabar\.js/.test(tag)).length, 1);
  const mailsBefore = site.mail().length;

  const context = await patientContext();
  const page = await context.newPage();
  const hosts = hostsOf(page);
  await page.goto(post.link);
  const box = await commentBox(page);
  const body = 'Terima kasih untuk kabarnya, kami ikut menanam minggu depan.';
  await box.locator('#field-body').pressSequentially(body, { delay: 15 });
  await box.locator('#field-name').pressSequentially('Dewi Lestari', { delay: 15 });
  await box.locator('#field-email').pressSequentially('dewi@contoh.id', { delay: 15 });
  await box.locator('[part="submit-button"]').click();
  const pending = box.locator('[part~="comment-pending"]');
  await pending.waitFor();
  assert.match(await pending.innerText(), /kami ikut menanam/);
  assert.match(await box.locator('[part="send-status"]').innerText(), /menunggu moderasi/);

  await page.reload();
  const again = await commentBox(page);
  await again.locator('[part~="comment-pending"]').waitFor();
  assert.match(await again.locator('[part~="comment-pending"]').innerText(), /kami ikut menanam/, 'still pending to its writer after a reload');
  assert.deepEqual([...hosts], [new URL(site.url).host], 'nothing from another host');
  await context.close();

  const held = (await (await site.rest(`/wp/v2/comments?post=${post.id}&status=hold`, { user: 'admin' })).json()) as Array<{ author_name: string; status: string }>;
  assert.deepEqual(
    held.map((comment) => [comment.author_name, comment.status]),
    [['Dewi Lestari', 'hold']],
  );
  const moderation = await admin.newPage();
  await moderation.goto(`${site.url}/wp-admin/edit-comments.php?comment_status=moderated`);
  assert.match(await moderation.locator('#the-comment-list').innerText(), /kami ikut menanam/);
  await moderation.close();

  // wp_notify_moderator mails the site's address (and the post's author, when another): one each.
  const mails = site.mail().slice(mailsBefore).filter((mail) => /redaksi@warta\.example/.test(String(mail.to)));
  assert.equal(mails.length, 1, "one moderation e-mail to the site's address");
  assert.match(mails[0].message, /kami ikut menanam/);
  assert.match(mails[0].message, /Dewi Lestari/);
});

test('in a classic theme (Twenty Twenty-One) comments_template gives the box; posts with comments closed and none keep the theme', { timeout: 300_000 }, async () => {
  const post = await seededPost('Posyandu');
  const classic = `${post.link}?kabar_test_theme=twentytwentyone`;
  const { text } = await html(classic);
  assert.match(text, /twentytwentyone/, 'the page is in the classic theme');
  assert.match(text, new RegExp(`<kabar-comment-box [^>]*thread="${post.id}"`));
  assert.doesNotMatch(text, /id="commentform"|class="comments-area/);

  const page = await newPage();
  await page.goto(classic);
  await commentBox(page);
  await page.close();

  const closed = await createPost('admin', { title: 'Pengumuman tanpa komentar', content: 'Tidak ada komentar di sini.', comment_status: 'closed' });
  assert.doesNotMatch((await html(closed.link)).text, /<kabar-comment-box/);
  assert.doesNotMatch((await html(`${closed.link}?kabar_test_theme=twentytwentyone`)).text, /<kabar-comment-box/);
});

test('a signed-in editor sees no name or e-mail fields and the comment is stored with their user id', { timeout: 300_000 }, async () => {
  const post = await seededPost('mangrove');
  const editor = await signedIn('redaktur', 'redaktur-sandi');
  const page = await editor.newPage();
  await page.goto(post.link);
  const box = await commentBox(page);
  assert.equal(await box.locator('#field-name').count(), 0);
  assert.equal(await box.locator('#field-email').count(), 0);
  assert.match(await box.locator('#form-note').innerText(), /Masuk sebagai Agus Setiawan\./);
  const body = 'Redaksi akan meliput penanaman berikutnya.';
  await box.locator('#field-body').pressSequentially(body, { delay: 15 });
  await box.locator('[part="submit-button"]').click();
  await box.locator('[part="thread"]').getByText('Redaksi akan meliput').waitFor();
  await editor.close();

  const stored = (await (await site.rest(`/wp/v2/comments?post=${post.id}&search=meliput&context=edit`, { user: 'admin' })).json()) as Array<{ author: number; author_name: string; status: string }>;
  assert.deepEqual(
    stored.map((comment) => [comment.author, comment.author_name, comment.status]),
    [[3, 'Agus Setiawan', 'approved']],
  );
});

/** A small JPEG made in the browser, with an EXIF block holding a GPS position put in front, as phones write it. */
async function jpegWithGps(): Promise<Buffer> {
  const page = await newPage();
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(320, 240);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#2a7';
    context.fillRect(0, 0, 320, 240);
    context.fillStyle = '#fc3';
    context.fillRect(40, 40, 120, 90);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  });
  await page.close();
  const jpeg = Buffer.from(base64, 'base64');
  // TIFF (big-endian): IFD0 with the GPS pointer; the GPS IFD with latitude ref "S" and latitude 6° 10′ 0″.
  const tiff = Buffer.alloc(80);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  /** An IFD of `entries` [tag, type, count, value] at `at`, with no next IFD. */
  const ifd = (at: number, entries: Array<[number, number, number, number]>) => {
    tiff.writeUInt16BE(entries.length, at);
    entries.forEach(([tag, type, count, value], i) => {
      const entry = at + 2 + i * 12;
      tiff.writeUInt16BE(tag, entry);
      tiff.writeUInt16BE(type, entry + 2);
      tiff.writeUInt32BE(count, entry + 4);
      tiff.writeUInt32BE(value, entry + 8);
    });
    tiff.writeUInt32BE(0, at + 2 + entries.length * 12);
  };
  ifd(8, [[0x8825, 4, 1, 26]]);
  // GPSLatitudeRef "S" (ASCII, inline: 0x53 0x00) and GPSLatitude (3 rationals at 56).
  ifd(26, [
    [1, 2, 2, 0x53000000],
    [2, 5, 3, 56],
  ]);
  [6, 1, 10, 1, 0, 1].forEach((value, i) => tiff.writeUInt32BE(value, 56 + i * 4));
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

async function pendingPosts(title: string): Promise<Array<{ id: number; author: number; featured_media: number; status: string }>> {
  const answer = await site.rest(`/wp/v2/posts?status=pending&search=${encodeURIComponent(title)}&context=edit&_fields=id,author,featured_media,status,title`, { user: 'admin' });
  return ((await answer.json()) as Array<{ id: number; author: number; featured_media: number; status: string; title: { raw: string } }>).filter(
    (post) => post.title.raw === title,
  );
}

function postMeta(postId: number): Record<string, string> {
  const db = new Database(join(site.files, 'wp-content', 'database', '.ht.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT meta_key, meta_value FROM wp_postmeta WHERE post_id = ? AND meta_key LIKE '\\_kabar\\_%' ESCAPE '\\'").all(postId) as Array<{ meta_key: string; meta_value: string }>;
    return Object.fromEntries(rows.map((row) => [row.meta_key, row.meta_value]));
  } finally {
    db.close();
  }
}

test('a story from a WordPress page becomes a pending post by the chosen author, with the writer kept as post meta', { timeout: 300_000 }, async () => {
  const story = await createPost('admin', { type: 'page', title: 'Kirim cerita', content: '<!-- wp:kabar/story-form /-->' }).catch(async () => {
    const answer = await site.rest('/wp/v2/pages', {
      method: 'POST',
      user: 'admin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'publish', title: 'Kirim cerita', content: '<!-- wp:kabar/story-form /-->' }),
    });
    return (await answer.json()) as { id: number; link: string };
  });
  const { text } = await html(story.link);
  assert.match(text, /<kabar-story-form [^>]*source="wordpress"[^>]*><form class="kabar-fallback" method="post" action="[^"]+admin-post\.php"/, 'a plain form that still posts');

  const page = await newPage();
  const hosts = hostsOf(page);
  await page.goto(story.link);
  const form = page.locator('kabar-story-form').first();
  await form.locator('form[part="form"]').waitFor();
  const title = 'Bakau untuk pantai kami';

  // One paragraph: refused, in the reader's language (the page is id_ID), and nothing is filed.
  await form.locator('#name').fill('Sari Wulandari');
  await form.locator('#email').fill('sari@contoh.id');
  await form.locator('#community').fill('Komunitas Pesisir Hijau');
  await form.locator('#title').fill(title);
  await form.locator('#body').pressSequentially('Hanya satu paragraf tentang pantai kami.', { delay: 20 });
  await form.locator('#elsewhere-yes').check();
  await form.locator('#originalUrl').fill('https://blog.contoh.id/bakau');
  await form.locator('#consent').check();
  await form.locator('button[part="submit"]').click();
  await form.locator('#body-error').waitFor();
  assert.match(await form.locator('#body-error').innerText(), /minimal 2 paragraf/);

  // Written at a person's pace: a story sent within a second of the form showing is a bot's and dropped, one under 3 s is marked.
  await form.locator('#body').fill('');
  await form.locator('#body').pressSequentially(TWO_PARAGRAPHS, { delay: 40 });
  await form.locator('button[part="submit"]').click();
  await form.locator('[part="receipt"]').waitFor();
  assert.match(await form.locator('[part="receipt"]').innerText(), /akan ditinjau redaksi/);
  assert.deepEqual([...hosts], [new URL(site.url).host], 'nothing from another host');
  await page.close();

  const filed = await pendingPosts(title);
  assert.equal(filed.length, 1);
  assert.equal(filed[0].author, 3, 'filed under the author of the settings');
  assert.deepEqual(postMeta(filed[0].id), {
    _kabar_writer_name: 'Sari Wulandari',
    _kabar_writer_email: 'sari@contoh.id',
    _kabar_community: 'Komunitas Pesisir Hijau',
    _kabar_original_url: 'https://blog.contoh.id/bakau',
  });
  // Editors see the writer beside the post.
  const editor = await signedIn('redaktur', 'redaktur-sandi');
  const edit = await editor.newPage();
  await edit.goto(`${site.url}/wp-admin/post.php?post=${filed[0].id}&action=edit`);
  await edit.waitForLoadState('load');
  const html2 = await edit.content();
  assert.match(html2, /Sari Wulandari/);
  await editor.close();
});

test('the story route: the photo is attached without EXIF or GPS, two sends under one Idempotency-Key make one post, one paragraph is refused with its field code', { timeout: 300_000 }, async () => {
  const photo = await jpegWithGps();
  assert.ok(photo.includes(Buffer.from('Exif\0\0', 'latin1')), 'the photo as sent carries EXIF');
  const title = 'Panen raya di Desa Sukamaju';
  const send = () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      name: 'Budi Santoso',
      email: 'budi@contoh.id',
      title,
      body: TWO_PARAGRAPHS,
      consent: 'true',
      website: '',
      elapsed_ms: '45000',
      photo_alt: 'Warga memanen padi',
    }))
      form.append(name, value);
    form.append('photo', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'panen.jpg');
    return fetch(`${site.url}/wp-json/kabar/v1/stories`, { method: 'POST', body: form, headers: { 'Idempotency-Key': 'cerita-panen-1' } });
  };
  const first = await send();
  assert.equal(first.status, 201, await first.clone().text());
  const receipt = (await first.json()) as { id: string; status: string; received_at: string };
  assert.equal(receipt.status, 'pending');
  const second = await send();
  assert.equal(second.status, 201);
  assert.deepEqual(await second.json(), receipt, 'the same answer again');
  const filed = await pendingPosts(title);
  assert.equal(filed.length, 1, 'one post for two sends');
  assert.equal(String(filed[0].id), receipt.id);
  assert.ok(filed[0].featured_media > 0, 'the photo is attached');

  const media = (await (await site.rest(`/wp/v2/media/${filed[0].featured_media}?context=edit`, { user: 'admin' })).json()) as {
    alt_text: string;
    post: number;
    media_details: { file: string; sizes?: Record<string, { file: string }> };
  };
  assert.equal(media.alt_text, 'Warga memanen padi');
  assert.equal(media.post, filed[0].id);
  const uploads = join(site.files, 'wp-content', 'uploads');
  const dir = join(uploads, media.media_details.file, '..');
  const stored = readdirSync(dir).filter((name) => name.startsWith('panen'));
  assert.ok(stored.length >= 1);
  for (const name of stored) {
    const bytes = readFileSync(join(dir, name));
    assert.ok(statSync(join(dir, name)).size > 100);
    assert.equal(bytes.includes(Buffer.from('Exif\0\0', 'latin1')), false, `${name} has no EXIF`);
    assert.equal(bytes.includes(Buffer.from([0x88, 0x25])), false, `${name} has no GPS pointer`);
  }

  const refused = await fetch(`${site.url}/wp-json/kabar/v1/stories`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'cerita-pendek-1' },
    body: JSON.stringify({ name: 'Budi', email: 'budi@contoh.id', title: 'Satu paragraf saja', body: 'Hanya satu.', consent: true, website: '', elapsed_ms: 45000 }),
  });
  assert.equal(refused.status, 422);
  assert.deepEqual(((await refused.json()) as { error: { fields: unknown } }).error.fields, { body: 'too_few_paragraphs' });
  assert.equal((await pendingPosts('Satu paragraf saja')).length, 0);
  assert.ok(existsSync(uploads));
});

interface WpComment {
  id: number;
  post: number;
  parent: number;
  author_name: string;
  date_gmt: string;
  status: string;
  content: { raw: string };
}
interface KabarComment {
  id: string;
  thread: string;
  parent_id: string | null;
  author: { name: string };
  body: string;
  created_at: string;
}

/** A WordPress GMT time (`2026-12-08T04:00:00`, no zone) as milliseconds. */
const gmt = (value: string) => Date.parse(`${value}Z`);

test("WordPress's own export (Tools › Export, all content) imports into a Kabar server with threads intact; a second run adds nothing", { timeout: 300_000 }, async (t) => {
  // A reply, so the export carries a wp:comment_parent: the admin answers the editor's comment.
  const mangrove = await seededPost('mangrove');
  const [editors] = (await (await site.rest(`/wp/v2/comments?post=${mangrove.id}&search=meliput`, { user: 'admin' })).json()) as Array<{ id: number }>;
  const replied = await site.rest('/wp/v2/comments', {
    method: 'POST',
    user: 'admin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ post: mangrove.id, parent: editors.id, content: 'Terima kasih, kami tunggu liputannya.' }),
  });
  assert.equal(replied.status, 201, await replied.clone().text());

  // What WordPress has: its published posts, their authors, and every comment that is not spam or trash.
  const posts = (await (await site.rest('/wp/v2/posts?per_page=100&context=edit&_fields=id,slug,title,date_gmt,author', { user: 'admin' })).json()) as Array<{
    id: number;
    slug: string;
    title: { raw: string };
    date_gmt: string;
    author: number;
  }>;
  const users = new Map(((await (await site.rest('/wp/v2/users?per_page=100&context=edit', { user: 'admin' })).json()) as Array<{ id: number; name: string }>).map((u) => [u.id, u.name]));
  const wpComments = ((await (await site.rest('/wp/v2/comments?per_page=100&context=edit&status=all', { user: 'admin' })).json()) as WpComment[]).filter((c) =>
    posts.some((p) => p.id === c.post),
  );
  const approved = wpComments.filter((c) => c.status === 'approved');
  const held = wpComments.filter((c) => c.status === 'hold');
  assert.ok(held.some((c) => c.author_name === 'Dewi Lestari'), "the guest's held comment is there");
  assert.ok(approved.some((c) => c.author_name === 'Agus Setiawan'), "the editor's comment is there");
  assert.ok(approved.some((c) => c.parent === editors.id), 'and the reply to it');

  // The export, as the signed-in admin downloads it from Tools › Export.
  const download = await admin.request.get(`${site.url}/wp-admin/export.php?download=true&content=all`, { timeout: 120_000 });
  assert.equal(download.status(), 200);
  assert.match(download.headers()['content-disposition'] ?? '', /attachment; filename=.+\.xml/);
  const wxr = await download.text();
  const file = join(mkdtempSync(join(tmpdir(), 'kabar-wxr-')), 'wordpress.xml');
  writeFileSync(file, wxr);
  t.diagnostic(`the export: ${(wxr.match(/<item>/g) ?? []).length} items, ${posts.length} published posts, ${(wxr.match(/<wp:comment>/g) ?? []).length} comments (${approved.length} approved, ${held.length} held on posts)`);

  const kabar = await startServer();
  try {
    const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
      const answer = await fetch(`${kabar.apiUrl}${path}`, init);
      assert.equal(answer.status, 200, `${path}: ${await answer.clone().text()}`);
      return (await answer.json()) as T;
    };
    const articles = () => api<{ total: number; items: Array<{ url: string; title: string; published_at: string; author?: { name: string }; comment_count: number }> }>('/articles?per_page=100');
    const thread = async (slug: string) => (await api<{ items: KabarComment[] }>(`/threads/${encodeURIComponent(articlePath(slug))}/comments?per_page=100`)).items;
    const queue = async () => (await api<{ comments: Array<KabarComment & { status: string }> }>('/admin/queue?per_page=100', { headers: { Authorization: `Bearer ${kabar.adminToken}` } })).comments;
    const env = { DATABASE: kabar.dbPath, DATABASE_URL: '' };
    const before = (await articles()).total;

    const first = await npmRun('import', ['wordpress', file], env);
    assert.equal(first.code, 0, first.stderr);
    t.diagnostic(first.stdout.trim());
    assert.match(first.stdout, new RegExp(`imported ${posts.length} articles and ${approved.length + held.length} comments`));

    const imported = await articles();
    assert.equal(imported.total, before + posts.length);
    const waiting = await queue();
    for (const post of posts) {
      const article = imported.items.find((a) => new URL(a.url).pathname === articlePath(post.slug));
      assert.ok(article, `"${post.title.raw}" is an article at /artikel/${post.slug}`);
      assert.equal(article.title, post.title.raw);
      assert.equal(article.author?.name, users.get(post.author), `"${post.title.raw}" by its author`);
      assert.equal(Date.parse(article.published_at), gmt(post.date_gmt), `"${post.title.raw}" on its date`);

      // Approved comments are public, in the post's thread, with their authors, dates and parents.
      const shown = await thread(post.slug);
      const mine = approved.filter((c) => c.post === post.id);
      assert.equal(article.comment_count, mine.length);
      assert.deepEqual(
        shown.map((c) => [c.author.name, Date.parse(c.created_at)]).sort(),
        mine.map((c) => [c.author_name, gmt(c.date_gmt)]).sort(),
        `the approved comments of "${post.title.raw}"`,
      );
      const counterpart = (c: WpComment) => shown.find((k) => k.author.name === c.author_name && Date.parse(k.created_at) === gmt(c.date_gmt));
      for (const comment of mine) {
        const parent = mine.find((c) => c.id === comment.parent);
        assert.equal(counterpart(comment)!.parent_id, parent ? counterpart(parent)!.id : null, `the parent of ${comment.author_name}'s comment`);
      }
      // Held ones wait for an editor, and are not public.
      for (const comment of held.filter((c) => c.post === post.id)) {
        assert.ok(
          waiting.some((k) => k.thread === articlePath(post.slug) && k.author.name === comment.author_name && Date.parse(k.created_at) === gmt(comment.date_gmt) && k.status === 'pending'),
          `${comment.author_name}'s held comment waits in the queue`,
        );
        assert.ok(!shown.some((k) => k.author.name === comment.author_name && Date.parse(k.created_at) === gmt(comment.date_gmt)), 'and is not public');
      }
    }
    const editorsComment = (await thread(posts.find((p) => p.id === mangrove.id)!.slug)).find((c) => c.body === 'Redaksi akan meliput penanaman berikutnya.');
    assert.ok(editorsComment, "the editor's comment, word for word");

    const second = await npmRun('import', ['wordpress', file], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /imported 0 articles and 0 comments/);
    const again = await articles();
    assert.equal(again.total, imported.total);
    assert.deepEqual(
      again.items.map((a) => [a.url, a.comment_count]),
      imported.items.map((a) => [a.url, a.comment_count]),
    );
    assert.equal((await queue()).length, waiting.length);
  } finally {
    await kabar.stop();
  }
});

test('deactivating and deleting the plugin (its uninstall) leaves no PHP warning or notice and removes its option', { timeout: 300_000 }, async () => {
  const logFrom = site.log().length;
  const page = await admin.newPage();
  await page.goto(`${site.url}/wp-admin/plugins.php`);
  const row = page.locator('tr[data-slug="kabar"]');
  await Promise.all([page.waitForURL(/deactivate=true/), row.locator('span.deactivate a').click()]);
  page.once('dialog', (dialog) => void dialog.accept());
  await row.locator('span.delete a').click();
  await page.locator('tr[data-slug="kabar"].deleted').waitFor();
  await page.close();
  assert.equal(storedOption('kabar_settings'), undefined);
  assert.equal(existsSync(join(site.files, 'wp-content', 'plugins', 'kabar')), false);
  assert.deepEqual(pluginLogLines(logFrom), []);
});
