/**
 * Photos in an S3-compatible bucket (Amazon S3, MinIO, Cloudflare R2, Garage…),
 * spoken to over plain HTTP with requests signed by aws4fetch. The layout
 * mirrors the local folders: public photos under `<prefix>/uploads/`, those
 * waiting for an editor under `<prefix>/private-uploads/`. Nothing is sent
 * with a public ACL: the bucket stays private, and only `uploads/` may be
 * opened to readers (a bucket policy or a CDN) when `public_url` is set.
 * Publishing and withdrawing copy a photo inside the bucket, then delete the
 * first copy. A PUT is atomic in S3 and carries the SHA-256 of its bytes, which the
 * service checks, so an object is whole or absent.
 */
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { XMLParser } from 'fast-xml-parser';
import type { S3Setting } from './setting.js';
import { assertUploadName, typeOfFile, UPLOAD_NAME, type Uploads, type Where } from './types.js';

const FOLDERS: Record<Where, string> = { public: 'uploads', private: 'private-uploads' };
/** One request may wait this long; a photo of a few MB over a slow link to the bucket fits well inside. */
const REQUEST_TIMEOUT_MS = 30_000;

/** What the service said when it refused: its status and S3 error code. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    what: string,
  ) {
    super(`${what}: the bucket answered ${status}${code ? ` ${code}` : ''}`);
  }
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'Contents' });

interface ListResult {
  ListBucketResult?: { Contents?: Array<{ Key?: string }>; IsTruncated?: string; NextContinuationToken?: string };
}
interface ErrorResult {
  Error?: { Code?: string };
}

const errorCode = (body: string): string => (body.includes('<Error') ? ((xml.parse(body) as ErrorResult).Error?.Code ?? '') : '');

export class S3Uploads implements Uploads {
  readonly location: string;
  private readonly client: AwsClient;

  /** `initRetryMs`: the first pause before a retry (doubling after), for tests that must not wait. */
  constructor(
    private readonly setting: S3Setting,
    { initRetryMs = 100 }: { initRetryMs?: number } = {},
  ) {
    this.location = `s3://${setting.bucket}${setting.prefix ? `/${setting.prefix}` : ''}`;
    this.client = new AwsClient({
      accessKeyId: setting.accessKeyId,
      secretAccessKey: setting.secretAccessKey,
      sessionToken: setting.sessionToken,
      service: 's3',
      region: setting.region,
      // 5xx and 429 are tried again twice, quickly: the sender is waiting for the answer.
      retries: 2,
      initRetryMs,
    });
  }

  /** The key's folder within the bucket: `prefix/uploads/` or `prefix/private-uploads/`. */
  private folder(where: Where): string {
    return `${this.setting.prefix ? `${this.setting.prefix}/` : ''}${FOLDERS[where]}/`;
  }

  /** The address of the bucket, or of one key in it. */
  private url(key = ''): URL {
    const endpoint = new URL(this.setting.endpoint);
    const path = key
      .split('/')
      .map((part) => encodeURIComponent(part))
      .join('/');
    if (this.setting.pathStyle) return new URL(`${endpoint.href.replace(/\/$/, '')}/${encodeURIComponent(this.setting.bucket)}/${path}`);
    return new URL(`${endpoint.protocol}//${this.setting.bucket}.${endpoint.host}/${path}`);
  }

  private key(where: Where, file: string): string {
    return this.folder(where) + assertUploadName(file);
  }

  private async request(url: URL, init: RequestInit = {}): Promise<Response> {
    return this.client.fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  }

  /** Throws an S3Error unless the answer is one of `ok`; reads the error code from the body. */
  private async expect(response: Response, what: string, ok: (status: number) => boolean = (s) => s >= 200 && s < 300): Promise<Response> {
    if (ok(response.status)) return response;
    throw new S3Error(response.status, errorCode(await response.text()), what);
  }

  async put(where: Where, file: string, bytes: Uint8Array): Promise<void> {
    const key = this.key(where, file);
    const url = this.url(key);
    try {
      const response = await this.request(url, {
        method: 'PUT',
        body: new Uint8Array(bytes),
        headers: {
          'Content-Type': typeOfFile(file),
          'Content-Length': String(bytes.length),
          // Signed: the service refuses bytes that are not these.
          'X-Amz-Content-Sha256': createHash('sha256').update(bytes).digest('hex'),
        },
      });
      await (await this.expect(response, `storing ${key}`)).body?.cancel();
    } catch (error) {
      // The answer may have been lost after the object was stored: make sure nothing is left.
      await this.deleteKey(key).catch(() => undefined);
      throw error;
    }
  }

  async read(where: Where, file: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const key = this.key(where, file);
    const response = await this.expect(await this.request(this.url(key)), `reading ${key}`, (s) => s === 200 || s === 404);
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    return new Uint8Array(await response.arrayBuffer());
  }

  async has(where: Where, file: string): Promise<boolean> {
    const key = this.key(where, file);
    const response = await this.expect(await this.request(this.url(key), { method: 'HEAD' }), `looking for ${key}`, (s) => s === 200 || s === 404);
    return response.status === 200;
  }

  async list(where: Where): Promise<string[]> {
    const prefix = this.folder(where);
    const files: string[] = [];
    let token: string | undefined;
    do {
      const url = this.url();
      url.searchParams.set('list-type', '2');
      url.searchParams.set('prefix', prefix);
      if (token) url.searchParams.set('continuation-token', token);
      const response = await this.expect(await this.request(url), `listing ${prefix}`);
      const page = (xml.parse(await response.text()) as ListResult).ListBucketResult;
      // A 200 that is not a listing (a proxy's page) must not pass for an empty bucket.
      if (!page) throw new S3Error(response.status, 'NotAListing', `listing ${prefix}`);
      for (const { Key } of page.Contents ?? []) {
        const name = Key?.slice(prefix.length);
        if (Key?.startsWith(prefix) && name && UPLOAD_NAME.test(name)) files.push(name);
      }
      token = page.IsTruncated === 'true' ? page.NextContinuationToken : undefined;
    } while (token);
    return files;
  }

  async publish(file: string): Promise<void> {
    await this.move(file, 'private', 'public');
  }

  async withdraw(file: string): Promise<void> {
    await this.move(file, 'public', 'private');
  }

  /** Copies a photo from one folder to the other inside the bucket, then deletes the first; one not in `from` is left as it is. */
  private async move(file: string, from: Where, to: Where): Promise<void> {
    const source = this.key(from, file);
    // A server-side copy: the bytes never come back through this server.
    const response = await this.request(this.url(this.key(to, file)), {
      method: 'PUT',
      headers: { 'X-Amz-Copy-Source': `/${encodeURIComponent(this.setting.bucket)}/${source.split('/').map(encodeURIComponent).join('/')}` },
    });
    const body = await response.text();
    // A copy can fail after its 200 has been sent: the error is then in the body.
    const code = errorCode(body);
    if (response.status === 404 || code === 'NoSuchKey') return; // not there (already moved, or never was)
    if (response.status !== 200 || code) throw new S3Error(response.status, code, `moving ${source} to ${FOLDERS[to]}/`);
    await this.deleteKey(source);
  }

  async remove(file: string): Promise<void> {
    await Promise.all([this.deleteKey(this.key('private', file)), this.deleteKey(this.key('public', file))]);
  }

  /** Deleting a key that is not there succeeds in S3 (204), so a 404 from a stricter service is fine too. */
  private async deleteKey(key: string): Promise<void> {
    const response = await this.request(this.url(key), { method: 'DELETE' });
    await this.expect(response, `removing ${key}`, (s) => (s >= 200 && s < 300) || s === 404);
    await response.body?.cancel();
  }

  publicUrl(file: string): string | undefined {
    return this.setting.publicUrl ? `${this.setting.publicUrl}/${assertUploadName(file)}` : undefined;
  }
}
