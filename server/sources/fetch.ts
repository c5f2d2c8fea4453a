/**
 * One polite, guarded GET of a partner's feed. Polite: a real User-Agent,
 * conditional requests (`If-None-Match`, `If-Modified-Since`), compression.
 * Guarded, because the other end may be hostile or broken: one deadline for
 * the whole exchange (a slow drip of bytes cannot hold it open), a cap on the
 * bytes read after decompression (a 50 MB body or a zip bomb is cut off, never
 * buffered), redirects followed only on the same site and never to a private
 * or loopback address unless the operator allows those.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { SourceErrorCode } from './errors.js';

export interface FetchLimits {
  /** The whole exchange, connection to last byte. */
  timeoutMs: number;
  /** Bytes of the body after decompression. */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Whether loopback and private addresses may be fetched (a development server, tests). */
  allowPrivate: boolean;
}

export type FetchOutcome =
  | { kind: 'ok'; body: Buffer; url: string; contentType?: string; etag?: string; lastModified?: string }
  | { kind: 'not-modified'; url: string }
  | { kind: 'failed'; code: SourceErrorCode; status?: number };

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** Loopback, private, link-local and the like: places a feed fetcher must not be pointed at from outside. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? PRIVATE.check(mapped[1], 'ipv4') : PRIVATE.check(address, 'ipv6');
  }
  return false;
}

class Refused extends Error {
  constructor(readonly code: SourceErrorCode) {
    super(code);
  }
}

/** DNS answers checked before connecting: the address connected to is the one checked. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses;
    const safe = list.filter((a) => !isPrivateAddress(a.address));
    if (!safe.length) return callback(new Refused('private_address'), '', 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, safe);
    callback(null, safe[0].address, safe[0].family);
  });
};

/** `www.` aside, the same host: a feed may move from `example.org` to `www.example.org` and back. */
const siteOf = (host: string): string => host.toLowerCase().replace(/^www\./, '');

function decoded(response: IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').toLowerCase().trim();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  if (encoding === 'deflate') return response.pipe(createInflate());
  return response;
}

interface Validators {
  etag?: string;
  lastModified?: string;
}

/** One request, no redirects followed; answers the response with its body read under the caps. */
function once(url: URL, validators: Validators, limits: FetchLimits, deadline: number): Promise<FetchOutcome | { kind: 'redirect'; location: string }> {
  return new Promise((resolve) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return resolve({ kind: 'failed', code: 'timeout' });
    if (!limits.allowPrivate && isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ''))) return resolve({ kind: 'failed', code: 'private_address' });
    const headers: Record<string, string> = {
      'User-Agent': limits.userAgent,
      Accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
      'Accept-Encoding': 'gzip, deflate, br',
    };
    if (validators.etag) headers['If-None-Match'] = validators.etag;
    if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (outcome: FetchOutcome | { kind: 'redirect'; location: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = send(url, { method: 'GET', headers, ...(limits.allowPrivate ? {} : { lookup: guardedLookup }) });
    const timer = setTimeout(() => {
      finish({ kind: 'failed', code: 'timeout' });
      req.destroy();
    }, remaining);
    req.on('error', (error) => {
      const code = error instanceof Refused ? error.code : (error as { code?: string }).code === 'ENOTFOUND' ? 'not_found_host' : 'network';
      finish({ kind: 'failed', code });
    });
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const drop = (): void => {
        response.resume();
        req.destroy();
      };
      if ([301, 302, 303, 307, 308].includes(status)) {
        drop();
        const location = response.headers.location;
        return finish(location ? { kind: 'redirect', location } : { kind: 'failed', code: 'http_error', status });
      }
      if (status === 304) {
        drop();
        return finish({ kind: 'not-modified', url: url.href });
      }
      if (status < 200 || status >= 300) {
        drop();
        return finish({ kind: 'failed', code: status === 404 || status === 410 ? 'gone' : 'http_error', status });
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        drop();
        return finish({ kind: 'failed', code: 'too_large' });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const body = decoded(response);
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) {
          finish({ kind: 'failed', code: 'too_large' });
          body.destroy();
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      body.on('error', () => finish({ kind: 'failed', code: 'network' }));
      body.on('end', () =>
        finish({
          kind: 'ok',
          body: Buffer.concat(chunks),
          url: url.href,
          contentType: response.headers['content-type'],
          etag: response.headers.etag,
          lastModified: response.headers['last-modified'],
        }),
      );
    });
    req.end();
  });
}

/** GETs a feed, following at most `maxRedirects` redirects on the same site. */
export async function fetchFeed(address: string, validators: Validators, limits: FetchLimits): Promise<FetchOutcome> {
  const deadline = Date.now() + limits.timeoutMs;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { kind: 'failed', code: 'bad_url' };
  }
  const site = siteOf(url.hostname);
  for (let hops = 0; ; hops++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'failed', code: 'bad_url' };
    const outcome = await once(url, hops ? {} : validators, limits, deadline);
    if (outcome.kind !== 'redirect') return outcome;
    if (hops >= limits.maxRedirects) return { kind: 'failed', code: 'redirect_refused' };
    let next: URL;
    try {
      next = new URL(outcome.location, url);
    } catch {
      return { kind: 'failed', code: 'redirect_refused' };
    }
    // Another site (or a loopback name standing for this machine) is not what the editor added.
    if (siteOf(next.hostname) !== site || (next.protocol !== 'http:' && next.protocol !== 'https:')) return { kind: 'failed', code: 'redirect_refused' };
    url = next;
  }
}
