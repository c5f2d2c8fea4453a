/**
 * Photos as the server uses them, on whichever storage is configured: a
 * sender's photo is held privately under a random name; the publisher's own
 * pictures (the demo's) are public under a name made from their bytes; a
 * whole site's photos can be copied from one storage to another.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Media } from '../store/types.js';
import { LocalUploads } from './local.js';
import { S3Uploads } from './s3.js';
import type { UploadsSetting } from './setting.js';
import { extensionOf, PLACES, type Uploads, type Where } from './types.js';

export { heldPhotosDir, LocalUploads } from './local.js';
export { S3Uploads } from './s3.js';
export { uploadsSettingFrom, type UploadsSetting } from './setting.js';
export { UPLOAD_NAME, type Uploads, type Where } from './types.js';

export function uploadsFrom(setting: UploadsSetting): Uploads {
  return setting.kind === 's3' ? new S3Uploads(setting) : new LocalUploads(setting);
}

type Size = { width: number; height: number };

const media = (file: string, type: string, bytes: Uint8Array, size: Size | undefined): Media => ({ file, type, size: bytes.length, ...(size ?? {}) });

const contentName = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

/**
 * Keeps a sender's photo privately under a random name: its public address,
 * once published, cannot be worked out from its bytes.
 */
export async function holdPhoto(uploads: Uploads, bytes: Uint8Array, type: string, size?: Size): Promise<Media> {
  const file = `${randomBytes(16).toString('hex')}.${extensionOf(type)}`;
  await uploads.put('private', file, bytes);
  return media(file, type, bytes, size);
}

/**
 * Keeps a picture of the publisher's own (seed pictures) in public under a name
 * made from its content, so keeping it again changes nothing. One already there
 * whose bytes do not match its name (a torn write) is written again.
 */
export async function saveUpload(uploads: Uploads, bytes: Uint8Array, type: string, size?: Size): Promise<Media> {
  const name = contentName(bytes);
  const file = `${name}.${extensionOf(type)}`;
  const kept = await uploads.read('public', file);
  if (!kept || contentName(kept) !== name) await uploads.put('public', file, bytes);
  return media(file, type, bytes, size);
}

export type CopyCounts = Record<Where, number>;

/**
 * Copies every public and every private photo of `from` into `to`, each to the
 * same place and name, and answers how many of each were copied. A photo that
 * `to` already holds with the same bytes is counted and left as it is, so a copy
 * that was cut short can simply be run again.
 */
export async function copyUploads(from: Uploads, to: Uploads): Promise<CopyCounts> {
  const counts: CopyCounts = { public: 0, private: 0 };
  for (const where of PLACES) {
    for (const file of await from.list(where)) {
      const bytes = await from.read(where, file);
      if (!bytes) continue; // removed since it was listed
      const there = await to.read(where, file);
      if (!there || Buffer.compare(there, bytes) !== 0) await to.put(where, file, bytes);
      counts[where] += 1;
    }
  }
  return counts;
}
