/**
 * The server's sockets under hostile traffic: an over-limit body still gets its
 * 413 read, idle sockets are capped per address with a 503, slow headers time out.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { addressKey } from '../../../server/client-address.js';
import { loadConfig } from '../../../server/config.js';
import { httpServerFor } from '../../../server/connections.js';
import { ALLOWANCES } from '../../../server/routes/context.js';
import { startServer } from '../../e2e/harness.js';
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

/** Opens a socket from `localAddress` and waits until it is connected. */
async function open(port: number, localAddress: string): Promise<Socket> {
  const socket = connect({ port, host: '127.0.0.1', localAddress });
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

test('nine addresses holding as many idle sockets as they may do not stop a tenth from reading (production caps)', async () => {
  // The caps a server has when nothing is set.
  const defaults = loadConfig({ DATABASE: server.config.databasePath, KABAR_ADMIN_TOKEN: 'x'.repeat(32) });
  const { http, port } = await listen({ maxConnections: defaults.maxConnections, maxConnectionsPerAddress: defaults.maxConnectionsPerAddress });
  const held: Socket[] = [];
  try {
    for (let a = 2; a <= 10; a++) {
      // Each holds every socket it is given (and a few more it is refused), sending a header line and then nothing.
      for (let i = 0; i < defaults.maxConnectionsPerAddress + 4; i++) {
        const socket = await open(port, `127.0.0.${a}`);
        socket.write('GET /api/v1/categories HTTP/1.1\r\n');
        held.push(socket);
      }
    }
    const reader = await raw(port, (s) => s.write('GET /api/v1/categories HTTP/1.1\r\nHost: kabar.test\r\nConnection: close\r\n\r\n'), { localAddress: '127.0.0.11' });
    assert.deepEqual(reader.statuses, [200], `${held.length} sockets held by nine addresses`);
  } finally {
    for (const socket of held) socket.destroy();
    await stop(http);
  }
});

test('a socket that sends nothing is closed long before the header deadline', async () => {
  const { http, port } = await listen({ firstByteTimeoutMs: 300 });
  try {
    const socket = await open(port, '127.0.0.3');
    const closed = await Promise.race([new Promise((resolve) => socket.once('close', () => resolve(true))), new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]);
    assert.equal(closed, true);
  } finally {
    await stop(http);
  }
});

test('a body sent slower than the minimum rate is cut off with a 408', async () => {
  const { http, port } = await listen({ minBodyRateWindowMs: 500, minBodyBytesPerSecond: 1024 });
  try {
    const outcome = await raw(
      port,
      (socket) => {
        socket.write('POST /api/v1/threads/t/comments HTTP/1.1\r\nHost: kabar.test\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{');
        // A byte every 100 ms: 10 bytes a second.
        const drip = setInterval(() => (socket.destroyed ? clearInterval(drip) : socket.write(' ')), 100);
        socket.once('close', () => clearInterval(drip));
      },
      { waitMs: 8_000 },
    );
    assert.deepEqual(outcome.statuses, [408], JSON.stringify(outcome));
  } finally {
    await stop(http);
  }
});

test('an IPv6 client is counted by its /64, for connections and for rate limits alike', async () => {
  assert.equal(addressKey('2001:db8:5:6::1'), addressKey('2001:0db8:0005:0006:ffff:1:2:3'));
  assert.notEqual(addressKey('2001:db8:5:6::1'), addressKey('2001:db8:5:7::1'));
  assert.equal(addressKey('::ffff:192.0.2.7'), '192.0.2.7');
  // Behind one trusted hop: one story more than an address's allowance, each from another address of one /64.
  const limited = await testServer({ KABAR_RATE_LIMIT: 'on', KABAR_TRUST_PROXY: '1' }, { seed: false });
  const allowance = ALLOWANCES.storiesPerAddress.capacity;
  try {
    const statuses: number[] = [];
    for (let i = 1; i <= allowance + 1; i++) {
      const answer = await limited.api('POST', '/stories', {
        json: { name: 'Ani', email: `ani${i}@example.org`, title: `Cerita dari satu blok nomor ${i}`, body: 'Paragraf satu yang cukup panjang.\n\nParagraf dua yang cukup panjang.', consent: true, elapsed_ms: 60_000 },
        headers: { 'X-Forwarded-For': `2001:db8:5:6::${i.toString(16)}` },
      });
      statuses.push(answer.status);
    }
    assert.deepEqual(statuses, [...Array<number>(allowance).fill(201), 429]);
  } finally {
    await limited.close();
  }
});

/** The resident memory of a process, from /proc. */
const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

test('256 stalled 6 MB story bodies from one address leave the server within its body budget', async () => {
  // The real server process with production defaults, so its own memory is what is measured.
  const kabar = await startServer();
  const port = Number(new URL(kabar.url).port);
  const sockets: Socket[] = [];
  try {
    // Warm: the first requests load code that stays.
    for (let i = 0; i < 3; i++) await fetch(`${kabar.apiUrl}/categories`);
    const before = rssOf(kabar.pid);
    const statuses: number[] = [];
    const length = 6 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    await Promise.all(
      Array.from({ length: 256 }, async () => {
        const socket = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.5' });
        sockets.push(socket);
        socket.on('error', () => undefined);
        socket.on('data', (data: Buffer) => {
          const status = /^HTTP\/1\.1 (\d{3})/.exec(data.toString('latin1'));
          if (status) statuses.push(Number(status[1]));
        });
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write(`POST /api/v1/stories HTTP/1.1\r\nHost: kabar.test\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${length}\r\n\r\n`);
        // All but the last kilobyte, as fast as the server takes it; then the sender stalls.
        let sent = 0;
        while (sent + chunk.length <= length - 1024 && !socket.destroyed) {
          if (!socket.write(chunk)) await new Promise((resolve) => (socket.once('drain', resolve), socket.once('close', resolve)));
          sent += chunk.length;
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const during = rssOf(kabar.pid);
    const grew = during - before;
    console.log(
      `# RSS ${(before / 2 ** 20).toFixed(0)} MB before, ${(during / 2 ** 20).toFixed(0)} MB with 256 stalled 6 MB bodies (+${(grew / 2 ** 20).toFixed(0)} MB); ` +
        `${statuses.filter((s) => s === 503).length} answered 503, ${sockets.filter((s) => !s.destroyed && !s.readableEnded).length} still open`,
    );
    // Past the cap on connections and the body budget of one address, every one is refused (those that
    // could read it, with a 503): four bodies of 6 MB fit in one address's 24 MB.
    assert.deepEqual(new Set(statuses), new Set([503]));
    assert.ok(sockets.filter((s) => !s.destroyed && !s.readableEnded).length <= 4);
    // The stated budget: 24 MB of bodies per address (64 MB in all), and room for the sockets themselves.
    assert.ok(grew < 64 * 2 ** 20, `RSS grew ${(grew / 2 ** 20).toFixed(0)} MB`);
    // And a reader is served meanwhile.
    assert.equal((await fetch(`${kabar.apiUrl}/categories`)).status, 200);
  } finally {
    for (const socket of sockets) socket.destroy();
    await kabar.stop();
  }
});
