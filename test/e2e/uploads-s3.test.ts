/**
 * The reference server as it is deployed with its photos in a bucket
 * (`KABAR_UPLOADS_URL=s3://…`) and its production defaults: the demo's
 * pictures go to the bucket and are served from it, and a reader's photo
 * stays private there until an editor publishes the story.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { solidPng } from '../../server/images/solid-png.js';
import { KEY, testBucket } from '../node/server/s3-bucket.js';
import { startServer, type RunningServer } from './harness.js';

const bucket = testBucket();
let server: RunningServer;

before(async () => {
  server = await startServer({ env: { KABAR_UPLOADS_URL: await bucket.uploadsUrl('berita'), ...KEY } });
});
after(() => server?.stop());

const fileOf = (src: string): string => new URL(src).pathname.split('/').pop()!;

test("the demo's pictures are kept in the bucket and served at /uploads/ with a year's cache", async () => {
  const listing = (await (await fetch(`${server.apiUrl}/articles?per_page=1`)).json()) as { items: Array<{ image: { src: string } }> };
  const src = listing.items[0].image.src;
  assert.equal(new URL(src).origin, server.url);
  const answer = await fetch(src);
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('Content-Type'), 'image/svg+xml');
  assert.equal(answer.headers.get('Cache-Control'), 'public, max-age=31536000, immutable');
  assert.deepEqual(Buffer.from(await answer.arrayBuffer()), await bucket.view('berita').bytes('public', fileOf(src)));
  // The demo's stories waiting for review hold their photos privately.
  assert.ok((await bucket.view('berita').files('private')).length > 0);
});

test("a reader's photo is private in the bucket until an editor approves the story, then public", async () => {
  const form = new FormData();
  const fields = {
    name: 'Sari',
    email: 'sari@example.org',
    title: 'Foto kiriman pembaca ke bucket',
    body: 'Paragraf pertama cerita ini.\n\nParagraf kedua cerita ini.',
    consent: 'true',
    photo_alt: 'Kotak biru',
    // Written over a minute and a half: the fill-time rule of production lets it through as a person's.
    elapsed_ms: '90000',
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const photo = solidPng(24, 16, [20, 60, 200]);
  form.append('photo', new Blob([new Uint8Array(photo)]), 'foto.png');
  const sent = await fetch(`${server.apiUrl}/stories`, { method: 'POST', body: form });
  assert.equal(sent.status, 201, await sent.clone().text());
  const { id } = (await sent.json()) as { id: string };

  const editor = { Authorization: `Bearer ${server.adminToken}` };
  const queue = (await (await fetch(`${server.apiUrl}/admin/queue?per_page=100`, { headers: editor })).json()) as {
    stories: Array<{ id: string; photo: { src: string } }>;
  };
  const file = fileOf(queue.stories.find((s) => s.id === id)!.photo.src);
  assert.deepEqual(await bucket.view('berita').bytes('private', file), photo);
  assert.equal((await fetch(`${server.url}/uploads/${file}`)).status, 404);

  const approved = await fetch(`${server.apiUrl}/admin/stories/${id}`, {
    method: 'POST',
    headers: { ...editor, 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'approve' }),
  });
  assert.equal(approved.status, 200);
  const published = await fetch(`${server.url}/uploads/${file}`);
  assert.equal(published.status, 200);
  assert.deepEqual(Buffer.from(await published.arrayBuffer()), photo);
  assert.equal(await bucket.view('berita').bytes('private', file), undefined);
});
