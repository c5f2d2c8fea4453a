/**
 * Photo handling for the story form, in the browser: what a file really is
 * (by its bytes, never its name) and making a large photo small before it
 * travels over a slow mobile connection.
 */
import { sniffImageType, type PhotoType } from './rules.js';

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
  /** What will be uploaded: the original file, or a smaller re-encoding of it. */
  blob: Blob;
  /** The type of `blob`, checked by its bytes. */
  type: PhotoType;
  /** True when `blob` is a downscaled copy. */
  resized: boolean;
  originalBytes: number;
  width?: number;
  height?: number;
}

export interface PrepareOptions {
  maxSide?: number;
  quality?: number;
}

/**
 * Checks a chosen photo by its bytes and, when its longest side exceeds
 * `maxSide`, redraws it at that size and re-encodes it as JPEG. GIFs are kept
 * as they are (redrawing would drop their animation), and so is a re-encoding
 * that would come out larger than the original. Returns undefined for a file
 * that is not an image we take or that cannot be decoded.
 */
export async function preparePhoto(file: Blob, options: PrepareOptions = {}): Promise<PreparedPhoto | undefined> {
  const type = await readImageType(file);
  if (!type) return undefined;
  const original: PreparedPhoto = { blob: file, type, resized: false, originalBytes: file.size };
  if (type === 'image/gif' || typeof createImageBitmap !== 'function') return original;

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    // The bytes start like an image but do not decode: not a photo we can show.
    return undefined;
  }
  try {
    const { width, height } = bitmap;
    const maxSide = options.maxSide ?? MAX_PHOTO_SIDE;
    const scale = maxSide / Math.max(width, height);
    if (scale >= 1) return { ...original, width, height };
    const target = { width: Math.round(width * scale), height: Math.round(height * scale) };
    const blob = await drawScaled(bitmap, target.width, target.height, options.quality ?? PHOTO_QUALITY);
    if (!blob || blob.size >= file.size) return { ...original, width, height };
    return { blob, type: 'image/jpeg', resized: true, originalBytes: file.size, ...target };
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
