/**
 * Uploaded photos: their size in pixels (read from the header bytes, so
 * cards can reserve their space) and where they are kept. A photo sent with
 * a story is held in a private directory under a random name until an editor
 * publishes the story; only then does it move to the public uploads directory.
 */
import { createHash, randomBytes } from 'node:crypto';
// The module object, not named imports: a test can make a write fail half-way through it.
import fs from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { PhotoType } from '../src/core/rules/rules.js';
import type { Media } from './store/types.js';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
};

/** File names the uploads route will serve: what `saveUpload` makes, nothing else. */
export const UPLOAD_NAME = /^[a-f0-9]{32}\.(jpg|png|gif|webp|svg)$/;

function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = (b[i + 2] << 8) | b[i + 3];
    // Start-of-frame markers carry the size; C4 (Huffman), C8 and CC (arithmetic) do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8] };
    }
    i += 2 + length;
  }
  return undefined;
}

function webpSize(b: Uint8Array): { width: number; height: number } | undefined {
  const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
  const le16 = (at: number) => b[at] | (b[at + 1] << 8);
  const le24 = (at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
  if (chunk === 'VP8X') return { width: le24(24) + 1, height: le24(27) + 1 };
  if (chunk === 'VP8 ') return { width: le16(26) & 0x3fff, height: le16(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

/** Width and height from an image's header; undefined when the header is cut short or odd. */
export function imageSize(bytes: Uint8Array, type: PhotoType): { width: number; height: number } | undefined {
  if (bytes.length < 30) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'image/png':
      return { width: view.getUint32(16), height: view.getUint32(20) };
    case 'image/gif':
      return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
    case 'image/jpeg':
      return jpegSize(bytes);
    case 'image/webp':
      return webpSize(bytes);
  }
}

/**
 * Writes a file so that it is either whole or absent: the bytes go to a
 * temporary name, are synced to disk, and only then renamed into place. On
 * any failure the temporary file is removed and the error is thrown.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  let fd: number | undefined;
  try {
    fd = fs.openSync(temporary, 'wx', 0o644);
    for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}

/** Makes a rename or removal in `dir` survive a power cut; some systems cannot sync a directory, which is harmless. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const contentName = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

function extensionOf(type: string): string {
  const ext = EXTENSIONS[type];
  if (!ext) throw new Error(`not an image type we keep: ${type}`);
  return ext;
}

/**
 * Writes a file of the publisher's own (seed pictures) under a name made from
 * its content, so writing it again changes nothing. A file already there whose
 * bytes do not match its name (a torn write) is written again.
 */
export function saveUpload(dir: string, bytes: Uint8Array, type: string, size?: { width: number; height: number }): Media {
  const file = `${contentName(bytes)}.${extensionOf(type)}`;
  fs.mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  const kept = fs.existsSync(path) ? contentName(fs.readFileSync(path)) : undefined;
  if (kept !== file.slice(0, 32)) writeFileAtomic(path, bytes);
  return { file, type, size: bytes.length, ...(size ?? {}) };
}

/**
 * Keeps a sender's photo in the private directory under a random name: its
 * public address, once published, cannot be worked out from its bytes.
 */
export function holdPhoto(dir: string, bytes: Uint8Array, type: string, size?: { width: number; height: number }): Media {
  const file = `${randomBytes(16).toString('hex')}.${extensionOf(type)}`;
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, file), bytes);
  return { file, type, size: bytes.length, ...(size ?? {}) };
}

/** Moves a held photo to the public directory; a photo already there (or never held) is left as it is. */
export function publishPhoto(heldDir: string, publicDir: string, file: string): void {
  const from = join(heldDir, file);
  if (!fs.existsSync(from)) return;
  fs.mkdirSync(publicDir, { recursive: true });
  const to = join(publicDir, file);
  try {
    fs.renameSync(from, to);
  } catch (error) {
    // Two file systems: copy whole, then remove the held copy.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    writeFileAtomic(to, fs.readFileSync(from));
    fs.rmSync(from, { force: true });
  }
  syncDirectory(publicDir);
}

/** Removes a photo no record points at any more, wherever it is kept. */
export function dropPhoto(dirs: string[], file: string): void {
  for (const dir of dirs) fs.rmSync(join(dir, file), { force: true });
}

/** Where a photo's bytes are now: held for review, or public. */
export function photoPath(dirs: string[], file: string): string | undefined {
  return dirs.map((dir) => join(dir, file)).find((path) => fs.existsSync(path));
}

/** Where photos of stories not yet published are kept: beside the database, outside every public path. */
export const heldPhotosDir = (dataDir: string): string => join(dataDir, 'private-uploads');

export const uploadFile = (dir: string, file: string): string => join(dir, file);

/** A valid PNG of one colour, made in code: demo photos and tests need real image bytes. */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
