/**
 * Photo handling for the story form, in the browser: what a file really is
 * (by its bytes, never its name), and a fresh copy of every photo drawn through
 * a canvas before upload, so no EXIF (with its GPS position), XMP, IPTC or text
 * chunk leaves the writer's phone, and a large photo travels small over a slow
 * mobile connection.
 */
import { sniffImageType, type PhotoType } from './rules/rules.js';

/** Longest side, in pixels, a photo is reduced to before upload. */
export const MAX_PHOTO_SIDE = 1600;
/** JPEG quality of a re-encoded photo: small files, no visible blocks at 1600 px. */
export const PHOTO_QUALITY = 0.85;

/** The image type of a file judged by its first bytes, or undefined when it is no image we take. */
export async function readImageType(file: Blob): Promise<PhotoType | undefined> {
  const head = await file.slice(0, 16).arrayBuffer();
  return sniffImageType(new Uint8Array(head));
}

export interface PreparedPhoto {
  /** What will be uploaded: a re-encoded copy, or the original where the browser cannot draw one. */
  blob: Blob;
  /** The type of `blob`, checked by its bytes. */
  type: PhotoType;
  /** True when `blob` is a downscaled copy. */
  resized: boolean;
  /** True when `blob` was drawn afresh, without any of the original's metadata. */
  reencoded: boolean;
  originalBytes: number;
  width?: number;
  height?: number;
}

export interface PrepareOptions {
  maxSide?: number;
  quality?: number;
}

/**
 * Checks a chosen photo by its bytes and redraws it as a JPEG through a canvas,
 * at most `maxSide` pixels on its longest side. Every photo is redrawn, even a
 * small one and even when the copy is larger: the copy carries pixels only,
 * never the camera's metadata. A GIF becomes a still JPEG of its first frame.
 * Returns undefined for a file that is not an image we take or that cannot be
 * decoded. Where the browser has no canvas the original is returned as it is
 * (the server removes metadata again in any case).
 */
export async function preparePhoto(file: Blob, options: PrepareOptions = {}): Promise<PreparedPhoto | undefined> {
  const type = await readImageType(file);
  if (!type) return undefined;
  const original: PreparedPhoto = { blob: file, type, resized: false, reencoded: false, originalBytes: file.size };
  if (typeof createImageBitmap !== 'function') return original;

  let bitmap: ImageBitmap;
  try {
    // `from-image`: the copy is upright even though the EXIF orientation it came with is dropped.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // The bytes start like an image but do not decode: not a photo we can show.
    return undefined;
  }
  try {
    const { width, height } = bitmap;
    const maxSide = options.maxSide ?? MAX_PHOTO_SIDE;
    const scale = Math.min(1, maxSide / Math.max(width, height));
    const target = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
    const blob = await drawScaled(bitmap, target.width, target.height, options.quality ?? PHOTO_QUALITY);
    if (!blob) return { ...original, width, height };
    return { blob, type: 'image/jpeg', resized: scale < 1, reencoded: true, originalBytes: file.size, ...target };
  } finally {
    bitmap.close();
  }
}

async function drawScaled(bitmap: ImageBitmap, width: number, height: number, quality: number): Promise<Blob | null> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    paint(context, bitmap, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  paint(context, bitmap, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

function paint(
  context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  bitmap: ImageBitmap,
  width: number,
  height: number,
): void {
  // JPEG has no transparency: a transparent PNG would otherwise turn black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
}

/** A file name for the uploaded copy that matches its new type: `foto.png` becomes `foto.jpg`. */
export function photoFileName(name: string, type: PhotoType): string {
  const extension = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' }[type];
  const base = name.replace(/\.[^./\\]*$/, '') || 'photo';
  return `${base}.${extension}`;
}

/** "4,2 MB", "380 KB" in the reader's language (1 KB = 1024 bytes, as file managers show). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit >= 2 && value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
