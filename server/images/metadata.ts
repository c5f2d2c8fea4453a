/**
 * Removing what a photo says about its taker before it is kept: EXIF (with
 * GPS), XMP, IPTC, comments and text chunks. Only the container is rewritten;
 * the pixels are copied byte for byte, so nothing is re-compressed. The
 * browser already re-encodes photos, but the server never relies on it.
 */
import type { PhotoType } from '../../src/core/rules/rules.js';

/** PNG chunks that carry text, dates or EXIF; everything needed to draw the image stays. */
const PNG_DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);
/** WebP chunks of metadata, and the VP8X flags that announce them (ICC 0x20, EXIF 0x08, XMP 0x04). */
const WEBP_DROPPED = new Set(['EXIF', 'XMP ', 'ICCP']);
const WEBP_METADATA_FLAGS = 0x20 | 0x08 | 0x04;
/** GIF application extensions that make an animation loop: kept; any other (XMP among them) goes. */
const GIF_KEPT_APPLICATIONS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0']);

class Malformed extends Error {}

const ascii = (b: Uint8Array, from: number, length: number): string => String.fromCharCode(...b.subarray(from, from + length));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A JFIF APP0 segment with the original's version and pixel density, and no thumbnail. */
function minimalJfif(b: Uint8Array, at: number): Uint8Array {
  const segment = new Uint8Array([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  segment.set(b.subarray(at + 9, at + 16), 9); // version, units, x and y density
  return segment;
}

/** The end of the entropy-coded data that starts at `from`: the next marker that is not a stuffed byte or a restart. */
function scanEnd(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) {
    if (b[i] !== 0xff) continue;
    const next = b[i + 1];
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
    return i;
  }
  return b.length;
}

function stripJpeg(b: Uint8Array): Uint8Array {
  if (b[0] !== 0xff || b[1] !== 0xd8) throw new Malformed();
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let keptJfif = false;
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff || i + 1 >= b.length) throw new Malformed();
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++; // fill byte before a marker
      continue;
    }
    if (marker === 0xd9) {
      out.push(b.subarray(i, i + 2)); // end of image; whatever trails it is dropped
      return concat(out);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > b.length) throw new Malformed();
    const end = i + 2 + ((b[i + 2] << 8) | b[i + 3]);
    if (end > b.length || end < i + 4) throw new Malformed();
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker === 0xe0 && !keptJfif && end - i >= 18 && ascii(b, i + 4, 5) === 'JFIF\0') {
      out.push(minimalJfif(b, i));
      keptJfif = true;
    } else if (!isApp && marker !== 0xfe) {
      out.push(b.subarray(i, end));
    }
    i = end;
    if (marker === 0xda) {
      // Start of scan: the coded data runs to the next real marker (progressive files have several scans).
      const dataEnd = scanEnd(b, i);
      out.push(b.subarray(i, dataEnd));
      i = dataEnd;
    }
  }
  throw new Malformed(); // no end-of-image marker
}

function stripPng(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const end = i + 12 + view.getUint32(i);
    if (end > b.length) throw new Malformed();
    const type = ascii(b, i + 4, 4);
    if (!PNG_DROPPED.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') return concat(out);
  }
  throw new Malformed();
}

function stripWebp(b: Uint8Array): Uint8Array {
  if (ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') throw new Malformed();
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const riffEnd = Math.min(b.length, 8 + view.getUint32(4, true));
  const out: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const size = view.getUint32(i + 4, true);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > riffEnd) throw new Malformed();
    const type = ascii(b, i, 4);
    if (type === 'VP8X' && size >= 1) {
      const chunk = b.slice(i, Math.min(end, riffEnd));
      chunk[8] &= ~WEBP_METADATA_FLAGS;
      out.push(chunk);
    } else if (!WEBP_DROPPED.has(type)) {
      out.push(b.subarray(i, Math.min(end, riffEnd)));
    }
    i = end;
  }
  const body = concat(out);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}

/** Where the sub-blocks that start at `from` end (after their zero-length terminator). */
function subBlocksEnd(b: Uint8Array, from: number): number {
  let i = from;
  while (i < b.length && b[i] !== 0) i += b[i] + 1;
  if (i >= b.length) throw new Malformed();
  return i + 1;
}

function stripGif(b: Uint8Array): Uint8Array {
  const colourTable = (flags: number): number => (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  let i = 13 + colourTable(b[10]);
  const out: Uint8Array[] = [b.subarray(0, i)];
  while (i < b.length) {
    const block = b[i];
    if (block === 0x3b) {
      out.push(b.subarray(i, i + 1));
      return concat(out);
    }
    let end: number;
    let keep = true;
    if (block === 0x2c) {
      const codeStart = i + 10 + colourTable(b[i + 9]);
      end = subBlocksEnd(b, codeStart + 1);
    } else if (block === 0x21) {
      const label = b[i + 1];
      end = subBlocksEnd(b, i + 2);
      if (label === 0xfe) keep = false; // comment
      if (label === 0xff) keep = b[i + 2] === 11 && GIF_KEPT_APPLICATIONS.has(ascii(b, i + 3, 11));
    } else {
      throw new Malformed();
    }
    if (keep) out.push(b.subarray(i, end));
    i = end;
  }
  throw new Malformed();
}

const STRIPPERS: Record<PhotoType, (bytes: Uint8Array) => Uint8Array> = {
  'image/jpeg': stripJpeg,
  'image/png': stripPng,
  'image/webp': stripWebp,
  'image/gif': stripGif,
};

/**
 * The photo without its metadata, or undefined when its structure is broken
 * (it starts like an image but its segments do not add up).
 */
export function stripMetadata(bytes: Uint8Array, type: PhotoType): Uint8Array | undefined {
  try {
    return STRIPPERS[type](bytes);
  } catch (error) {
    if (error instanceof Malformed || error instanceof RangeError) return undefined;
    throw error;
  }
}
