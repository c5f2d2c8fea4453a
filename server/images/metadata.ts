/**
 * Keeping only what is needed to draw a photo, before it is kept: an allow-list
 * of chunks, segments and blocks per format, so EXIF (with GPS), XMP, IPTC,
 * C2PA manifests, comments, text and whatever a camera or an editor invents
 * next are all left behind. Only the container is rewritten; the pixels are
 * copied byte for byte, so nothing is re-compressed. The browser already
 * re-encodes photos, but the server never relies on it.
 */
import type { PhotoType } from '../../src/core/rules/rules.js';

/** PNG chunks that draw the image: the critical ones, colour and pixel size, and APNG's frames. Text, EXIF, C2PA (`caBX`), times: gone. */
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'pHYs', 'acTL', 'fcTL', 'fdAT']);
/** WebP chunks that draw the image: the bitstreams, alpha, animation and the colour profile. EXIF, XMP, C2PA and unknown chunks: gone. */
const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
/** What one animation frame (ANMF) draws with, after its 16 bytes of position, size and timing. */
const WEBP_FRAME_KEPT = new Set(['VP8 ', 'VP8L', 'ALPH']);
/** VP8X flags of chunks that are never kept (EXIF 0x08, XMP 0x04), and of the colour profile (0x20), set again only when it is. */
const WEBP_EXIF_XMP_FLAGS = 0x08 | 0x04;
const WEBP_ICC_FLAG = 0x20;
/** GIF application extensions that make an animation loop (NETSCAPE2.0 and its alias ANIMEXTS1.0): kept; any other (XMP among them) goes. */
const GIF_KEPT_APPLICATIONS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0']);
const GIF_GRAPHIC_CONTROL = 0xf9;
const GIF_PLAIN_TEXT = 0x01;
const GIF_APPLICATION = 0xff;

/**
 * JPEG segments that decode the image: frames (SOF0–SOF15 but for DHT, JPG and DAC's numbers,
 * DAC itself kept), Huffman and quantisation tables, restart interval, scan and line count.
 * Of the APPn segments only the colour ones: APP2 `ICC_PROFILE` and APP14 `Adobe` (the colour
 * transform of CMYK and YCCK files); APP0 JFIF is rewritten to its minimal form.
 */
const JPEG_KEPT_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf, // SOF*
  0xc4, // DHT
  0xcc, // DAC
  0xdb, // DQT
  0xdd, // DRI
  0xda, // SOS
  0xdc, // DNL
]);
const JPEG_APP2 = 0xe2;
const JPEG_APP14 = 0xee;

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
    if (marker === 0xe0 && !keptJfif && end - i >= 18 && ascii(b, i + 4, 5) === 'JFIF\0') {
      out.push(minimalJfif(b, i));
      keptJfif = true;
    } else if (
      JPEG_KEPT_MARKERS.has(marker) ||
      (marker === JPEG_APP2 && ascii(b, i + 4, 12) === 'ICC_PROFILE\0') ||
      (marker === JPEG_APP14 && ascii(b, i + 4, 5) === 'Adobe')
    ) {
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
    if (PNG_KEPT.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') return concat(out);
  }
  throw new Malformed();
}

/** The chunks between `from` and `to` whose type is in `kept`, each with its padding. */
function riffChunks(b: Uint8Array, view: DataView, from: number, to: number, kept: Set<string>): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = from;
  while (i + 8 <= to) {
    const size = view.getUint32(i + 4, true);
    if (i + 8 + size > to) throw new Malformed();
    const end = Math.min(to, i + 8 + size + (size % 2));
    if (kept.has(ascii(b, i, 4))) out.push(b.subarray(i, end));
    i = end;
  }
  return out;
}

/** A RIFF chunk of `type` around `data`, padded to an even length. */
function riffChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(8 + data.length + (data.length % 2));
  for (let k = 0; k < 4; k++) chunk[k] = type.charCodeAt(k);
  new DataView(chunk.buffer).setUint32(4, data.length, true);
  chunk.set(data, 8);
  return chunk;
}

function stripWebp(b: Uint8Array): Uint8Array {
  if (ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') throw new Malformed();
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const riffEnd = Math.min(b.length, 8 + view.getUint32(4, true));
  const out: Uint8Array[] = [];
  let header: Uint8Array | undefined;
  let keptIcc = false;
  let i = 12;
  while (i + 8 <= riffEnd) {
    const size = view.getUint32(i + 4, true);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > riffEnd) throw new Malformed();
    const type = ascii(b, i, 4);
    if (type === 'VP8X' && size >= 1) {
      header = b.slice(i, Math.min(end, riffEnd));
      out.push(header);
    } else if (type === 'ANMF' && size >= 16) {
      // A frame may hold chunks of its own beyond its bitstream: only what draws it stays.
      const frame = concat([b.subarray(i + 8, i + 24), ...riffChunks(b, view, i + 24, i + 8 + size, WEBP_FRAME_KEPT)]);
      out.push(riffChunk('ANMF', frame));
    } else if (WEBP_KEPT.has(type)) {
      if (type === 'ICCP') keptIcc = true;
      out.push(b.subarray(i, Math.min(end, riffEnd)));
    }
    i = end;
  }
  // The header's flags announce only what is still there.
  if (header) header[8] = (header[8] & ~(WEBP_EXIF_XMP_FLAGS | WEBP_ICC_FLAG)) | (keptIcc ? WEBP_ICC_FLAG : 0);
  const body = concat(out);
  const riff = new Uint8Array(12);
  riff.set(b.subarray(0, 12));
  new DataView(riff.buffer).setUint32(4, body.length + 4, true);
  return concat([riff, body]);
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
  let lastGraphicControl = -1;
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
      // Kept: graphic control (frame timing, transparency) and the loop; comments, plain text and the rest go.
      if (label === GIF_APPLICATION) keep = b[i + 2] === 11 && GIF_KEPT_APPLICATIONS.has(ascii(b, i + 3, 11));
      else keep = label === GIF_GRAPHIC_CONTROL;
      // A graphic control block belongs to the block after it: with a dropped plain-text block, it goes too.
      if (label === GIF_PLAIN_TEXT && lastGraphicControl === out.length - 1) out.pop();
      if (keep && label === GIF_GRAPHIC_CONTROL) lastGraphicControl = out.length;
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
