/**
 * One answer in the encodings a client may ask for (brotli, gzip, none),
 * compressed once and kept, with its ETag; and the choice among them by
 * `Accept-Encoding` and `If-None-Match`. The bundle files and the cached API
 * answers are both sent through here.
 */
import { createRequire } from 'node:module';
import type { Context } from 'hono';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';
type Coding = Encoding | 'identity';

// The encodings negotiation of the `negotiator` package, with the server's own order for equal
// weights: its public API breaks ties by the client's order, and Chromium lists gzip before br.
const preferredEncodings = createRequire(import.meta.url)('negotiator/lib/encoding.js') as (
  accept: string | undefined,
  provided: readonly string[],
  preferred: readonly string[],
) => string[];
const OFFERED: readonly Coding[] = ['br', 'gzip', 'identity'];

/** The encoding to send for this `Accept-Encoding`; identity when none is acceptable or asked. */
export function chooseEncoding(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return 'identity';
  return (preferredEncodings(acceptEncoding, OFFERED, OFFERED)[0] as Coding | undefined) ?? 'identity';
}

/**
 * Answers made on the fly (JSON) trade a little size for speed: brotli 5 is about gzip's
 * speed and smaller. Files built once take the best (scripts/compress.mjs).
 */
export function encode(bytes: Uint8Array, encoding: Encoding): Uint8Array {
  return encoding === 'br'
    ? brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      })
    : gzipSync(bytes, { level: 6 });
}

/** `W/"x"`, `"x"` and `"x.br"` all name the same content `x`: If-None-Match compares weakly. */
const opaque = (tag: string): string => tag.trim().replace(/^W\//, '').replace(/\.(br|gz)"$/, '"');

export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const ours = opaque(etag);
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === ours);
}

/** Bytes a Response body takes (zlib and fs hand out Buffers typed over any buffer). */
export type Bytes = Uint8Array<ArrayBuffer>;
const asBytes = (bytes: Uint8Array): Bytes => bytes as Bytes;

export type Sent = { status: 200; body: Bytes; headers: Record<string, string> } | { status: 304; body: null; headers: Record<string, string> };

/** Sends an answer chosen by `Representation.send` with more headers of the caller's. */
export function reply(c: Context, sent: Sent, headers: Record<string, string> = {}): Response {
  if (sent.status === 304) {
    // A 304 describes no body: it keeps the validators and caching, not the type.
    const { 'Content-Type': _type, ...kept } = headers;
    return c.body(null, 304, { ...kept, ...sent.headers });
  }
  return c.body(sent.body, 200, { ...headers, ...sent.headers });
}

/**
 * The bytes of one answer and its compressed forms, made when first asked for
 * (or given, when built beforehand). A strong ETag gets a suffix per encoding,
 * since each encoding is a different sequence of bytes; a weak one stays as it is.
 */
export class Representation {
  private readonly encoded: Partial<Record<Encoding, Uint8Array>>;

  constructor(
    readonly identity: Uint8Array,
    readonly etag: string,
    /** Below this many bytes compression is not worth a client's time to undo. */
    private readonly threshold = 0,
    encoded: Partial<Record<Encoding, Uint8Array>> = {},
  ) {
    this.encoded = { ...encoded };
  }

  /** The bytes kept: what a bounded cache weighs. Compressed forms are counted as if made. */
  get weight(): number {
    return this.identity.length * (this.identity.length >= this.threshold ? 2 : 1) + this.etag.length;
  }

  bytes(encoding: Encoding): Uint8Array {
    return (this.encoded[encoding] ??= encode(this.identity, encoding));
  }

  /** What to send for a request with these `Accept-Encoding` and `If-None-Match` headers. */
  send(acceptEncoding: string | undefined, ifNoneMatch: string | undefined): Sent {
    const chosen = this.identity.length >= this.threshold ? chooseEncoding(acceptEncoding) : 'identity';
    const etag =
      chosen === 'identity' || this.etag.startsWith('W/') ? this.etag : this.etag.replace(/"$/, chosen === 'br' ? '.br"' : '.gz"');
    const headers: Record<string, string> = { ETag: etag };
    if (etagMatches(ifNoneMatch, this.etag)) return { status: 304, body: null, headers };
    if (chosen !== 'identity') headers['Content-Encoding'] = chosen;
    return { status: 200, body: asBytes(chosen === 'identity' ? this.identity : this.bytes(chosen)), headers };
  }
}
