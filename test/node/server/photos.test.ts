/**
 * Photos sent with stories, kept in the local folders (the default): the
 * metadata stripper byte by byte, the shared photo behaviour, and what only a
 * disk can do wrong (a write that fails half-way, a torn file).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { after, before, mock, test } from 'node:test';
import { stripMetadata } from '../../../server/images/metadata.js';
import { heldPhotosDir, LocalUploads, saveUpload } from '../../../server/uploads/index.js';
import { solidPng, testServer, type TestServer } from './helpers.js';
import { C2PA_MANIFEST, cleanJpeg, jpegWithGps, photoBehaviour, pngWithHiddenChunks, pngWithText, queuedPhoto, riff, riffChunk, sendStory, vp8, vp8x, webpWithC2pa } from './photo-suite.js';

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

test('PNG: only the chunks that draw the image stay: exIf, zxIf, caBX (C2PA) and unknown chunks go', () => {
  const clean = solidPng(6, 4, [200, 30, 30]);
  assert.deepEqual(Buffer.from(stripMetadata(pngWithHiddenChunks(clean), 'image/png')!), clean);
});

test('PNG: colour, pixel size and APNG frames are kept byte for byte', () => {
  const clean = solidPng(6, 4, [200, 30, 30]);
  const chunk = (type: string, data: number[]) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), Buffer.from(data), Buffer.from([1, 2, 3, 4])]);
  };
  const extras = ['gAMA', 'cHRM', 'sRGB', 'iCCP', 'pHYs', 'acTL', 'fcTL'].map((type) => chunk(type, [0, 1, 2, 3]));
  const animated = Buffer.concat([clean.subarray(0, 33), ...extras, clean.subarray(33, clean.length - 12), chunk('fdAT', [0, 0, 0, 1, 9]), clean.subarray(clean.length - 12)]);
  assert.deepEqual(Buffer.from(stripMetadata(animated, 'image/png')!), animated);
});

test('WebP: EXIF, XMP, C2PA and unknown chunks are removed, the colour profile stays, and the header flags and size say so', () => {
  const sent = riff([vp8x(0x20 | 0x08 | 0x04 | 0x10), riffChunk('ICCP', [9, 9, 9]), vp8, riffChunk('EXIF', Buffer.from('MM\0*GPS')), riffChunk('XMP ', Buffer.from('<x/>'))]);
  assert.deepEqual(Buffer.from(stripMetadata(sent, 'image/webp')!), riff([vp8x(0x20 | 0x10), riffChunk('ICCP', [9, 9, 9]), vp8]));
  assert.deepEqual(Buffer.from(stripMetadata(webpWithC2pa(), 'image/webp')!), riff([vp8x(0x10), vp8]));
  // A flag for a profile that is not there is cleared.
  assert.deepEqual(Buffer.from(stripMetadata(riff([vp8x(0x20 | 0x10), vp8]), 'image/webp')!), riff([vp8x(0x10), vp8]));
});

test('WebP: an animation keeps its frames, each without chunks of its own beyond its bitstream', () => {
  const frameHead = Array.from({ length: 16 }, (_, k) => k);
  const frame = (...inner: Buffer[]) => riffChunk('ANMF', Buffer.concat([Buffer.from(frameHead), ...inner]));
  const anim = riffChunk('ANIM', [0, 0, 0, 0, 0, 0]);
  const alpha = riffChunk('ALPH', [7, 7, 7]);
  const sent = riff([vp8x(0x02 | 0x10), anim, frame(alpha, vp8, riffChunk('C2PA', C2PA_MANIFEST)), frame(vp8)]);
  assert.deepEqual(Buffer.from(stripMetadata(sent, 'image/webp')!), riff([vp8x(0x02 | 0x10), anim, frame(alpha, vp8), frame(vp8)]));
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

test('GIF: a plain-text block goes, with the graphic control block that belonged to it; the frame’s own stays', () => {
  const head = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0]), Buffer.from([0, 0, 0, 255, 255, 255])]);
  const control = Buffer.from([0x21, 0xf9, 4, 0, 10, 0, 0, 0]);
  const plainText = Buffer.concat([Buffer.from([0x21, 0x01, 12, 0, 0, 0, 0, 1, 0, 1, 0, 8, 8, 0, 1]), Buffer.from([12]), Buffer.from('Jl. Mawar 12', 'latin1'), Buffer.from([0])]);
  const image = Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4c, 0x01, 0]);
  const sent = Buffer.concat([head, control, plainText, control, image, Buffer.from([0x3b])]);
  const stripped = Buffer.from(stripMetadata(sent, 'image/gif')!);
  assert.deepEqual(stripped, Buffer.concat([head, control, image, Buffer.from([0x3b])]));
  assert.equal(stripped.includes(Buffer.from('Mawar')), false);
});

test('JPEG: APP11 (JUMBF, C2PA), APP2 other than ICC and unknown segments go; the ICC profile and the Adobe colour segment stay', () => {
  const u16 = (n: number) => [n >> 8, n & 0xff];
  const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, ...u16(payload.length + 2)]), payload]);
  const icc = segment(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01profil', 'latin1'));
  const adobe = segment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
  const clean = cleanJpeg();
  const soi = clean.subarray(0, 2);
  const afterJfif = 2 + 18;
  const sent = Buffer.concat([
    clean.subarray(0, afterJfif),
    segment(0xeb, Buffer.concat([Buffer.from('JP\0\0\0\0\0\x01', 'latin1'), C2PA_MANIFEST])),
    icc,
    segment(0xe2, Buffer.from('MPF\0 gambar kedua', 'latin1')),
    adobe,
    segment(0xe7, Buffer.from('vendor GPS', 'latin1')),
    segment(0xf0, Buffer.from('JPG0', 'latin1')),
    clean.subarray(afterJfif),
  ]);
  const stripped = Buffer.from(stripMetadata(sent, 'image/jpeg')!);
  assert.deepEqual(stripped, Buffer.concat([soi, clean.subarray(2, afterJfif), icc, adobe, clean.subarray(afterJfif)]));
  for (const trace of ['c2pa', 'jumb', 'MPF', 'GPS', 'JPG0']) assert.equal(stripped.includes(Buffer.from(trace, 'latin1')), false, trace);
});

test('a photo whose segments do not add up is refused, not kept half-read', () => {
  assert.equal(stripMetadata(jpegWithGps().subarray(0, 40), 'image/jpeg'), undefined);
  assert.equal(stripMetadata(solidPng(4, 4, [0, 0, 0]).subarray(0, 50), 'image/png'), undefined);
});

// Through the server, on the local folders ----------------------------------------

const filesIn = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

photoBehaviour('local folders', async () => {
  const server = await testServer({}, { seed: false });
  const dirs = { private: heldPhotosDir(server.config.dataDir), public: server.config.uploadsDir };
  return {
    server,
    places: {
      files: async (where) => filesIn(dirs[where]),
      bytes: async (where, file) => (fs.existsSync(join(dirs[where], file)) ? fs.readFileSync(join(dirs[where], file)) : undefined),
    },
  };
});

let server: TestServer;
before(async () => {
  server = await testServer({}, { seed: false });
});
after(() => server.close());
const heldDir = () => heldPhotosDir(server.config.dataDir);

test('the private folder is beside the database and the public one is KABAR_UPLOADS, as before', () => {
  assert.equal(heldDir(), join(server.dir, 'private-uploads'));
  assert.equal(server.config.uploadsDir, join(server.dir, 'uploads'));
  assert.deepEqual(server.config.uploads, { kind: 'local', publicDir: server.config.uploadsDir, privateDir: heldDir() });
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
    failed = await sendStory(server, 'Foto saat disk penuh', photo, { 'Idempotency-Key': 'disk-full' });
  } finally {
    full.mock.restore();
  }
  assert.equal(failed.status, 503);
  assert.equal(failed.body.error.code, 'storage_failed');
  assert.deepEqual(filesIn(heldDir()), before, 'no file, not even a temporary one');
  assert.deepEqual(await server.query('SELECT COUNT(*) AS n FROM stories'), [{ n: stories }]);

  const retry = await sendStory(server, 'Foto saat disk penuh', photo, { 'Idempotency-Key': 'disk-full' });
  assert.equal(retry.status, 201);
  const { file } = await queuedPhoto(server, retry.body.id);
  assert.deepEqual(fs.readFileSync(join(heldDir(), file)), photo.bytes);
});

test('a content-addressed file that is there but torn is written again', async () => {
  const dir = join(server.dir, 'seeded');
  const uploads = new LocalUploads({ publicDir: dir, privateDir: join(server.dir, 'seeded-private') });
  const bytes = solidPng(5, 5, [50, 60, 70]);
  const { file } = await saveUpload(uploads, bytes, 'image/png');
  fs.writeFileSync(join(dir, file), Buffer.alloc(0));
  await saveUpload(uploads, bytes, 'image/png');
  assert.deepEqual(fs.readFileSync(join(dir, file)), bytes);
  assert.deepEqual(filesIn(dir), [file]);
});
