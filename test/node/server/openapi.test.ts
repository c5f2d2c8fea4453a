/** The OpenAPI document and the server describe the same API. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDocumented, openapi, testServer } from './helpers.js';

test('the document is OpenAPI 3.1 and documents exactly the routes the server answers', async () => {
  assert.match(openapi.openapi, /^3\.1\./);
  const server = await testServer({}, { seed: false });
  try {
    const served = new Set(
      server.app.routes
        .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && !r.path.endsWith('*'))
        .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(openapi.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    assert.deepEqual([...served].sort(), [...documented].sort());
  } finally {
    await server.close();
  }
});

test('the checks the tests rely on can fail: a wrong shape or an undocumented status is caught', () => {
  const headers = new Headers({ ETag: 'W/"x"', 'Cache-Control': 'no-cache' });
  const good = { items: [], page: 1, per_page: 10, total: 0, total_pages: 0 };
  assertDocumented('GET', '/articles', 200, headers, good);
  assert.throws(() => assertDocumented('GET', '/articles', 200, headers, { ...good, page: '1' }));
  assert.throws(() => assertDocumented('GET', '/articles', 200, headers, { ...good, extra: true }));
  assert.throws(() => assertDocumented('GET', '/articles', 200, new Headers(), good), /ETag/);
  assert.throws(() => assertDocumented('GET', '/articles', 418, headers, good), /does not document/);
  const receipt = { id: '1', status: 'pending', received_at: '2026-01-02T03:04:05+07:00' };
  assertDocumented('POST', '/stories', 201, headers, receipt);
  assert.throws(() => assertDocumented('POST', '/stories', 201, headers, { ...receipt, received_at: 'kemarin' }));
  assert.throws(() => assertDocumented('POST', '/stories', 422, headers, { error: { code: 'oops', message: 'x' } }));
});
