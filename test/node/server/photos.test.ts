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
import { cleanJpeg, jpegWithGps, photoBehaviour, pngWithText, queuedPhoto, sendStory } from './photo-suite.js';

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
