/**
 * `KABAR_UPLOADS_URL`: where photos are kept. Unset, they stay in local
 * folders; `s3://bucket[/prefix]?endpoint=…&region=…` puts them in an
 * S3-compatible bucket, with the credentials from `AWS_ACCESS_KEY_ID` and
 * `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN` when there is one).
 */
import { heldPhotosDir } from './local.js';

export interface LocalSetting {
  kind: 'local';
  publicDir: string;
  privateDir: string;
}

export interface S3Setting {
  kind: 's3';
  bucket: string;
  /** Keys start with this and a slash, unless it is empty. */
  prefix: string;
  /** The service's origin, e.g. `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:9000`. */
  endpoint: string;
  region: string;
  /** `endpoint/bucket/key` rather than `bucket.endpoint/key`: what MinIO, Garage and most self-hosted services want. */
  pathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Where the public photos can be read without this server (a CDN or a public bucket address). */
  publicUrl?: string;
}

export type UploadsSetting = LocalSetting | S3Setting;

const S3_PARAMS = new Set(['endpoint', 'region', 'path_style', 'public_url']);

function httpUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`KABAR_UPLOADS_URL's ${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`KABAR_UPLOADS_URL's ${name} must be an http(s) URL, got "${value}"`);
  return url.href.replace(/\/+$/, '');
}

function s3From(value: string, env: NodeJS.ProcessEnv): S3Setting {
  const url = new URL(value);
  const bucket = decodeURIComponent(url.hostname);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(`KABAR_UPLOADS_URL names no valid bucket: write s3://bucket-name/optional/prefix, got "${value}"`);
  }
  for (const name of url.searchParams.keys()) {
    if (!S3_PARAMS.has(name)) throw new Error(`KABAR_UPLOADS_URL has an unknown setting "${name}" (known: ${[...S3_PARAMS].join(', ')})`);
  }
  const region = url.searchParams.get('region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
  const endpoint = url.searchParams.get('endpoint');
  if (endpoint === '') throw new Error('KABAR_UPLOADS_URL has an empty endpoint: name the service, e.g. endpoint=https://minio.example.org, or leave it out for Amazon S3');
  const pathStyle = url.searchParams.get('path_style');
  if (pathStyle !== null && !/^(true|false)$/.test(pathStyle)) throw new Error(`KABAR_UPLOADS_URL's path_style is true or false, got "${pathStyle}"`);
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('KABAR_UPLOADS_URL names an S3 bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to a key that may read, write and delete in it');
  }
  const publicUrl = url.searchParams.get('public_url');
  return {
    kind: 's3',
    bucket,
    prefix: decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, ''),
    // Amazon's own endpoint answers for every bucket by its name as a host; others are addressed by path.
    endpoint: endpoint ? httpUrl(endpoint, 'endpoint') : `https://s3.${region}.amazonaws.com`,
    region,
    pathStyle: pathStyle === null ? Boolean(endpoint) : pathStyle === 'true',
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(publicUrl ? { publicUrl: httpUrl(publicUrl, 'public_url') } : {}),
  };
}

/** The photo storage the environment asks for; throws one sentence when it cannot work. */
export function uploadsSettingFrom(env: NodeJS.ProcessEnv, paths: { uploadsDir: string; dataDir: string }): UploadsSetting {
  const value = env.KABAR_UPLOADS_URL?.trim();
  if (!value) return { kind: 'local', publicDir: paths.uploadsDir, privateDir: heldPhotosDir(paths.dataDir) };
  if (value.startsWith('s3://')) return s3From(value, env);
  throw new Error(`KABAR_UPLOADS_URL must be an s3:// address (unset it to keep photos in ${paths.uploadsDir}), got "${value.split('?')[0]}"`);
}
