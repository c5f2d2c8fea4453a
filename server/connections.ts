/**
 * The HTTP server around the app, built to stay up under hostile traffic:
 *
 * - header and whole-request deadlines (a slow phone finishes, a loris does not);
 * - a cap on open connections in all and per address, answered with a 503 and
 *   `Retry-After` instead of running out of file descriptors;
 * - every request body read here, up to its route's limit, before the app sees
 *   it; a body over the limit is not kept but read and thrown away (up to a cap,
 *   within a deadline) so the client is sure to read the 413, and the connection
 *   can carry its next request. Past the cap the server says goodbye politely:
 *   it stops writing, keeps reading a little longer, then closes (a lingering close).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { isTrustedProxy, plainAddress } from './client-address.js';
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
}

/** Set on a request whose body was over its limit; the app answers it with a 413. */
export const BODY_TOO_LARGE = Symbol('kabar.bodyTooLarge');

type KabarIncoming = IncomingMessage & { rawBody?: Buffer; [BODY_TOO_LARGE]?: true };

/** Whether the node layer found this request's body over its limit (false in process). */
export const bodyWasTooLarge = (incoming: unknown): boolean => Boolean((incoming as KabarIncoming | undefined)?.[BODY_TOO_LARGE]);

const LINGER_MS = 2_000;
const RETRY_AFTER_S = 5;

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

  const listener = (req: KabarIncoming, res: ServerResponse): void => {
    if (refused.has(req.socket)) return;
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      void handle(req, res);
      return;
    }
    const limit = options.bodyLimit(req);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      req.rawBody = Buffer.concat(chunks, size);
      void handle(req, res);
    };
    const tooLarge = (): void => {
      req[BODY_TOO_LARGE] = true;
      req.rawBody = Buffer.alloc(0);
      req.off('data', onData);
      req.off('end', onEnd);
      req.pause();
      res.once('finish', () => discardBody(req, discardBytes, discardMs));
      void handle(req, res);
    };
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (declared !== undefined && declared > limit) {
      tooLarge();
      return;
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
  server.prependListener('connection', (socket: Socket) => {
    const address = plainAddress(socket.remoteAddress ?? '');
    const mine = perAddress.get(address) ?? 0;
    const capped = !options.uncapped?.(address) && mine >= options.maxConnectionsPerAddress;
    if (open >= options.maxConnections || capped) {
      refused.add(socket);
      refuseConnection(socket);
      return;
    }
    open++;
    perAddress.set(address, mine + 1);
    socket.once('close', () => {
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
