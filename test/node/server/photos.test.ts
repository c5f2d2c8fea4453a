/**
 * Photos sent with stories: metadata removed before anything is kept, private
 * until the story is published, gone with a refused or duplicate story, and
 * written whole or not at all.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { after, before, mock, test } from 'node:test';
import { heldPhotosDir, saveUpload } from '../../../server/media.js';
import { stripMetadata } from '../../../server/metadata.js';
import { ADMIN_TOKEN, solidPng, testServer, validStory, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await testServer({}, { seed: false });
});
after(() => server.close());

const editor = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const heldDir = () => heldPhotosDir(server.config.dataDir);
const filesIn = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

function multipart(fields: Record<string, unknown>, photo: { bytes: Uint8Array; name: string }): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  form.append('photo', new Blob([new Uint8Array(photo.bytes)]), photo.name);
  return form;
}

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

function jpegWithGps(): Buffer {
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
const cleanJpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8]), JFIF, JPEG_CORE.dqt, JPEG_CORE.sof, JPEG_CORE.sos, JPEG_CORE.data, Buffer.from([0xff, 0xd9])]);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

/** A real PNG with text, EXIF and time chunks slipped in after its header. */
function pngWithText(clean: Buffer): Buffer {
  const afterHeader = 8 + 25;
  return Buffer.concat([
    clean.subarray(0, afterHeader),
    pngChunk('tEXt', Buffer.from('Comment\0Lokasi rumah', 'latin1')),
    pngChunk('eXIf', Buffer.from('MM\0*GPS', 'latin1')),
    pngChunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>', 'latin1')),
    pngChunk('zTXt', Buffer.from('Author\0\0xx', 'latin1')),
    pngChunk('tIME', Buffer.from([7, 234, 12, 1, 10, 0, 0])),
    clean.subarray(afterHeader),
  ]);
}

function riffChunk(type: string, data: number[] | Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([Buffer.from(type, 'latin1'), size, Buffer.from(data), Buffer.alloc(data.length % 2)]);
}
function riff(chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
}
const vp8x = (flags: number) => riffChunk('VP8X', [flags, 0, 0, 0, 29, 0, 0, 19, 0, 0]);
const vp8 = riffChunk('VP8 ', [1, 2, 3, 4, 5]);

// The module ------------------------------------------------------------------------

test('JPEG: EXIF, XMP, IPTC and comments are removed, a minimal JFIF header stays, the image data is untouched', () => {
  const stripped = Buffer.from(stripMetadata(jpegWithGps(), 'image/jpeg')!);
  assert.deepEqual(stripped, cleanJpeg());
  for (const marker of [0xe1, 0xe2, 0xed, 0xfe]) assert.equal(stripped.includes(Buffer.from([0xff, marker])), false);
  assert.equal(stripped.includes(Buffer.from('GPS')), false);
});

test('PNG: tEXt, iTXt, zTXt, eXIf and tIME chunks are removed; the rest is byte for byte', () => {
  const clean = solidPng(6, 4, [200, 30, 30]);
  assert.deepEqual(Buffer.from(stripMetadata(pngWithText(clean), 'image/png')!), clean);
});

test('WebP: EXIF, XMP and ICC chunks are removed and the header flags and size say so', () => {
  const sent = riff([vp8x(0x20 | 0x08 | 0x04 | 0x10), riffChunk('ICCP', [9, 9, 9]), vp8, riffChunk('EXIF', Buffer.from('MM\0*GPS')), riffChunk('XMP ', Buffer.from('<x/>'))]);
  assert.deepEqual(Buffer.from(stripMetadata(sent, 'image/webp')!), riff([vp8x(0x10), vp8]));
});

test('GIF: comments and unknown application blocks are removed; the loop block stays', () => {
  const head = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0]), Buffer.from([0, 0, 0, 255, 255, 255])]);
  const loop = Buffer.concat([Buffer.from([0x21, 0xff, 11]), Buffer.from('NETSCAPE2.0', 'latin1'), Buffer.from([3, 1, 0, 0, 0])]);
  const xmp = Buffer.concat([Buffer.from([0x21, 0xff, 11]), Buffer.from('XMP DataXMP', 'latin1'), Buffer.from([3, 0x47, 0x50, 0x53, 0])]);
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe, 3]), Buffer.from('GPS', 'latin1'), Buffer.from([0])]);
  const image = Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4c, 0x01, 0]);
  const sent = Buffer.concat([head, loop, xmp, comment, image, Buffer.from([0x3b])]);
  assert.deepEqual(Buffer.from(stripMetadata(sent, 'image/gif')!), Buffer.concat([head, loop, image, Buffer.from([0x3b])]));
});

test('a photo whose segments do not add up is refused, not kept half-read', () => {
  assert.equal(stripMetadata(jpegWithGps().subarray(0, 40), 'image/jpeg'), undefined);
  assert.equal(stripMetadata(solidPng(4, 4, [0, 0, 0]).subarray(0, 50), 'image/png'), undefined);
});

// Through the server ---------------------------------------------------------------

async function sendStory(title: string, photo: { bytes: Uint8Array; name: string }, headers: Record<string, string> = {}) {
  return server.api('POST', '/stories', { body: multipart(validStory({ title, photo_alt: 'Foto kiriman' }), photo), headers });
}
const queuedStory = async (id: string) =>
  (await server.api('GET', '/admin/queue?per_page=100', { headers: editor })).body.stories.find((s: { id: string }) => s.id === id);
const fileOf = (src: string): string => src.split('/').pop()!;

test('an uploaded JPEG with EXIF GPS is stored without any EXIF block, under a name its bytes do not give away', async () => {
  const sent = await sendStory('Foto dengan lokasi', { bytes: jpegWithGps(), name: 'IMG_0001.jpg' });
  assert.equal(sent.status, 201);
  const story = await queuedStory(sent.body.id);
  assert.equal(story.photo.width, 30);
  const file = fileOf(story.photo.src);
  const stored = fs.readFileSync(join(heldDir(), file));
  assert.deepEqual(stored, cleanJpeg());
  assert.equal(stored.includes(Buffer.from('Exif')), false);
  assert.equal(stored.includes(Buffer.from([0xff, 0xe1])), false);
  const { createHash } = await import('node:crypto');
  for (const bytes of [jpegWithGps(), stored]) assert.equal(file.startsWith(createHash('sha256').update(bytes).digest('hex').slice(0, 32)), false);
});

test('an uploaded PNG with tEXt and eXIf chunks is stored without them', async () => {
  const clean = solidPng(12, 8, [20, 90, 40]);
  const sent = await sendStory('Foto PNG dengan teks', { bytes: pngWithText(clean), name: 'layar.png' });
  const story = await queuedStory(sent.body.id);
  const answer = await server.app.request(`http://127.0.0.1/api/v1/admin/photos/${fileOf(story.photo.src)}`, { headers: editor });
  assert.equal(answer.status, 200);
  assert.deepEqual(Buffer.from(await answer.arrayBuffer()), clean);
});

test('a pending photo is 404 to the public and 200 to an editor; approved it is public; rejected it is gone from disk', async () => {
  const photo = { bytes: solidPng(10, 10, [1, 2, 3]), name: 'a.png' };
  const one = await sendStory('Foto yang disetujui', photo);
  const two = await sendStory('Foto yang ditolak', photo);
  const [a, b] = [fileOf((await queuedStory(one.body.id)).photo.src), fileOf((await queuedStory(two.body.id)).photo.src)];
  assert.notEqual(a, b, 'the same bytes twice are two private files');
  for (const file of [a, b]) {
    assert.equal((await server.app.request(`/uploads/${file}`)).status, 404);
    assert.equal((await server.app.request(`/api/v1/admin/photos/${file}`)).status, 401);
    assert.equal((await server.app.request(`/api/v1/admin/photos/${file}`, { headers: editor })).status, 200);
  }
  await server.api('POST', `/admin/stories/${one.body.id}`, { json: { action: 'approve' }, headers: editor });
  const published = await server.app.request(`/uploads/${a}`);
  assert.equal(published.status, 200);
  assert.deepEqual(Buffer.from(await published.arrayBuffer()), photo.bytes);
  assert.equal(fs.existsSync(join(heldDir(), a)), false, 'moved, not copied');

  const rejected = await server.api('POST', `/admin/stories/${two.body.id}`, { json: { action: 'reject' }, headers: editor });
  assert.equal(rejected.body.story.photo, null);
  assert.equal(fs.existsSync(join(heldDir(), b)), false);
  assert.equal(fs.existsSync(join(server.config.uploadsDir, b)), false);
  assert.equal((await server.app.request(`/api/v1/admin/photos/${b}`, { headers: editor })).status, 404);
});

test('a 409 duplicate leaves no file behind', async () => {
  const photo = { bytes: solidPng(9, 9, [4, 5, 6]), name: 'b.png' };
  assert.equal((await sendStory('Foto yang dikirim dua kali', photo)).status, 201);
  const kept = filesIn(heldDir());
  const twin = await sendStory('Foto yang dikirim dua kali', photo);
  assert.equal(twin.status, 409);
  assert.deepEqual(filesIn(heldDir()), kept);
});

test('a photo write that fails half-way answers 503 and leaves nothing; the retry stores the right bytes', async () => {
  const photo = { bytes: solidPng(16, 16, [7, 8, 9]), name: 'c.png' };
  const before = filesIn(heldDir());
  const [{ n: stories }] = await server.query<{ n: number }>('SELECT COUNT(*) AS n FROM stories');
  const realWrite = fs.writeSync;
  // The disk fills up after half of the photo was written.
  const full = mock.method(fs, 'writeSync', (fd: number, buffer: Uint8Array, offset: number, length: number) => {
    realWrite(fd, buffer, offset, Math.ceil(length / 2));
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  });
  let failed;
  try {
    failed = await sendStory('Foto saat disk penuh', photo, { 'Idempotency-Key': 'disk-full' });
  } finally {
    full.mock.restore();
  }
  assert.equal(failed.status, 503);
  assert.equal(failed.body.error.code, 'storage_failed');
  assert.deepEqual(filesIn(heldDir()), before, 'no file, not even a temporary one');
  assert.deepEqual(await server.query('SELECT COUNT(*) AS n FROM stories'), [{ n: stories }]);

  const retry = await sendStory('Foto saat disk penuh', photo, { 'Idempotency-Key': 'disk-full' });
  assert.equal(retry.status, 201);
  const file = fileOf((await queuedStory(retry.body.id)).photo.src);
  assert.deepEqual(fs.readFileSync(join(heldDir(), file)), photo.bytes);
});

test('a content-addressed file that is there but torn is written again', () => {
  const dir = join(server.dir, 'seeded');
  const bytes = solidPng(5, 5, [50, 60, 70]);
  const { file } = saveUpload(dir, bytes, 'image/png');
  fs.writeFileSync(join(dir, file), Buffer.alloc(0));
  saveUpload(dir, bytes, 'image/png');
  assert.deepEqual(fs.readFileSync(join(dir, file)), bytes);
  assert.deepEqual(filesIn(dir), [file]);
});
