/**
 * Behind proxies: the client is the right-most address our proxies did not write,
 * forwarded scheme and host count only from a trusted hop, and absolute URLs never
 * follow a Host header the client chose.
 */
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { test } from 'node:test';
import { clientAddress, parseTrustProxy } from '../../../server/client-address.js';
import { ALLOWANCES } from '../../../server/routes/context.js';
import { testServer, validStory } from './helpers.js';

test('the client is the right-most untrusted X-Forwarded-For entry, by hops or by proxy list', () => {
  // nginx's $proxy_add_x_forwarded_for appends the real peer to whatever the client sent.
  const spoofed = '198.51.100.7, 203.0.113.9';
  assert.equal(clientAddress(parseTrustProxy('on'), '10.0.0.2', spoofed), '203.0.113.9');
  assert.equal(clientAddress(parseTrustProxy('1'), '10.0.0.2', spoofed), '203.0.113.9');
  assert.equal(clientAddress(parseTrustProxy('2'), '10.0.0.2', `${spoofed}, 10.0.0.3`), '203.0.113.9');
  const list = parseTrustProxy('10.0.0.0/8, ::1');
  assert.equal(clientAddress(list, '10.0.0.2', `${spoofed}, 10.1.2.3`), '203.0.113.9');
  assert.equal(clientAddress(list, '::ffff:10.0.0.2', spoofed), '203.0.113.9');
  // A connection that is not from a listed proxy is the client, whatever its header says.
  assert.equal(clientAddress(list, '192.0.2.44', spoofed), '192.0.2.44');
  assert.equal(clientAddress(parseTrustProxy('off'), '192.0.2.44', spoofed), '192.0.2.44');
  assert.throws(() => parseTrustProxy('10.0.0.0/99'), /KABAR_TRUST_PROXY/);
});

test('through a proxy that appends, a client that writes its own X-Forwarded-For still meets the story limit', async () => {
  const server = await testServer({ KABAR_RATE_LIMIT: 'on', KABAR_TRUST_PROXY: 'on' }, { seed: false });
  try {
    const statuses = [];
    const cap = ALLOWANCES.storiesPerAddress.capacity;
    for (let i = 0; i < cap + 3; i++) {
      const headers = { 'X-Forwarded-For': `198.51.100.${i}, 203.0.113.9` };
      statuses.push((await server.api('POST', '/stories', { json: validStory({ title: `Cerita palsu ${i}`, email: `x${i}@example.org` }), headers })).status);
    }
    assert.deepEqual(statuses, [...Array<number>(cap).fill(201), 429, 429, 429]);
  } finally {
    await server.close();
  }
});

test('wrong admin tokens lock out the client however it varies the forwarded header', async () => {
  const server = await testServer({ KABAR_TRUST_PROXY: 'on' }, { seed: false });
  try {
    const statuses = [];
    for (let i = 0; i < 40; i++) {
      const headers = { Authorization: `Bearer tebakan-${i}`, 'X-Forwarded-For': `198.51.100.${i}, 203.0.113.9` };
      statuses.push((await server.api('GET', '/admin/queue', { headers })).status);
    }
    assert.ok(statuses.includes(429), statuses.join(','));
    assert.equal(statuses.filter((s) => s === 401).length, 10);
  } finally {
    await server.close();
  }
});

test('absolute URLs: never from an untrusted Host header; from X-Forwarded-Proto/Host only through a trusted proxy', async () => {
  for (const [trust, expected] of [
    ['off', (base: string) => base],
    ['127.0.0.1', () => 'https://kabar.example.org'],
  ] as const) {
    const server = await testServer({ KABAR_TRUST_PROXY: trust });
    try {
      const base = await server.listen();
      // node:http sends the Host header as given (fetch may not).
      const body = await new Promise<string>((resolve, reject) => {
        const headers = { Host: 'evil.example', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'kabar.example.org' };
        get(`${base}/api/v1/articles?per_page=1`, { headers }, (response) => {
          assert.equal(response.statusCode, 200);
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve(text));
        }).on('error', reject);
      });
      const url = new URL((JSON.parse(body) as { items: Array<{ url: string }> }).items[0].url);
      assert.equal(url.origin, expected(base), `KABAR_TRUST_PROXY=${trust}`);
    } finally {
      await server.close();
    }
  }
});
