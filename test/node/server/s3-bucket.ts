/**
 * A real S3-compatible server for the tests: s3rver on the loopback, started
 * with the test file and removed after it. It speaks S3's HTTP and XML and
 * refuses unknown access keys (it does not recompute v4 signatures). The
 * bucket is looked at with its own HTTP API, not through the code under test.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { AwsClient } from 'aws4fetch';
import S3rver from 's3rver';
import type { Where } from '../../../server/uploads/index.js';
import type { PhotoPlaces } from './photo-suite.js';

export const BUCKET = 'kabar';
/** s3rver's own key pair; another access key is refused with 403. */
export const KEY = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
const FOLDERS: Record<Where, string> = { public: 'uploads', private: 'private-uploads' };

export interface TestBucket {
  /** Resolves with the server's origin once it listens; every use of the bucket waits for it. */
  ready: Promise<string>;
  /** `KABAR_UPLOADS_URL` for keys under `prefix`, plus `extra` query settings (`&name=value`). */
  uploadsUrl(prefix: string, extra?: string): Promise<string>;
  /** The photos under `prefix` as the bucket itself lists and serves them. */
  view(prefix: string): PhotoPlaces & { keys(): Promise<string[]> };
}

/** Starts s3rver for the calling test file (before its tests, stopped after them). */
export function testBucket(): TestBucket {
  const scratch = mkdtempSync(join(tmpdir(), 'kabar-s3-'));
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory: scratch, silent: true, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const ready = s3.run().then(({ port }) => `http://127.0.0.1:${port}`);
  before(() => ready);
  after(async () => {
    await s3.close();
    rmSync(scratch, { recursive: true, force: true });
  });
  const client = new AwsClient({ accessKeyId: KEY.AWS_ACCESS_KEY_ID, secretAccessKey: KEY.AWS_SECRET_ACCESS_KEY, service: 's3', region: 'us-east-1', retries: 0 });
  return {
    ready,
    uploadsUrl: async (prefix, extra = '') => `s3://${BUCKET}/${prefix}?endpoint=${encodeURIComponent(await ready)}&region=us-east-1${extra}`,
    view(prefix) {
      const keys = async (under = `${prefix}/`): Promise<string[]> => {
        const answer = await client.fetch(`${await ready}/${BUCKET}?list-type=2&prefix=${encodeURIComponent(under)}`);
        assert.equal(answer.status, 200);
        return [...(await answer.text()).matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]);
      };
      return {
        keys,
        files: async (where) => (await keys(`${prefix}/${FOLDERS[where]}/`)).map((key) => key.split('/').pop()!),
        bytes: async (where, file) => {
          const answer = await client.fetch(`${await ready}/${BUCKET}/${prefix}/${FOLDERS[where]}/${file}`);
          if (answer.status === 404) return undefined;
          assert.equal(answer.status, 200);
          return Buffer.from(await answer.arrayBuffer());
        },
      };
    },
  };
}
