/**
 * Uploaded photos: their size in pixels (read from the header bytes, so
 * cards can reserve their space) and where they are kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { PhotoType } from '../src/core/rules.js';
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
 * Writes an upload under a name made from its content: the same photo sent
 * twice (a retry) lands in the same file. The bytes are on disk before the
 * record that points at them is committed.
 */
export function saveUpload(dir: string, bytes: Uint8Array, type: string, size?: { width: number; height: number }): Media {
  const ext = EXTENSIONS[type];
  if (!ext) throw new Error(`not an image type we keep: ${type}`);
  const file = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${ext}`;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  if (!existsSync(path)) writeFileSync(path, bytes, { flush: true });
  return { file, type, size: bytes.length, ...(size ?? {}) };
}

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
