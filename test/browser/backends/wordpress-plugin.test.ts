import { expect } from '@open-wc/testing';
import { BackendError } from '../../../src/backends/backend.js';
import { SEND_CODES } from '../../../src/backends/codes.js';
import { WordPressApi, useWordPressNonce } from '../../../src/backends/wordpress-api.js';
import { wordPressPage } from '../../../src/backends/wordpress-page.js';
import { WordPressStories } from '../../../src/backends/wordpress.js';
import { describeError } from '../../../src/core/i18n/errors.js';
import { en } from '../../../src/core/i18n/en.js';
import { id } from '../../../src/core/i18n/id.js';
import { installFakeFetch, json, type FakeFetch } from './fake-fetch.js';

/** What the Kabar plugin adds to WordPress: the page's own REST links, the story route, the signed-in reader's nonce. */

const story = {
  name: 'Sari Wulandari',
  email: 'sari@contoh.id',
  title: 'Bakau untuk pantai kami',
  body: 'Satu.\n\nDua.',
  consent: true as const,
  website: '',
  elapsedMs: 40_000,
};

/** A catalogue as `describeError` reads it. */
const catalogue = (messages: Record<string, unknown>) =>
  ({
    t: (key: string, values?: Record<string, unknown>) => {
      const message = messages[key];
      return typeof message === 'function' ? (message as (p: unknown) => string)(values) : String(message);
    },
  }) as unknown as Parameters<typeof describeError>[0];

function documentWith(head: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><head>${head}</head><body></body></html>`, 'text/html');
}

describe('wordPressPage', () => {
  it('reads the site and the post from the alternate JSON link WordPress prints on a post', () => {
    const doc = documentWith('<link rel="alternate" type="application/json" href="https://warta.example/berita/wp-json/wp/v2/posts/62">');
    expect(wordPressPage(doc)).to.deep.equal({ site: 'https://warta.example/berita', post: '62' });
  });

  it('reads the ?rest_route= form of a site without pretty permalinks, and pages as well as posts', () => {
    const doc = documentWith('<link rel="alternate" type="application/json" href="https://warta.example/index.php?rest_route=/wp/v2/pages/7">');
    expect(wordPressPage(doc)).to.deep.equal({ site: 'https://warta.example', post: '7' });
  });

  it('on a page that is no post, gives the site from the REST root link and no post', () => {
    const doc = documentWith('<link rel="https://api.w.org/" href="https://warta.example/wp-json/"><link rel="alternate" type="application/rss+xml" href="https://warta.example/feed/">');
    expect(wordPressPage(doc)).to.deep.equal({ site: 'https://warta.example', post: '' });
  });

  it('gives nothing on a page that is not WordPress', () => {
    expect(wordPressPage(documentWith('<title>x</title>'))).to.equal(undefined);
  });
});

describe('WordPressStories (the plugin\u2019s kabar/v1 route)', () => {
  let fetch: FakeFetch;
  let sites = 0;
  const newSite = () => `http://127.0.0.1:${8950 + sites++}`;

  beforeEach(() => {
    fetch = installFakeFetch();
  });
  afterEach(() => fetch.restore());

  it('on a site without the plugin fails `unsupported`, worded as "this site cannot take stories" in both languages, and sends nothing', async () => {
    fetch.answer(json({ namespaces: ['oembed/1.0', 'wp/v2', 'wp-site-health/v1'] }));
    const error = await new WordPressStories(newSite()).submitStory(story).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BackendError);
    expect((error as BackendError).kind).to.equal('unsupported');
    expect((error as BackendError).code).to.equal(SEND_CODES.noStoryRoute);
    expect(fetch.calls.map((call) => call.method)).to.deep.equal(['GET']);
    expect(new URL(fetch.calls[0].url).pathname).to.equal('/wp-json/');
    expect(describeError(catalogue(id), error as BackendError)).to.equal(id['error.noStoryRoute']);
    expect(describeError(catalogue(en), error as BackendError)).to.match(/cannot take stories/);
  });

  it('posts to /wp-json/kabar/v1/stories with the Idempotency-Key and maps the receipt', async () => {
    fetch.answer(json({ namespaces: ['wp/v2', 'kabar/v1'] }), json({ id: '41', status: 'pending', received_at: '2026-12-08T03:00:00+00:00' }, { status: 201 }));
    const site = newSite();
    const receipt = await new WordPressStories(site).submitStory(story, { idempotencyKey: 'kunci-1' });
    expect(receipt).to.deep.equal({ id: '41', status: 'pending', receivedAt: '2026-12-08T03:00:00+00:00' });
    const post = fetch.calls[1];
    expect(post.method).to.equal('POST');
    expect(post.url).to.equal(`${site}/wp-json/kabar/v1/stories`);
    expect(post.headers.get('Idempotency-Key')).to.equal('kunci-1');
    expect(JSON.parse(post.body as string)).to.include({ title: story.title, elapsed_ms: 40000, website: '' });
  });

  it('reads the route\u2019s refusals as the Kabar API\u2019s: per-field codes under the model\u2019s names', async () => {
    fetch.answer(
      json({ namespaces: ['kabar/v1'] }),
      json({ error: { code: 'validation_failed', message: 'x', fields: { body: 'too_few_paragraphs', original_url: 'invalid_url' } } }, { status: 422 }),
    );
    const error = (await new WordPressStories(newSite()).submitStory(story).catch((e: unknown) => e)) as BackendError;
    expect(error.kind).to.equal('validation');
    expect(error.fields).to.deep.equal({ body: 'too_few_paragraphs', originalUrl: 'invalid_url' });
  });
});

describe('the REST nonce of a signed-in reader', () => {
  let fetch: FakeFetch;
  beforeEach(() => {
    fetch = installFakeFetch();
  });
  afterEach(() => fetch.restore());

  it('goes with requests to the page\u2019s own site only', async () => {
    // A site of its own path, so no other test's nonce is in play.
    const own = `${location.origin}/nonce-site-1`;
    useWordPressNonce(own, 'nonce-1');
    fetch.answer(json([]));
    await new WordPressApi(own).request('/wp/v2/comments');
    await new WordPressApi('http://127.0.0.1:8999').request('/wp/v2/comments');
    expect(fetch.calls.map((call) => call.headers.get('X-WP-Nonce'))).to.deep.equal(['nonce-1', null]);
  });

  it('is dropped when WordPress says it expired (a cached page), and the request goes again as a visitor', async () => {
    const own = `${location.origin}/nonce-site-2`;
    useWordPressNonce(own, 'stale');
    fetch.answer(json({ code: 'rest_cookie_invalid_nonce', message: 'Cookie check failed', data: { status: 403 } }, { status: 403 }), json([]));
    await new WordPressApi(own).request('/wp/v2/comments');
    await new WordPressApi(own).request('/wp/v2/comments');
    expect(fetch.calls.map((call) => call.headers.get('X-WP-Nonce'))).to.deep.equal(['stale', null, null]);
  });
});
