/**
 * Photos in an S3-compatible bucket (`KABAR_UPLOADS_URL=s3://…`), against a
 * real S3 server on the loopback: the same photo behaviour as on the local
 * folders, a refused write, a public address outside the server, and copying
 * a site's photos across.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../../server/config.js';
import { copyUploads, holdPhoto, LocalUploads, saveUpload, uploadsFrom, uploadsSettingFrom } from '../../../server/uploads/index.js';
import { S3Error, S3Uploads } from '../../../server/uploads/s3.js';
import { solidPng, testServer } from './helpers.js';
import { editor, fileOf, photoBehaviour, queuedPhoto, sendStory } from './photo-suite.js';
import { BUCKET, KEY, testBucket } from './s3-bucket.js';

const bucket = testBucket();

photoBehaviour('S3 bucket', async () => ({
  server: await testServer({ KABAR_UPLOADS_URL: await bucket.uploadsUrl('situs'), ...KEY }, { seed: false }),
  places: bucket.view('situs'),
}));

test('S3 bucket: a write the bucket refuses answers 503 storage_failed and keeps nothing, neither object nor story', async () => {
  const server = await testServer({ KABAR_UPLOADS_URL: await bucket.uploadsUrl('ditolak'), ...KEY, AWS_ACCESS_KEY_ID: 'KUNCI-YANG-SALAH' }, { seed: false });
  try {
    const failed = await sendStory(server, 'Foto saat bucket menolak', { bytes: solidPng(6, 6, [1, 1, 1]), name: 'e.png' });
    assert.equal(failed.status, 503);
    assert.equal(failed.body.error.code, 'storage_failed');
    assert.deepEqual(await bucket.view('ditolak').keys(), []);
    assert.equal((await server.query<{ n: number }>('SELECT COUNT(*) AS n FROM stories'))[0]?.n, 0);
  } finally {
    await server.close();
  }
});

test('S3 bucket with public_url: a published photo is answered with a lasting redirect there; a waiting one is not public there', async () => {
  const publicBase = `${await bucket.ready}/${BUCKET}/cdn/uploads`;
  const server = await testServer({ KABAR_UPLOADS_URL: await bucket.uploadsUrl('cdn', `&public_url=${encodeURIComponent(publicBase)}`), ...KEY }, { seed: false });
  try {
    const photo = { bytes: solidPng(11, 7, [30, 60, 90]), name: 'f.png' };
    const sent = await sendStory(server, 'Foto lewat CDN', photo);
    const { file } = await queuedPhoto(server, sent.body.id);
    // The public address holds only published photos: a waiting one is not found there.
    assert.equal((await fetch(`${publicBase}/${file}`)).status, 404);
    assert.equal((await server.app.request(`/uploads/${file}`)).status, 404, 'nor is it sent there from this server');

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
    const remote = uploadsFrom(uploadsSettingFrom({ KABAR_UPLOADS_URL: await bucket.uploadsUrl('salinan'), ...KEY }, { uploadsDir: dir, dataDir: dir }));

    assert.deepEqual(await copyUploads(local, remote), { public: 2, private: 1 });
    const view = bucket.view('salinan');
    assert.deepEqual((await view.files('public')).sort(), published.map((m) => m.file).sort());
    assert.deepEqual(await view.files('private'), [held.file]);
    for (const { file } of published) assert.deepEqual(await view.bytes('public', file), Buffer.from((await local.read('public', file))!));
    assert.deepEqual(await view.bytes('private', held.file), Buffer.from((await local.read('private', held.file))!));

    const before = await view.keys();
    assert.deepEqual(await copyUploads(local, remote), { public: 2, private: 1 });
    assert.deepEqual(await view.keys(), before);
    // And back: the bucket is a source as good as the folders.
    const back = new LocalUploads({ publicDir: join(dir, 'back'), privateDir: join(dir, 'back-private') });
    assert.deepEqual(await copyUploads(remote, back), { public: 2, private: 1 });
    assert.deepEqual(await back.read('private', held.file), await local.read('private', held.file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a service that answers 500, or a page that is not S3, fails loudly: a write is tried three times and refused, a listing is not taken for an empty bucket', async () => {
  const seen: string[] = [];
  const broken = createServer((request, response) => {
    seen.push(request.method!);
    request.resume();
    if (request.method === 'PUT') response.writeHead(500, { 'Content-Type': 'application/xml' }).end('<Error><Code>InternalError</Code></Error>');
    else response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Masuk ke Wi-Fi</title>');
  });
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  try {
    const endpoint = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    const setting = uploadsSettingFrom({ KABAR_UPLOADS_URL: `s3://${BUCKET}/rusak?endpoint=${endpoint}`, ...KEY }, { uploadsDir: '', dataDir: '' });
    assert.equal(setting.kind, 's3');
    // Retries after a millisecond or two, not the production pauses: the test waits for no backoff.
    const uploads = new S3Uploads(setting, { initRetryMs: 1 });
    const photo = holdPhoto(uploads, solidPng(2, 2, [0, 0, 0]), 'image/png');
    await assert.rejects(photo, (e: unknown) => e instanceof S3Error && e.status === 500 && e.code === 'InternalError');
    assert.deepEqual(seen.filter((m) => m === 'PUT'), ['PUT', 'PUT', 'PUT'], 'two retries, then the refusal');
    assert.ok(seen.includes('DELETE'), 'and whatever the service may have kept is removed');
    await assert.rejects(uploads.list('public'), (e: unknown) => e instanceof S3Error && e.code === 'NotAListing');
  } finally {
    broken.close();
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
