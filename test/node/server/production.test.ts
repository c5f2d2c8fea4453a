/**
 * The production settings the README gives (deploy/kabar.env), started as the
 * real server process: no demo content and no demo routes, and the API, the
 * editors' queue, article pages and /healthz all working.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { admin, startServer } from '../../e2e/harness.js';
import { validComment, validStory } from './helpers.js';

const envFile = readFileSync(new URL('../../../deploy/kabar.env', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** KEY=VALUE lines, as systemd's EnvironmentFile and `docker run --env-file` read them. */
const production = Object.fromEntries(
  envFile
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

test('the README shows the production settings exactly as deploy/kabar.env holds them', () => {
  assert.ok(readme.includes(envFile.trim()), 'README.md and deploy/kabar.env differ');
  assert.equal(production.KABAR_DEMO, 'off');
  assert.equal(production.NODE_ENV, 'production');
});

test('with the production settings the site starts empty, without demo routes, and the API works', async () => {
  // The data directory and port are the test's own; every other setting is the file's.
  const { DATABASE: _database, PORT: _port, ...settings } = production;
  const server = await startServer({
    // The harness turns rate limits and the fill-time rule off by default: production has them on.
    env: { ...settings, KABAR_RATE_LIMIT: 'on', KABAR_MIN_FILL_MS: '3000' },
  });
  try {
    const articles = (await (await fetch(`${server.apiUrl}/articles`)).json()) as { total: number; items: unknown[] };
    assert.deepEqual([articles.total, articles.items], [0, []]);
    const categories = (await (await fetch(`${server.apiUrl}/categories`)).json()) as { items: unknown[] };
    assert.deepEqual(categories.items, []);
    const queue = await admin(server, 'GET', '/queue');
    assert.deepEqual([queue.body.stories, queue.body.comments], [[], []]);
    for (const path of ['/', '/demo/', '/demo/feed.html', '/wp-replay/wp-json/wp/v2/posts']) {
      assert.equal((await fetch(`${server.url}${path}`, { redirect: 'manual' })).status, 404, path);
    }
    for (const path of ['/healthz', '/kabar.js', '/admin']) assert.equal((await fetch(`${server.url}${path}`)).status, 200, path);

    // A writer's story, approved by an editor, becomes the site's first article at its public address.
    const sent = await fetch(`${server.apiUrl}/stories`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'cerita-pertama' },
      body: JSON.stringify(validStory({ title: 'Kabar Pertama dari Koalisi' })),
    });
    assert.equal(sent.status, 201);
    const receipt = (await sent.json()) as { id: string; received_at: string };
    assert.match(receipt.received_at, /\+07:00$/);
    assert.equal((await admin(server, 'POST', `/stories/${receipt.id}`, { action: 'approve' })).status, 200);
    const list = (await (await fetch(`${server.apiUrl}/articles`)).json()) as { total: number; items: Array<{ url: string; title: string }> };
    assert.equal(list.total, 1);
    assert.equal(list.items[0].title, 'Kabar Pertama dari Koalisi');
    assert.ok(list.items[0].url.startsWith(`${production.KABAR_PUBLIC_URL}/artikel/`), list.items[0].url);
    const path = new URL(list.items[0].url).pathname;
    const page = await fetch(`${server.url}${path}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<h1 dir="auto">Kabar Pertama dari Koalisi<\/h1>/);
    const comment = await fetch(`${server.apiUrl}/threads/${encodeURIComponent(path)}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(validComment()),
    });
    assert.equal(comment.status, 201);
    assert.equal(((await comment.json()) as { status: string }).status, 'pending');
  } finally {
    await server.stop();
  }
});
