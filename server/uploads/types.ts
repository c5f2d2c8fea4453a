/**
 * Where photo bytes are kept, behind one small interface: a local folder (the
 * default) or an S3-compatible bucket. The privacy rule is the same for both:
 * a photo sent with a story is `private` (editors only, through the admin
 * route) until its story is published; only then is it `public`, and only
 * while its article stays published.
 */

/** `private`: a story's photo waiting for an editor. `public`: served to everyone at `/uploads/<file>`. */
export type Where = 'public' | 'private';

export const PLACES: readonly Where[] = ['public', 'private'];

export interface Uploads {
  /** Where the photos are, for logs and errors: a folder or `s3://bucket/prefix`, never a secret. */
  readonly location: string;
  /** Keeps `bytes` under `file`, whole or not at all; throws when it cannot, leaving nothing. */
  put(where: Where, file: string, bytes: Uint8Array): Promise<void>;
  /** The bytes of `file`, or undefined when it is not kept there. */
  read(where: Where, file: string): Promise<Uint8Array<ArrayBuffer> | undefined>;
  /** Whether `file` is kept there, without reading its bytes. */
  has(where: Where, file: string): Promise<boolean>;
  /** Every photo kept there (names as `UPLOAD_NAME` allows; anything else is not ours). */
  list(where: Where): Promise<string[]>;
  /** Makes a held photo public and removes the held copy; a photo not held is left as it is. */
  publish(file: string): Promise<void>;
  /** The inverse of `publish`: makes a public photo private again and removes the public copy; a photo not public is left as it is. */
  withdraw(file: string): Promise<void>;
  /** Removes a photo wherever it is kept; a photo already gone is fine. */
  remove(file: string): Promise<void>;
  /** An address outside this server where a public photo is read, when one is configured. */
  publicUrl(file: string): string | undefined;
}

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

/** File names the uploads routes will serve and the stores keep: a hex name and an image extension. */
export const UPLOAD_NAME = /^[a-f0-9]{32}\.(jpg|png|gif|webp|svg)$/;

/** The extension a photo of this type is kept under. */
export function extensionOf(type: string): string {
  const ext = Object.keys(TYPES).find((key) => TYPES[key] === type);
  if (!ext) throw new Error(`not an image type we keep: ${type}`);
  return ext;
}

/** The type of a kept photo, from its name (the names are ours, made from the sniffed type). */
export const typeOfFile = (file: string): string => TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream';

/** Refuses a name that is not one of ours before it can become a path or a key. */
export function assertUploadName(file: string): string {
  if (!UPLOAD_NAME.test(file)) throw new Error(`not a photo name we keep: ${JSON.stringify(file)}`);
  return file;
}
