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
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { buildWordPress } from '../../scripts/build-wordpress.mjs';
import { launchBrowser, withLock } from './harness.js';
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

/** A browser context signed in through wp-login.php, as a person signs in. */
async function signedIn(login: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/wp-login.php`);
  await page.locator('#user_login').fill(login);
  await page.locator('#user_pass').fill(password);
  await Promise.all([page.waitForURL(/\/wp-admin\//, { timeout: 60_000 }), page.locator('#wp-submit').click()]);
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
  await feed.locator('[part~="card"]').first().waitFor({ timeout: 30_000 });
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
  await activate.waitFor({ timeout: 60_000 });
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

test("an author's post with the feed block shows cards; the fallback links are in the HTML and hidden once the cards are there", { timeout: 120_000 }, async () => {
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

  const page = await browser.newPage();
  const hosts = hostsOf(page);
  await page.goto(post.link);
  const feed = await cardsShown(page);
  assert.equal(await feed.locator('[part~="card"]').count(), 3);
  assert.equal(await page.locator('kabar-article-feed ul.kabar-fallback').isVisible(), false, 'the fallback list is hidden under the cards');
  assert.deepEqual([...hosts], [new URL(site.url).host], 'nothing from another host');
  await page.close();
});

test('[kabar_feed] in the classic editor survives wpautop: the element stays whole and its fallback hides', { timeout: 120_000 }, async () => {
  // What the classic editor saves: no block markup, paragraphs by blank lines, wpautop on display.
  const post = await createPost('penulis', { title: 'Berita lewat kode pendek', content: 'Kabar terbaru dari warga:\n\n[kabar_feed per-page="2"]\n\nSampai jumpa.' });
  const { text } = await html(post.link);
  assert.doesNotMatch(text, /<p>\s*<kabar-article-feed/);
  assert.doesNotMatch(text, /<kabar-article-feed[^>]*>\s*<\/p>/);
  assert.match(text, /<kabar-article-feed [^>]*per-page="2"[^>]*><ul class="kabar-fallback">(<li><a href="[^"]+">[^<]+<\/a><\/li>){2}<\/ul><\/kabar-article-feed>/);

  const page = await browser.newPage();
  await page.goto(post.link);
  const feed = await cardsShown(page);
  assert.equal(await feed.locator('[part~="card"]').count(), 2);
  assert.equal(await page.locator('kabar-article-feed ul.kabar-fallback').isVisible(), false);
  await page.close();
});
