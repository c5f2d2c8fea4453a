/**
 * The server's sockets under hostile traffic: an over-limit body still gets its
 * 413 read, idle sockets are capped per address with a 503, slow headers time out.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { httpServerFor } from '../../../server/connections.js';
import { testServer, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await testServer({ KABAR_MAX_CONNECTIONS_PER_ADDRESS: '8' }, { seed: false });
});
after(() => server.close());

/** Starts the real HTTP server for the test app, with optional overrides. */
async function listen(overrides: Parameters<typeof httpServerFor>[2] = {}): Promise<{ http: Server; port: number }> {
  const http = httpServerFor(server.app, server.config, overrides);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { http, port: (http.address() as AddressInfo).port };
}

async function stop(http: Server): Promise<void> {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
}

interface RawOutcome {
  /** Status lines read, in order. */
  statuses: number[];
  /** The first answer's headers, lower-cased, as raw text. */
  head: string;
  /** A socket error the client saw (EPIPE, ECONNRESET), if any. */
  error?: string;
}

/** Sends raw bytes on one socket and collects every answer until the server closes or `waitMs` passes. */
function raw(port: number, write: (socket: Socket) => void, options: { waitMs?: number; localAddress?: string } = {}): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: options.localAddress });
    let text = '';
    let error: string | undefined;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
      resolve({ statuses, head: text.split('\r\n\r\n')[0].toLowerCase(), error });
    };
    const timer = setTimeout(done, options.waitMs ?? 5_000);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', done);
    socket.on('connect', () => write(socket));
  });
}

const THREE_MB = Buffer.alloc(3 * 1024 * 1024, 0x61);

test('a 3 MB story is answered 413 five times out of five, and the next request on the connection is served', async () => {
  const { http, port } = await listen();
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      const outcome = await raw(port, (socket) => {
        socket.write(`POST /api/v1/stories HTTP/1.1\r\nHost: kabar.test\r\nContent-Type: application/json\r\nContent-Length: ${THREE_MB.length}\r\n\r\n`);
        socket.write(THREE_MB);
        socket.write('GET /api/v1/categories HTTP/1.1\r\nHost: kabar.test\r\nConnection: close\r\n\r\n');
      });
      assert.equal(outcome.statuses[0], 413, `attempt ${attempt}: ${JSON.stringify(outcome)}`);
      // The next request is either served or the 413 said the connection would close; never a reset.
      if (/\r?\nconnection: close/.test(outcome.head)) assert.equal(outcome.error, undefined, `attempt ${attempt}`);
      else assert.deepEqual(outcome.statuses, [413, 200], `attempt ${attempt}: ${JSON.stringify(outcome)}`);
    }
  } finally {
    await stop(http);
  }
});

test('a chunked body over the limit gets its 413 too, and the connection carries on', async () => {
  const { http, port } = await listen();
  try {
    const outcome = await raw(port, (socket) => {
      socket.write('POST /api/v1/threads/t/comments HTTP/1.1\r\nHost: kabar.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (let i = 0; i < 32; i++) socket.write(`10000\r\n${'a'.repeat(0x10000)}\r\n`);
      socket.write('0\r\n\r\nGET /api/v1/categories HTTP/1.1\r\nHost: kabar.test\r\nConnection: close\r\n\r\n');
    });
    assert.deepEqual(outcome.statuses, [413, 200], JSON.stringify(outcome));
  } finally {
    await stop(http);
  }
});

test('idle sockets from one address are capped with a 503 and Retry-After; another reader is still served', async () => {
  const { http, port } = await listen();
  const idle: Socket[] = [];
  try {
    const refusals: Promise<RawOutcome>[] = [];
    for (let i = 0; i < 8; i++) {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.on('error', () => undefined);
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('GET /api/v1/categories HTTP/1.1\r\nHost: kabar.test\r\n'); // never finished
      idle.push(socket);
    }
    for (let i = 0; i < 5; i++) refusals.push(raw(port, (s) => s.write('GET /api/v1/categories HTTP/1.1\r\nHost: kabar.test\r\n\r\n'), { waitMs: 3_000 }));
    for (const refused of await Promise.all(refusals)) {
      assert.deepEqual(refused.statuses, [503]);
      assert.match(refused.head, /\r\nretry-after: \d+/);
    }
    // A reader on another address is not held up by the first one's sockets.
    const other = await raw(port, (s) => s.write('GET /api/v1/categories HTTP/1.1\r\nHost: kabar.test\r\nConnection: close\r\n\r\n'), {
      localAddress: '127.0.0.2',
    });
    assert.deepEqual(other.statuses, [200]);
  } finally {
    for (const socket of idle) socket.destroy();
    await stop(http);
  }
});

test('a socket that never finishes its headers is closed once the header deadline passes', async () => {
  // A short deadline for the test; the default gives a slow phone 20 s.
  const { http, port } = await listen({ headersTimeoutMs: 500 });
  try {
    const outcome = await raw(port, (s) => s.write('GET /api/v1/categories HTTP/1.1\r\nHost: kabar.test\r\nX-Slow: '), { waitMs: 8_000 });
    assert.deepEqual(outcome.statuses, [408]);
  } finally {
    await stop(http);
  }
});
