/**
 * Photos in an S3-compatible bucket (`KABAR_UPLOADS_URL=s3://…`), against a
 * real S3 server on the loopback (s3rver: real HTTP and XML, refusing unknown
 * access keys, though it does not recompute v4 signatures): the same photo behaviour as on local folders, a refused write,
 * a public address outside the server, and copying a site's photos across.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AwsClient } from 'aws4fetch';
import S3rver from 's3rver';
import { ConfigError, loadConfig } from '../../../server/config.js';
import { copyUploads, holdPhoto, LocalUploads, saveUpload, uploadsFrom, uploadsSettingFrom, type Where } from '../../../server/uploads/index.js';
import { solidPng, testServer } from './helpers.js';
import { editor, fileOf, photoBehaviour, queuedPhoto, sendStory, type PhotoPlaces } from './photo-suite.js';

const BUCKET = 'kabar';
// s3rver's own key pair; another access key is refused with 403.
const KEY = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
const FOLDERS: Record<Where, string> = { public: 'uploads', private: 'private-uploads' };

const scratch = mkdtempSync(join(tmpdir(), 'kabar-s3-'));
const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory: scratch, silent: true, configureBuckets: [{ name: BUCKET, configs: [] }] });
let endpoint = '';
/** Every use of the bucket waits for this, whichever hook or test comes first. */
const running = s3.run().then(({ port }) => {
  endpoint = `http://127.0.0.1:${port}`;
});

before(() => running);
after(async () => {
  await s3.close();
  rmSync(scratch, { recursive: true, force: true });
});

const client = new AwsClient({ accessKeyId: KEY.AWS_ACCESS_KEY_ID, secretAccessKey: KEY.AWS_SECRET_ACCESS_KEY, service: 's3', region: 'us-east-1', retries: 0 });
const uploadsUrl = (prefix: string, extra = '') => `s3://${BUCKET}/${prefix}?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1${extra}`;

/** The bucket as seen with its own HTTP API, not through the code under test. */
function bucketView(prefix: string): PhotoPlaces & { keys(): Promise<string[]> } {
  const keys = async (under = `${prefix}/`): Promise<string[]> => {
    const answer = await client.fetch(`${endpoint}/${BUCKET}?list-type=2&prefix=${encodeURIComponent(under)}`);
    assert.equal(answer.status, 200);
    return [...(await answer.text()).matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]);
  };
  return {
    keys,
    files: async (where) => (await keys(`${prefix}/${FOLDERS[where]}/`)).map((key) => key.split('/').pop()!),
    bytes: async (where, file) => {
      const answer = await client.fetch(`${endpoint}/${BUCKET}/${prefix}/${FOLDERS[where]}/${file}`);
      if (answer.status === 404) return undefined;
      assert.equal(answer.status, 200);
      return Buffer.from(await answer.arrayBuffer());
    },
  };
}

photoBehaviour('S3 bucket', async () => ({
  server: await running.then(() => testServer({ KABAR_UPLOADS_URL: uploadsUrl('situs'), ...KEY }, { seed: false })),
  places: bucketView('situs'),
}));

test('S3 bucket: a write the bucket refuses answers 503 storage_failed and keeps nothing, neither object nor story', async () => {
  const server = await testServer({ KABAR_UPLOADS_URL: uploadsUrl('ditolak'), ...KEY, AWS_ACCESS_KEY_ID: 'KUNCI-YANG-SALAH' }, { seed: false });
  try {
    const failed = await sendStory(server, 'Foto saat bucket menolak', { bytes: solidPng(6, 6, [1, 1, 1]), name: 'e.png' });
    assert.equal(failed.status, 503);
    assert.equal(failed.body.error.code, 'storage_failed');
    assert.deepEqual(await bucketView('ditolak').keys(), []);
    assert.equal((server.store.db.prepare('SELECT COUNT(*) AS n FROM stories').get() as { n: number }).n, 0);
  } finally {
    await server.close();
  }
});

test('S3 bucket with public_url: a published photo is answered with a lasting redirect there; a waiting one is not public there', async () => {
  const publicBase = `${endpoint}/${BUCKET}/cdn/uploads`;
  const server = await testServer({ KABAR_UPLOADS_URL: uploadsUrl('cdn', `&public_url=${encodeURIComponent(publicBase)}`), ...KEY }, { seed: false });
  try {
    const photo = { bytes: solidPng(11, 7, [30, 60, 90]), name: 'f.png' };
    const sent = await sendStory(server, 'Foto lewat CDN', photo);
    const { file } = await queuedPhoto(server, sent.body.id);
    // The public address holds only published photos: a waiting one is not found there.
    assert.equal((await fetch(`${publicBase}/${file}`)).status, 404);

    const approved = await server.api('POST', `/admin/stories/${sent.body.id}`, { json: { action: 'approve' }, headers: editor });
    assert.equal(fileOf(approved.body.article.image.src), file);
    const answer = await server.app.request(`/uploads/${file}`);
    assert.equal(answer.status, 301);
    assert.equal(answer.headers.get('Location'), `${publicBase}/${file}`);
    assert.equal(answer.headers.get('Cache-Control'), 'public, max-age=31536000, immutable');
    const there = await fetch(answer.headers.get('Location')!);
    assert.deepEqual(Buffer.from(await there.arrayBuffer()), photo.bytes);
    assert.equal((await server.app.request('/uploads/0123456789abcdef0123456789abcdef.png')).status, 404, 'a name no record has is not redirected');
  } finally {
    await server.close();
  }
});

test("copyUploads copies a site's public and private photos from local folders into a bucket, and a second run changes nothing", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kabar-copy-'));
  try {
    const local = new LocalUploads({ publicDir: join(dir, 'uploads'), privateDir: join(dir, 'private-uploads') });
    const published = [await saveUpload(local, solidPng(4, 4, [1, 0, 0]), 'image/png'), await saveUpload(local, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml')];
    const held = await holdPhoto(local, solidPng(3, 3, [0, 1, 0]), 'image/png');
    const bucket = uploadsFrom(uploadsSettingFrom({ KABAR_UPLOADS_URL: uploadsUrl('salinan'), ...KEY }, { uploadsDir: dir, dataDir: dir }));

    assert.deepEqual(await copyUploads(local, bucket), { public: 2, private: 1 });
    const view = bucketView('salinan');
    assert.deepEqual((await view.files('public')).sort(), published.map((m) => m.file).sort());
    assert.deepEqual(await view.files('private'), [held.file]);
    for (const { file } of published) assert.deepEqual(await view.bytes('public', file), Buffer.from((await local.read('public', file))!));
    assert.deepEqual(await view.bytes('private', held.file), Buffer.from((await local.read('private', held.file))!));

    const before = await view.keys();
    assert.deepEqual(await copyUploads(local, bucket), { public: 2, private: 1 });
    assert.deepEqual(await view.keys(), before);
    // And back: the bucket is a source as good as the folders.
    const back = new LocalUploads({ publicDir: join(dir, 'back'), privateDir: join(dir, 'back-private') });
    assert.deepEqual(await copyUploads(bucket, back), { public: 2, private: 1 });
    assert.deepEqual(await back.read('private', held.file), await local.read('private', held.file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('KABAR_UPLOADS_URL: unset keeps the local folders; an s3:// address is read whole; what cannot work is refused in one sentence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kabar-config-'));
  const base = { DATABASE: join(dir, 'kabar.db'), KABAR_ADMIN_TOKEN: 'a-token-long-enough-to-be-safe-0123' };
  try {
    assert.equal(loadConfig(base).uploads.kind, 'local');
    assert.deepEqual(
      loadConfig({ ...base, ...KEY, KABAR_UPLOADS_URL: 's3://berita-desa/kabar/foto?endpoint=https://minio.contoh.id:9000/&region=id-jkt-1&public_url=https://foto.contoh.id/' }).uploads,
      {
        kind: 's3',
        bucket: 'berita-desa',
        prefix: 'kabar/foto',
        endpoint: 'https://minio.contoh.id:9000',
        region: 'id-jkt-1',
        pathStyle: true,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        publicUrl: 'https://foto.contoh.id',
      },
    );
    const amazon = loadConfig({ ...base, ...KEY, AWS_REGION: 'ap-southeast-3', KABAR_UPLOADS_URL: 's3://berita-desa' }).uploads;
    assert.deepEqual(amazon.kind === 's3' && [amazon.endpoint, amazon.region, amazon.pathStyle, amazon.prefix], ['https://s3.ap-southeast-3.amazonaws.com', 'ap-southeast-3', false, '']);

    const refused = (env: Record<string, string>, pattern: RegExp) => assert.throws(() => loadConfig({ ...base, ...env }), (e: unknown) => e instanceof ConfigError && pattern.test(e.message));
    refused({ KABAR_UPLOADS_URL: 's3://berita-desa' }, /set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    refused({ ...KEY, KABAR_UPLOADS_URL: 's3://berita-desa?endpont=https://x' }, /unknown setting "endpont"/);
    refused({ ...KEY, KABAR_UPLOADS_URL: 's3://berita-desa?endpoint=ftp://x' }, /endpoint must be an http\(s\) URL/);
    refused({ ...KEY, KABAR_UPLOADS_URL: 's3://berita-desa?endpoint=' }, /empty endpoint/);
    refused({ ...KEY, KABAR_UPLOADS_URL: 'gs://berita-desa' }, /must be an s3:\/\/ address/);
    refused({ ...KEY, KABAR_UPLOADS_URL: 's3://B' }, /names no valid bucket/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
