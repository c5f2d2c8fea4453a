/**
 * The HTTP server around the app, built to stay up under hostile traffic:
 *
 * - header and whole-request deadlines (a slow phone finishes, a loris does not);
 * - a cap on open connections in all and per address (an IPv6 /64 is one),
 *   answered with a 503 and `Retry-After` instead of running out of file
 *   descriptors; a socket that sends nothing is closed within seconds;
 * - every request body read here, up to its route's limit, before the app sees
 *   it, within a memory budget for all bodies together and per address (503 and
 *   `Retry-After` past it, decided from Content-Length before a byte is read),
 *   and at a minimum rate (408 below it);
 *   a body over the limit is not kept but read and thrown away (up to a cap,
 *   within a deadline) so the client is sure to read the 413, and the connection
 *   can carry its next request. Past the cap the server says goodbye politely:
 *   it stops writing, keeps reading a little longer, then closes (a lingering close).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { addressKey, isTrustedProxy, plainAddress } from './client-address.js';
import type { Config } from './config.js';
import { bodyLimitFor } from './limits.js';

export interface ConnectionOptions {
  /** The largest body the route of this request accepts. */
  bodyLimit: (req: IncomingMessage) => number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** Addresses not capped per address: a trusted proxy carries many clients. */
  uncapped?: (address: string) => boolean;
  /** Time to send the request line and headers. */
  headersTimeoutMs?: number;
  /** Time to send the whole request, body included. */
  requestTimeoutMs?: number;
  /** How much of a refused body is read and thrown away to keep the connection. */
  discardBytes?: number;
  /** How long a refused body may take to arrive before the connection is closed. */
  discardMs?: number;
  /** Bytes of request bodies held in memory at once, all requests together. */
  bodyBudgetBytes?: number;
  /** The share of that one address may hold (an uncapped proxy only meets the whole budget). */
  bodyBudgetPerAddressBytes?: number;
  /** A body arriving slower than this (bytes per second, over each `minBodyRateWindowMs`) is cut off with a 408. */
  minBodyBytesPerSecond?: number;
  minBodyRateWindowMs?: number;
  /** A socket that sends not a byte for this long is closed (the header deadline is for slow senders). */
  firstByteTimeoutMs?: number;
}

/**
 * Bytes of request bodies held in memory, in all and per address: a body is reserved
 * whole when its Content-Length arrives (chunk by chunk without one) and given back
 * when its answer is done, so many stalled uploads cost a bounded amount whatever they claim.
 */
class BodyBudget {
  private used = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(
    readonly total: number,
    readonly perAddress: number,
  ) {}

  /** Reserves `bytes` for `address` (`perAddress` does not apply when `capped` is false); false when they do not fit. */
  take(address: string, bytes: number, capped: boolean): boolean {
    const mine = this.byAddress.get(address) ?? 0;
    if (this.used + bytes > this.total || (capped && mine + bytes > this.perAddress)) return false;
    this.used += bytes;
    this.byAddress.set(address, mine + bytes);
    return true;
  }

  give(address: string, bytes: number): void {
    this.used -= bytes;
    const left = (this.byAddress.get(address) ?? bytes) - bytes;
    if (left > 0) this.byAddress.set(address, left);
    else this.byAddress.delete(address);
  }
}

/** Set on a request whose body was over its limit; the app answers it with a 413. */
export const BODY_TOO_LARGE = Symbol('kabar.bodyTooLarge');

type KabarIncoming = IncomingMessage & { rawBody?: Buffer; [BODY_TOO_LARGE]?: true };

/** Whether the node layer found this request's body over its limit (false in process). */
export const bodyWasTooLarge = (incoming: unknown): boolean => Boolean((incoming as KabarIncoming | undefined)?.[BODY_TOO_LARGE]);

const LINGER_MS = 2_000;
const RETRY_AFTER_S = 5;

/** An answer from this layer (the app never saw the request), after which the connection closes politely. */
function answerAndClose(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  res.shouldKeepAlive = false;
  // What the client still sends goes nowhere, not into memory.
  res.req.resume();
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...(status === 503 ? { 'Retry-After': String(RETRY_AFTER_S) } : {}),
    Connection: 'close',
  });
  res.end(body, () => lingeringClose(res.req.socket));
}

/** A 503 written straight to a socket the server will not serve. */
function refuseConnection(socket: Socket): void {
  const body = 'Server busy; try again in a few seconds.\n';
  socket.on('error', () => undefined);
  socket.end(
    `HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${RETRY_AFTER_S}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** Stops writing, keeps reading (and dropping) what the client still sends for a moment, then closes. */
function lingeringClose(socket: Socket): void {
  if (socket.destroyed) return;
  socket.on('data', () => undefined);
  socket.resume();
  socket.end();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** Reads the rest of a refused body into nothing; past the cap or the deadline, closes politely. */
function discardBody(req: IncomingMessage, maxBytes: number, deadlineMs: number): void {
  if (req.complete) return;
  let seen = 0;
  const giveUp = (): void => {
    clearTimeout(timer);
    req.removeAllListeners('data');
    lingeringClose(req.socket);
  };
  const timer = setTimeout(giveUp, deadlineMs);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > maxBytes) giveUp();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('error', () => clearTimeout(timer));
  req.resume();
}

export function createHttpServer(fetch: Parameters<typeof getRequestListener>[0], options: ConnectionOptions): Server {
  const discardBytes = options.discardBytes ?? 8 * 1024 * 1024;
  const discardMs = options.discardMs ?? 10_000;
  // The body is read here, so the app's listener never has to clean one up.
  const handle = getRequestListener(fetch, { autoCleanupIncoming: false });
  const refused = new WeakSet<Socket>();

  const budget = new BodyBudget(options.bodyBudgetBytes ?? 64 * 1024 * 1024, options.bodyBudgetPerAddressBytes ?? 24 * 1024 * 1024);
  const minRate = options.minBodyBytesPerSecond ?? 1024;
  const rateWindowMs = options.minBodyRateWindowMs ?? 10_000;

  const listener = (req: KabarIncoming, res: ServerResponse): void => {
    if (refused.has(req.socket)) return;
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      void handle(req, res);
      return;
    }
    const limit = options.bodyLimit(req);
    const peer = plainAddress(req.socket.remoteAddress ?? '');
    const address = addressKey(peer);
    const capped = !options.uncapped?.(peer);
    const chunks: Buffer[] = [];
    let size = 0;
    let reserved = 0;
    let windowStart = 0;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      clearInterval(rateCheck);
      budget.give(address, reserved);
    };
    // The body's memory is given back when its answer is done, or the client went away.
    res.once('close', release);
    // A body slower than the minimum rate is cut off: a phone on a weak signal sends far more.
    const rateCheck = setInterval(() => {
      if (req.complete || size - windowStart >= (minRate * rateWindowMs) / 1000) {
        windowStart = size;
        return;
      }
      stopReading();
      answerAndClose(res, 408, 'request_timeout', 'The body arrived too slowly.');
    }, rateWindowMs);
    rateCheck.unref();
    const stopReading = (): void => {
      chunks.length = 0;
      req.off('data', onData);
      req.off('end', onEnd);
      release();
    };
    const busy = (): void => {
      stopReading();
      answerAndClose(res, 503, 'unavailable', 'The server is receiving too much at once; try again in a few seconds.');
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        stopReading();
        tooLarge();
        return;
      }
      if (size > reserved) {
        // Without a Content-Length the body is reserved as it comes.
        if (!budget.take(address, size - reserved, capped)) return busy();
        reserved = size;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      clearInterval(rateCheck);
      req.rawBody = Buffer.concat(chunks, size);
      void handle(req, res);
    };
    const tooLarge = (): void => {
      release();
      req[BODY_TOO_LARGE] = true;
      req.rawBody = Buffer.alloc(0);
      req.pause();
      res.once('finish', () => discardBody(req, discardBytes, discardMs));
      void handle(req, res);
    };
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (declared !== undefined && declared > limit) {
      tooLarge();
      return;
    }
    // Reserved whole when the headers arrive: a body that could not be held is refused before a byte is read.
    if (declared !== undefined && declared > 0) {
      if (!budget.take(address, declared, capped)) return busy();
      reserved = declared;
    }
    req.on('data', onData);
    req.once('end', onEnd);
  };

  const server = createServer(
    {
      // Enough for a phone on a weak signal to send its headers; far too short to hold a socket for free.
      headersTimeout: options.headersTimeoutMs ?? 20_000,
      // A photo of several MB on slow mobile data takes minutes, not hours.
      requestTimeout: options.requestTimeoutMs ?? 300_000,
      connectionsCheckingInterval: Math.min(5_000, options.headersTimeoutMs ?? 5_000),
    },
    listener,
  );

  const perAddress = new Map<string, number>();
  let open = 0;
  // Before the HTTP layer's own listener, so a refused socket is never served.
  const firstByteMs = options.firstByteTimeoutMs ?? 10_000;
  server.prependListener('connection', (socket: Socket) => {
    // An IPv6 host is counted by its /64: it has the whole block to connect from.
    const peer = plainAddress(socket.remoteAddress ?? '');
    const address = addressKey(peer);
    const mine = perAddress.get(address) ?? 0;
    const capped = !options.uncapped?.(peer) && mine >= options.maxConnectionsPerAddress;
    if (open >= options.maxConnections || capped) {
      refused.add(socket);
      refuseConnection(socket);
      return;
    }
    open++;
    perAddress.set(address, mine + 1);
    // A socket held open without a byte costs a slot for nothing: it gets far less time than a slow sender.
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, firstByteMs);
    silent.unref();
    socket.once('close', () => {
      clearTimeout(silent);
      open--;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
  });
  return server;
}

/** The server `npm start` runs: the app behind the limits above, as the configuration sets them. */
export function httpServerFor(app: Hono, config: Config, overrides: Partial<ConnectionOptions> = {}): Server {
  return createHttpServer(app.fetch, {
    bodyLimit: (req) => bodyLimitFor(req.method ?? 'GET', (req.url ?? '/').split('?')[0], req.headers['content-type'] ?? '', config.maxPhotoBytes),
    maxConnections: config.maxConnections,
    maxConnectionsPerAddress: config.maxConnectionsPerAddress,
    // Behind a proxy every reader arrives on the proxy's own connections.
    uncapped: (address) => config.trustProxy.kind === 'hops' || isTrustedProxy(config.trustProxy, address),
    ...overrides,
  });
}
