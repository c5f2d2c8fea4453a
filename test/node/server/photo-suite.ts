/**
 * What a photo sent with a story goes through, whatever keeps its bytes:
 * metadata removed before anything is kept, private until the story is
 * published, public after (private again while its article is unpublished),
 * gone with a refused, duplicate or erased story.
 * Run against the local folders and against a real S3-compatible server.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Where } from '../../../server/uploads/index.js';
import { ADMIN_TOKEN, solidPng, validStory, type TestServer } from './helpers.js';

// Images with metadata, built byte by byte -----------------------------------------

const u16 = (n: number) => [n >> 8, n & 0xff];
const segment = (marker: number, payload: Uint8Array | number[]) => Buffer.from([0xff, marker, ...u16(payload.length + 2), ...payload]);

/** What the stored JPEG must be: SOI, a minimal JFIF, the tables, frame, scan and EOI of the original. */
const JPEG_CORE = {
  dqt: segment(0xdb, [0, ...Array.from({ length: 64 }, () => 1)]),
  sof: segment(0xc0, [8, ...u16(20), ...u16(30), 1, 1, 0x11, 0]),
  sos: segment(0xda, [1, 1, 0, 0, 63, 0]),
  // Coded data with a stuffed 0xFF00 and a restart marker, which are not segments.
  data: Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]),
};
const JFIF = segment(0xe0, [...Buffer.from('JFIF\0', 'latin1'), 1, 2, 1, 0, 72, 0, 72, 0, 0]);

export function jpegWithGps(): Buffer {
  const exif = Buffer.concat([
    Buffer.from('Exif\0\0MM\0*\0\0\0\x08', 'latin1'),
    Buffer.from('GPSLatitude S 7 47 44.2 GPSLongitude E 110 22 10.3 Kamera Rumah Pak RT', 'latin1'),
  ]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    // A JFIF header with a thumbnail: only the minimal form is kept.
    segment(0xe0, [...Buffer.from('JFIF\0', 'latin1'), 1, 2, 1, 0, 72, 0, 72, 1, 1, 9, 9, 9]),
    segment(0xe1, exif),
    segment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS</x:xmpmeta>', 'latin1')),
    segment(0xed, Buffer.from('Photoshop 3.0\x008BIM IPTC penulis', 'latin1')),
    segment(0xfe, Buffer.from('komentar kamera', 'latin1')),
    JPEG_CORE.dqt,
    JPEG_CORE.sof,
    JPEG_CORE.sos,
    JPEG_CORE.data,
    Buffer.from([0xff, 0xd9]),
  ]);
}
export const cleanJpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8]), JFIF, JPEG_CORE.dqt, JPEG_CORE.sof, JPEG_CORE.sos, JPEG_CORE.data, Buffer.from([0xff, 0xd9])]);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

/** A real PNG with these chunks slipped in after its header. */
function pngWith(clean: Buffer, chunks: Array<[type: string, data: Buffer]>): Buffer {
  const afterHeader = 8 + 25;
  return Buffer.concat([clean.subarray(0, afterHeader), ...chunks.map(([type, data]) => pngChunk(type, data)), clean.subarray(afterHeader)]);
}

/** A real PNG with text, EXIF and time chunks. */
export const pngWithText = (clean: Buffer): Buffer =>
  pngWith(clean, [
    ['tEXt', Buffer.from('Comment\0Lokasi rumah', 'latin1')],
    ['eXIf', Buffer.from('MM\0*GPS', 'latin1')],
    ['iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>', 'latin1')],
    ['zTXt', Buffer.from('Author\0\0xx', 'latin1')],
    ['tIME', Buffer.from([7, 234, 12, 1, 10, 0, 0])],
  ]);

/** A C2PA manifest store as it travels in a JUMBF box: its label, and a claim that can carry where the photo was taken. */
export const C2PA_MANIFEST = Buffer.from('jumb\0\0\0\x1ejumdc2pa\0c2pa.assertions stds.exif GPSLatitude -7.7956 GPSLongitude 110.3695', 'latin1');

/**
 * A real PNG with what the red-team found surviving a deny-list: `exIf` and `zxIf` (EXIF under
 * names a deny-list does not know) and `caBX` (C2PA), plus a private chunk of no known meaning.
 */
export const pngWithHiddenChunks = (clean: Buffer): Buffer =>
  pngWith(clean, [
    ['exIf', Buffer.from('MM\0*GPS -7.79 110.36', 'latin1')],
    ['zxIf', Buffer.from('MM\0*GPS terkompresi', 'latin1')],
    ['caBX', C2PA_MANIFEST],
    ['prVt', Buffer.from('catatan pribadi', 'latin1')],
  ]);

export function riffChunk(type: string, data: number[] | Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([Buffer.from(type, 'latin1'), size, Buffer.from(data), Buffer.alloc(data.length % 2)]);
}
export function riff(chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
}
/** A VP8X header of a 30 × 20 canvas with these flags. */
export const vp8x = (flags: number) => riffChunk('VP8X', [flags, 0, 0, 0, 29, 0, 0, 19, 0, 0]);
export const vp8 = riffChunk('VP8 ', [1, 2, 3, 4, 5]);
/** A WebP with a C2PA chunk and an unknown one after its image data. */
export const webpWithC2pa = () => riff([vp8x(0x10), vp8, riffChunk('C2PA', C2PA_MANIFEST), riffChunk('GPS ', Buffer.from('-7.79,110.36'))]);

// Through the server ---------------------------------------------------------------

export const editor = { Authorization: `Bearer ${ADMIN_TOKEN}` };

export function multipart(fields: Record<string, unknown>, photo: { bytes: Uint8Array; name: string }): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  form.append('photo', new Blob([new Uint8Array(photo.bytes)]), photo.name);
  return form;
}

export const sendStory = (server: TestServer, title: string, photo: { bytes: Uint8Array; name: string }, headers: Record<string, string> = {}, fields: Record<string, unknown> = {}) =>
  server.api('POST', '/stories', { body: multipart(validStory({ title, photo_alt: 'Foto kiriman', ...fields }), photo), headers });

/** The file name of a photo's address (public or the editors'). */
export const fileOf = (src: string): string => src.split('/').pop()!;

/** The photo file of a story waiting in the queue. */
export async function queuedPhoto(server: TestServer, id: string): Promise<{ file: string; width: number }> {
  const queue = await server.api('GET', '/admin/queue?per_page=100', { headers: editor });
  const story = queue.body.stories.find((s: { id: string }) => s.id === id);
  return { file: fileOf(story.photo.src), width: story.photo.width };
}

/** How a suite looks at the storage itself, not through the server. */
export interface PhotoPlaces {
  /** The photo names kept in one place. */
  files(where: Where): Promise<string[]>;
  /** The bytes kept under a name in one place, or undefined. */
  bytes(where: Where, file: string): Promise<Buffer | undefined>;
}

export function photoBehaviour(label: string, start: () => Promise<{ server: TestServer; places: PhotoPlaces }>): void {
  let server: TestServer;
  let places: PhotoPlaces;
  before(async () => {
    ({ server, places } = await start());
  });
  after(() => server.close());

  /** The places a photo is kept in now. */
  const keptIn = async (file: string): Promise<Where[]> => {
    const found = await Promise.all((['private', 'public'] as const).map(async (where) => ((await places.bytes(where, file)) ? [where] : [])));
    return found.flat();
  };

  test(`${label}: an uploaded JPEG with EXIF GPS is kept without any EXIF block, privately, under a name its bytes do not give away`, async () => {
    const sent = await sendStory(server, 'Foto dengan lokasi', { bytes: jpegWithGps(), name: 'IMG_0001.jpg' });
    assert.equal(sent.status, 201);
    const { file, width } = await queuedPhoto(server, sent.body.id);
    assert.equal(width, 30);
    assert.deepEqual(await keptIn(file), ['private']);
    const stored = (await places.bytes('private', file))!;
    assert.deepEqual(stored, cleanJpeg());
    assert.equal(stored.includes(Buffer.from('Exif')), false);
    assert.equal(stored.includes(Buffer.from('GPS')), false);
    for (const bytes of [jpegWithGps(), stored]) assert.equal(file.startsWith(createHash('sha256').update(bytes).digest('hex').slice(0, 32)), false);
  });

  test(`${label}: an uploaded PNG with tEXt and eXIf chunks reaches the editors without them`, async () => {
    const clean = solidPng(12, 8, [20, 90, 40]);
    const sent = await sendStory(server, 'Foto PNG dengan teks', { bytes: pngWithText(clean), name: 'layar.png' });
    const { file } = await queuedPhoto(server, sent.body.id);
    const answer = await server.app.request(`/api/v1/admin/photos/${file}`, { headers: editor });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('Content-Type'), 'image/png');
    assert.deepEqual(Buffer.from(await answer.arrayBuffer()), clean);
  });

  test(`${label}: a PNG with exIf, zxIf and caBX (C2PA) chunks and a WebP with a C2PA chunk are stored without them`, async () => {
    const clean = solidPng(12, 8, [20, 90, 40]);
    const png = await sendStory(server, 'Foto PNG dengan C2PA', { bytes: pngWithHiddenChunks(clean), name: 'kamera.png' });
    assert.equal(png.status, 201);
    const storedPng = (await places.bytes('private', (await queuedPhoto(server, png.body.id)).file))!;
    assert.deepEqual(storedPng, clean);
    const webp = await sendStory(server, 'Foto WebP dengan C2PA', { bytes: webpWithC2pa(), name: 'kamera.webp' });
    assert.equal(webp.status, 201);
    const storedWebp = (await places.bytes('private', (await queuedPhoto(server, webp.body.id)).file))!;
    assert.deepEqual(storedWebp, riff([vp8x(0x10), vp8]));
    for (const stored of [storedPng, storedWebp]) {
      for (const trace of ['exIf', 'zxIf', 'caBX', 'C2PA', 'c2pa', 'GPS', 'jumb']) assert.equal(stored.includes(Buffer.from(trace, 'latin1')), false, trace);
    }
  });

  test(`${label}: a pending photo is 404 to the public and 200 to an editor; approved it is public with a year's cache; rejected it is gone`, async () => {
    const photo = { bytes: solidPng(10, 10, [1, 2, 3]), name: 'a.png' };
    const one = await sendStory(server, 'Foto yang disetujui', photo);
    const two = await sendStory(server, 'Foto yang ditolak', photo);
    const [a, b] = [(await queuedPhoto(server, one.body.id)).file, (await queuedPhoto(server, two.body.id)).file];
    assert.notEqual(a, b, 'the same bytes twice are two private photos');
    for (const file of [a, b]) {
      assert.equal((await server.app.request(`/uploads/${file}`)).status, 404);
      assert.equal((await server.app.request(`/api/v1/admin/photos/${file}`)).status, 401);
      assert.equal((await server.app.request(`/api/v1/admin/photos/${file}`, { headers: editor })).status, 200);
      assert.deepEqual(await keptIn(file), ['private']);
    }

    const approved = await server.api('POST', `/admin/stories/${one.body.id}`, { json: { action: 'approve' }, headers: editor });
    assert.equal(fileOf(approved.body.article.image.src), a);
    const published = await server.app.request(`/uploads/${a}`);
    assert.equal(published.status, 200);
    assert.equal(published.headers.get('Content-Type'), 'image/png');
    assert.equal(published.headers.get('Cache-Control'), 'public, max-age=31536000, immutable');
    assert.deepEqual(Buffer.from(await published.arrayBuffer()), photo.bytes);
    assert.deepEqual(await keptIn(a), ['public'], 'moved, not copied');
    assert.equal((await server.app.request(`/api/v1/admin/photos/${a}`, { headers: editor })).status, 200, 'editors still see it');

    const rejected = await server.api('POST', `/admin/stories/${two.body.id}`, { json: { action: 'reject' }, headers: editor });
    assert.equal(rejected.body.story.photo, null);
    assert.deepEqual(await keptIn(b), []);
    assert.equal((await server.app.request(`/api/v1/admin/photos/${b}`, { headers: editor })).status, 404);
  });

  test(`${label}: unpublishing an article takes its photo off the public address, editors still see it, republishing puts it back`, async () => {
    const photo = { bytes: solidPng(6, 9, [70, 20, 10]), name: 'g.png' };
    const sent = await sendStory(server, 'Foto yang ditarik kembali', photo);
    const approve = () => server.api('POST', `/admin/stories/${sent.body.id}`, { json: { action: 'approve' }, headers: { ...editor, 'Idempotency-Key': 'setujui-foto-ditarik' } });
    const approved = await approve();
    const file = fileOf(approved.body.article.image.src);
    const article = `/admin/articles/${approved.body.article.id}`;
    const publicly = () => server.app.request(`/uploads/${file}`);
    const toEditors = () => server.app.request(`/api/v1/admin/photos/${file}`, { headers: editor });
    assert.equal((await publicly()).status, 200);

    const unpublished = await server.api('PATCH', article, { json: { published: false }, headers: editor });
    assert.equal(unpublished.body.article.status, 'unpublished');
    const hidden = await publicly();
    assert.equal(hidden.status, 404);
    assert.equal(hidden.headers.get('Location'), null, 'not sent to the bucket either');
    assert.deepEqual(await keptIn(file), ['private'], 'moved, not copied');
    const seen = await toEditors();
    assert.equal(seen.status, 200);
    assert.deepEqual(Buffer.from(await seen.arrayBuffer()), photo.bytes);
    // The approval replayed (a retried request) leaves the unpublished article's photo private.
    assert.equal((await approve()).status, 200);
    assert.equal((await publicly()).status, 404);

    const republished = await server.api('PATCH', article, { json: { published: true }, headers: editor });
    assert.equal(republished.body.article.status, 'published');
    const back = await publicly();
    assert.equal(back.status, 200);
    assert.deepEqual(Buffer.from(await back.arrayBuffer()), photo.bytes);
    assert.deepEqual(await keptIn(file), ['public']);
  });

  test(`${label}: a 409 duplicate leaves no photo behind`, async () => {
    const photo = { bytes: solidPng(9, 9, [4, 5, 6]), name: 'b.png' };
    assert.equal((await sendStory(server, 'Foto yang dikirim dua kali', photo)).status, 201);
    const kept = await places.files('private');
    const twin = await sendStory(server, 'Foto yang dikirim dua kali', photo);
    assert.equal(twin.status, 409);
    assert.deepEqual((await places.files('private')).sort(), kept.sort());
  });

  test(`${label}: erasing a sender's address removes their published and their waiting photo`, async () => {
    const email = 'foto.dihapus@example.org';
    const first = await sendStory(server, 'Foto terbit milik pengirim', { bytes: solidPng(8, 8, [9, 9, 9]), name: 'c.png' }, {}, { email });
    const approved = await server.api('POST', `/admin/stories/${first.body.id}`, { json: { action: 'approve' }, headers: editor });
    const published = fileOf(approved.body.article.image.src);
    const second = await sendStory(server, 'Foto menunggu milik pengirim', { bytes: solidPng(7, 7, [9, 9, 9]), name: 'd.png' }, {}, { email });
    const waiting = (await queuedPhoto(server, second.body.id)).file;
    assert.deepEqual([await keptIn(published), await keptIn(waiting)], [['public'], ['private']]);

    const count = await server.api('POST', '/admin/erase', { json: { email }, headers: editor });
    const erased = await server.api('POST', '/admin/erase', { json: { email, confirm: count.body.confirm }, headers: editor });
    assert.equal(erased.body.erased, true);
    assert.deepEqual([await keptIn(published), await keptIn(waiting)], [[], []]);
    assert.equal((await server.app.request(`/uploads/${published}`)).status, 404);
  });
}
