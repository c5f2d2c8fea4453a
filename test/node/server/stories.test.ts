/** POST /stories: validation by the shared rules, photos by their bytes, bots, duplicates, idempotency. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN, assertDocumented, readAnswer, solidPng, testServer, validStory, type TestServer } from './helpers.js';

let server: TestServer;
let base: string;
before(async () => {
  // The concurrency test below opens 200 sockets at once from this one address; production caps an
  // address at 128 (connections.test.ts checks that cap), which is not what that test is about.
  server = await testServer({ KABAR_MAX_CONNECTIONS_PER_ADDRESS: '256' });
  base = await server.listen();
});
after(() => server.close());

const queue = async () =>
  (await server.api('GET', '/admin/queue?sort=newest&per_page=100', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).body;

function multipart(fields: Record<string, unknown>, photo?: { bytes: Uint8Array; name: string; type: string }): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  if (photo) form.append('photo', new Blob([new Uint8Array(photo.bytes)], { type: photo.type }), photo.name);
  return form;
}

test('a JSON story is received: 201 with a pending receipt, and it waits in the queue', async () => {
  const answer = await server.api('POST', '/stories', { json: validStory({ title: 'Cerita JSON yang diterima' }) });
  assert.equal(answer.status, 201);
  assert.equal(answer.body.status, 'pending');
  assert.match(answer.body.received_at, /\+07:00$/);
  const waiting = (await queue()).stories.find((s: { id: string }) => s.id === answer.body.id);
  assert.equal(waiting.title, 'Cerita JSON yang diterima');
  assert.equal(waiting.community, 'Komunitas Baca Kali Code');
});

test('a one-paragraph story sent like curl (plain fetch, no form) is refused: 422, fields.body = too_few_paragraphs', async () => {
  const response = await fetch(`${base}/api/v1/stories`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(validStory({ body: 'Hanya satu paragraf, sepanjang apa pun kalimatnya ditulis di sini.' })),
  });
  const answer = await readAnswer(response);
  assertDocumented('POST', '/stories', answer.status, answer.headers, answer.body);
  assert.equal(answer.status, 422);
  assert.equal(answer.body.error.code, 'validation_failed');
  assert.deepEqual(answer.body.error.fields, { body: 'too_few_paragraphs' });
});

test('KABAR_MIN_PARAGRAPHS sets the server’s paragraph rule, for a site whose form asks for another number', async () => {
  const oneParagraph = validStory({ body: 'Satu paragraf cukup di situs ini.' });
  const lenient = await testServer({ KABAR_MIN_PARAGRAPHS: '1' }, { seed: false });
  const strict = await testServer({ KABAR_MIN_PARAGRAPHS: '3' }, { seed: false });
  try {
    assert.equal((await lenient.api('POST', '/stories', { json: oneParagraph })).status, 201);
    const refused = await strict.api('POST', '/stories', { json: validStory() });
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.body.error.fields, { body: 'too_few_paragraphs' });
  } finally {
    await lenient.close();
    await strict.close();
  }
});

test('every rule of the form holds on the server, with snake_case field names', async () => {
  const answer = await server.api('POST', '/stories', {
    json: { name: '', email: 'bukan-email', title: 'Ya', body: '', original_url: 'javascript:alert(1)', photo_alt: 'x', consent: false },
  });
  assert.equal(answer.status, 422);
  assert.deepEqual(answer.body.error.fields, {
    name: 'required',
    email: 'invalid_email',
    title: 'too_short',
    body: 'required',
    original_url: 'invalid_url',
    consent: 'consent_required',
  });
});

test('malformed JSON is a 400; a body that is neither JSON nor multipart is a 415', async () => {
  const broken = await server.api('POST', '/stories', { body: '{"name":', headers: { 'Content-Type': 'application/json' } });
  assert.equal(broken.status, 400);
  assert.equal(broken.body.error.code, 'invalid_json');
  const plain = await server.api('POST', '/stories', { body: 'name=Ani', headers: { 'Content-Type': 'text/plain' } });
  assert.equal(plain.status, 415);
  assert.equal(plain.body.error.code, 'unsupported_media_type');
});

test('a JSON body over 64 KB is a 413', async () => {
  const answer = await server.api('POST', '/stories', { json: validStory({ body: `a\n\n${'b'.repeat(70 * 1024)}` }) });
  assert.equal(answer.status, 413);
  assert.equal(answer.body.error.code, 'payload_too_large');
});

test('multipart with a real PNG is received; its photo is for editors only until the story is published', async () => {
  const png = solidPng(40, 30, [10, 120, 200]);
  const answer = await readAnswer(
    await fetch(`${base}/api/v1/stories`, {
      method: 'POST',
      body: multipart(validStory({ title: 'Cerita dengan foto', photo_alt: 'Kotak biru' }), { bytes: png, name: 'foto.png', type: 'image/png' }),
    }),
  );
  assertDocumented('POST', '/stories', answer.status, answer.headers, answer.body);
  assert.equal(answer.status, 201);
  const story = (await queue()).stories.find((s: { id: string }) => s.id === answer.body.id);
  assert.equal(story.photo.alt, 'Kotak biru');
  assert.equal(story.photo.width, 40);
  assert.equal(story.photo.height, 30);
  const file = story.photo.src.split('/').pop();
  assert.equal(story.photo.src, `http://127.0.0.1/api/v1/admin/photos/${file}`);
  assert.equal((await fetch(`${base}/uploads/${file}`)).status, 404, 'not public while it waits');
  const heldUrl = `${base}/api/v1/admin/photos/${file}`;
  assert.equal((await fetch(heldUrl)).status, 401, 'the editors\' address needs the token');
  const held = await fetch(heldUrl, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(held.status, 200);
  assert.equal(held.headers.get('Content-Type'), 'image/png');
  assert.equal(held.headers.get('Cache-Control'), 'no-store');
  assert.deepEqual(Buffer.from(await held.arrayBuffer()), png);

  const approved = await server.api('POST', `/admin/stories/${story.id}`, { json: { action: 'approve' }, headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(approved.body.article.image.src, `http://127.0.0.1/uploads/${file}`);
  const photo = await fetch(`${base}/uploads/${file}`);
  assert.equal(photo.status, 200);
  assert.equal(photo.headers.get('Content-Type'), 'image/png');
  assert.equal(photo.headers.get('Content-Security-Policy'), "default-src 'none'; sandbox");
  assert.equal(photo.headers.get('Content-Disposition'), 'inline');
  assert.equal(photo.headers.get('X-Content-Type-Options'), 'nosniff');
  assert.match(photo.headers.get('Cache-Control')!, /max-age=31536000/);
  assert.deepEqual(Buffer.from(await photo.arrayBuffer()), png);
});

test('a JPEG is told by its bytes even when it is named .png and declared as text', async () => {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 20, 0, 30, 1, 1, 0x11, 0, 0xff, 0xd9]);
  const answer = await readAnswer(
    await fetch(`${base}/api/v1/stories`, {
      method: 'POST',
      body: multipart(validStory({ title: 'Cerita dengan JPEG', photo_alt: 'Foto' }), { bytes: jpeg, name: 'x.png', type: 'text/plain' }),
    }),
  );
  assert.equal(answer.status, 201);
  const story = (await queue()).stories.find((s: { id: string }) => s.id === answer.body.id);
  assert.match(story.photo.src, /\.jpg$/);
  assert.equal(story.photo.width, 30);
  assert.equal(story.photo.height, 20);
});

test('a text file named .jpg is refused by its bytes: 415 with fields.photo = photo_type, nothing kept', async () => {
  const before = (await queue()).stories.length;
  const answer = await readAnswer(
    await fetch(`${base}/api/v1/stories`, {
      method: 'POST',
      body: multipart(validStory({ title: 'Foto palsu', photo_alt: 'Foto' }), {
        bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>'),
        name: 'foto.jpg',
        type: 'image/jpeg',
      }),
    }),
  );
  assertDocumented('POST', '/stories', answer.status, answer.headers, answer.body);
  assert.equal(answer.status, 415);
  assert.equal(answer.body.error.fields.photo, 'photo_type');
  assert.equal((await queue()).stories.length, before);
});

test('a photo over the limit is a 413 naming the photo; a photo without its description is a 422', async () => {
  const small = await testServer({ KABAR_MAX_PHOTO_BYTES: '1000' }, { seed: false });
  try {
    const big = solidPng(400, 400, [1, 2, 3]);
    const form = multipart(validStory({ photo_alt: 'Besar' }), { bytes: Buffer.concat([big, Buffer.alloc(2000, 7)]), name: 'b.png', type: 'image/png' });
    const tooLarge = await small.api('POST', '/stories', { body: form });
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.error.fields.photo, 'photo_too_large');
    const whole = await small.api('POST', '/stories', {
      body: multipart(validStory({ photo_alt: 'x' }), { bytes: Buffer.alloc(1024 * 1024 + 2000, 1), name: 'huge.png', type: 'image/png' }),
    });
    assert.equal(whole.status, 413, 'the body limit (photo limit + 1 MB) holds before anything is parsed');
  } finally {
    await small.close();
  }
  const noAlt = await readAnswer(
    await fetch(`${base}/api/v1/stories`, {
      method: 'POST',
      body: multipart(validStory(), { bytes: solidPng(4, 4, [0, 0, 0]), name: 'a.png', type: 'image/png' }),
    }),
  );
  assert.equal(noAlt.status, 422);
  assert.deepEqual(noAlt.body.error.fields, { photo_alt: 'alt_required' });
});

test('the same sender sending the same title while it waits is a 409 duplicate', async () => {
  const story = validStory({ title: 'Cerita yang terkirim dua kali' });
  assert.equal((await server.api('POST', '/stories', { json: story })).status, 201);
  const again = await server.api('POST', '/stories', { json: story });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'duplicate');
});

test('Idempotency-Key: a retry gets the same answer and makes no second record; other content with the key is a 422', async () => {
  const key = 'story-retry-1';
  const story = validStory({ title: 'Cerita yang dikirim ulang' });
  const first = await server.api('POST', '/stories', { json: story, headers: { 'Idempotency-Key': key } });
  const second = await server.api('POST', '/stories', { json: story, headers: { 'Idempotency-Key': key } });
  assert.equal(first.status, 201);
  assert.equal(second.status, 201);
  assert.deepEqual(second.body, first.body);
  assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
  assert.equal((await queue()).stories.filter((s: { title: string }) => s.title === 'Cerita yang dikirim ulang').length, 1);
  const reused = await server.api('POST', '/stories', { json: { ...story, title: 'Cerita lain sama sekali' }, headers: { 'Idempotency-Key': key } });
  assert.equal(reused.status, 422);
  assert.equal(reused.body.error.code, 'idempotency_key_reused');
  const bad = await server.api('POST', '/stories', { json: story, headers: { 'Idempotency-Key': 'spasi di kunci' } });
  assert.equal(bad.status, 400);
});

test('a refused send is not kept for its key: corrected, the same key goes through', async () => {
  const key = 'story-corrected';
  const refused = await server.api('POST', '/stories', { json: validStory({ title: 'Dikoreksi', body: 'satu' }), headers: { 'Idempotency-Key': key } });
  assert.equal(refused.status, 422);
  const corrected = await server.api('POST', '/stories', { json: validStory({ title: 'Dikoreksi' }), headers: { 'Idempotency-Key': key } });
  assert.equal(corrected.status, 201);
});

test('50 concurrent sends of one story with one key over a socket: one record, 50 identical answers', async () => {
  const body = JSON.stringify(validStory({ title: 'Lima puluh kali bersamaan' }));
  const answers = await Promise.all(
    Array.from({ length: 50 }, () =>
      fetch(`${base}/api/v1/stories`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'fifty' }, body }).then(
        async (r) => ({ status: r.status, text: await r.text() }),
      ),
    ),
  );
  assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
  assert.equal(new Set(answers.map((a) => a.text)).size, 1);
  assert.equal((await queue()).stories.filter((s: { title: string }) => s.title === 'Lima puluh kali bersamaan').length, 1);
});

test('200 concurrent distinct stories over a socket make exactly 200 records', async () => {
  const [before] = await server.query<{ n: number }>('SELECT COUNT(*) AS n FROM stories');
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      fetch(`${base}/api/v1/stories`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `distinct-${i}` },
        body: JSON.stringify(validStory({ title: `Cerita serentak nomor ${i}`, email: `penulis${i}@example.org` })),
      }).then((r) => r.status),
    ),
  );
  assert.equal(answers.filter((s) => s === 201).length, 200);
  const [after] = await server.query<{ n: number }>('SELECT COUNT(*) AS n FROM stories');
  assert.equal(after.n - before.n, 200);
});
