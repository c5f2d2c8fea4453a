/**
 * A server that passes sends on elsewhere: the comments API of a site answers
 * every POST with `307 Temporary Redirect` to another loopback origin, which
 * records whatever reaches it and allows any origin (the worst case: an
 * attacker's server says yes to everything, preflights included). A 307
 * would have the browser send the same body, the reader's name, e-mail and
 * text, to that origin. In Chromium, against real servers: the send is an
 * error the reader reads in her language, her text stays in the form, and
 * the other origin hears nothing. A read redirected there is refused too:
 * the thread shows an error, not the other site's comments.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildOnce } from './harness.js';
import { partnerSite, type PartnerSite } from './partner.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Recorded {
  method: string;
  url: string;
  body: string;
}

/** Where the redirects point: another origin (another loopback address) that records every request. */
const recorded: Recorded[] = [];
let recorder: Server;
let recorderOrigin: string;
/** The site whose API redirects. */
let site: Server;
let siteOrigin: string;
let partner: PartnerSite;

const allowAll = (request: IncomingMessage): Record<string, string> => ({
  'Access-Control-Allow-Origin': request.headers.origin ?? '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '*',
  'Access-Control-Expose-Headers': 'ETag',
  'Access-Control-Max-Age': '0',
});

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string>) => {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
};

const emptyPage = { items: [], page: 1, per_page: 20, total: 0, total_pages: 0 };

async function listen(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolve(body));
  });
}

before(async () => {
  await buildOnce();
  const bundle = readFileSync(join(root, 'dist', 'kabar.js'));

  recorder = createServer((request, response) => {
    void readBody(request).then((body) => {
      recorded.push({ method: request.method ?? '', url: request.url ?? '', body });
      if (request.method === 'OPTIONS') {
        response.writeHead(204, allowAll(request));
        response.end();
        return;
      }
      const stolen = { id: 'lain', thread: 'x', parent_id: null, author: { name: 'Situs Lain' }, body: 'Dari situs lain', created_at: new Date().toISOString(), status: 'approved' };
      if (request.method === 'POST') json(response, 201, stolen, allowAll(request));
      else json(response, 200, { ...emptyPage, items: [stolen], total: 1, total_pages: 1 }, allowAll(request));
    });
  });
  recorderOrigin = await listen(recorder, '127.0.0.2');

  site = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url.startsWith('/kabar.js')) {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
      response.end(bundle);
      return;
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(204, allowAll(request));
      response.end();
      return;
    }
    if (request.method === 'POST' || url.startsWith('/api/v1/threads/dialihkan/')) {
      // 307 keeps the method and the body: a browser that followed it would re-send the comment there.
      request.resume();
      response.writeHead(request.method === 'POST' ? 307 : 302, { Location: `${recorderOrigin}${url}`, ...allowAll(request) });
      response.end();
      return;
    }
    if (url.startsWith('/api/v1/threads/')) return json(response, 200, emptyPage, allowAll(request));
    if (url.startsWith('/api/v1/comment-counts')) return json(response, 200, { counts: {} }, allowAll(request));
    json(response, 404, { error: { code: 'not_found', message: 'No such route.' } }, allowAll(request));
  });
  siteOrigin = await listen(site, '127.0.0.1');

  partner = await partnerSite(
    'mitra-warga.test',
    (url) => `<!doctype html><html lang="${url.searchParams.get('lang') ?? 'id'}"><head><title>Mitra</title>
<script type="module" src="${siteOrigin}/kabar.js"></script></head><body>
<h1>Berita warga</h1>
<kabar-comment-box loading="eager" thread="${url.searchParams.get('thread') ?? 'kirim'}" backend="${siteOrigin}/api/v1"></kabar-comment-box>
</body></html>`,
  );
});

after(async () => {
  await partner?.close();
  await new Promise((resolve) => site?.close(resolve));
  await new Promise((resolve) => recorder?.close(resolve));
});

for (const [lang, message] of [
  ['id', 'Server mencoba meneruskan ini ke alamat lain, jadi tidak dikirim.'],
  ['en', 'The server tried to pass this on to another address, so it was not sent.'],
] as const) {
  test(`a 307 on a comment send is an error the reader reads (${lang}), and nothing reaches the other origin`, async () => {
    recorded.length = 0;
    const context = await partner.browser.newContext();
    const page = await context.newPage();
    // The page's clock is moved on while she writes, as a person takes time to.
    await page.clock.install();
    await page.goto(`${partner.origin}/?lang=${lang}`);
    const box = page.locator('kabar-comment-box');
    await box.locator('form[part="form"]').waitFor();
    const body = 'Jadwal posyandu bulan ini kapan, ya?';
    await box.locator('#field-body').pressSequentially(body, { delay: 20 });
    await box.locator('#field-name').pressSequentially('Sekar Ayu', { delay: 20 });
    await box.locator('#field-email').pressSequentially('sekar@contoh.id', { delay: 20 });
    await page.clock.fastForward(40_000);
    const sent = page.waitForResponse((response) => response.request().method() === 'POST');
    await box.locator('[part="submit-button"]').click();
    await sent;

    const shown = box.locator('p[part]', { hasText: message });
    await shown.first().waitFor({ timeout: 15_000 });
    assert.equal(await box.locator('[part~="comment"]', { hasText: 'Dari situs lain' }).count(), 0, 'the other origin\u2019s answer is never shown as sent');
    assert.equal(await box.locator('#field-body').inputValue(), body, 'her text stays in the form');
    // Let any follow-up (a retry, a followed redirect) have its chance to go out.
    await page.clock.fastForward(60_000);
    await page.waitForTimeout(500);
    assert.deepEqual(recorded, [], 'the other origin heard nothing, not even a preflight');
    await context.close();
  });
}

test('a read redirected to another origin is refused: the thread shows an error, never the other site\u2019s comments', async () => {
  const context = await partner.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${partner.origin}/?thread=dialihkan`);
  const box = page.locator('kabar-comment-box');
  await box.locator('[part="error"]').waitFor({ timeout: 15_000 });
  assert.equal(await box.locator('[part~="comment"]', { hasText: 'Dari situs lain' }).count(), 0);
  await context.close();
});
