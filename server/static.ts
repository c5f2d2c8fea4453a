/**
 * The bundle files, `dist/kabar.js` and the per-feature `dist/kabar-*.js`,
 * as partners' pages load them: brotli or gzip made at build (or here, once,
 * when a build left none), a strong ETag and 304s, and two kinds of URL:
 *
 * - `/kabar.js`: follows every release; browsers keep it a few minutes, then revalidate;
 * - `/kabar@<version>.js`: this release for ever (`immutable`), the URL to pin with
 *   an `integrity` attribute; any other version is 404, never another release's bytes.
 *
 * Ours rather than `serveStatic({ precompressed: true })`, which is looser on
 * each point the delivery tests check: it sends a `.br` or `.gz` left over from
 * an older build, answers no `If-None-Match` with a 304, and knows neither
 * immutable caching nor a version in the name.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { reply, Representation, type Encoding } from './compress.js';
import { encodeBundle } from './scripts.js';

export const UNVERSIONED_CACHE = 'public, max-age=300, must-revalidate';
export const VERSIONED_CACHE = 'public, max-age=31536000, immutable';

const NAME = /^(kabar(?:-[a-z0-9]+)*)(?:@([^/@]+))?\.js$/;

interface Loaded {
  mtimeMs: number;
  size: number;
  representation: Promise<Representation>;
}

/** The precompressed sibling (`kabar.js.br`), when it is at least as new as the file itself. */
async function sibling(path: string, mtimeMs: number): Promise<Uint8Array | undefined> {
  try {
    if ((await stat(path)).mtimeMs < mtimeMs) return undefined;
    return await readFile(path);
  } catch {
    return undefined;
  }
}

async function load(path: string, mtimeMs: number): Promise<Representation> {
  const identity = await readFile(path);
  const encoded: Partial<Record<Encoding, Uint8Array>> = {};
  const [br, gzip] = await Promise.all([sibling(`${path}.br`, mtimeMs), sibling(`${path}.gz`, mtimeMs)]);
  if (br && gzip) Object.assign(encoded, { br, gzip });
  else Object.assign(encoded, await encodeBundle(identity));
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}"`;
  return new Representation(identity, etag, 0, encoded);
}

export interface BundleOptions {
  /** The folder the build writes to. */
  distDir: string;
  /** The package's version: the one `/kabar@<version>.js` answers for. */
  version: string;
}

export function bundles({ distDir, version }: BundleOptions): Hono {
  const app = new Hono();
  const files = new Map<string, Loaded>();

  /** The file as it is on disk now: read again only after a build changed it. */
  async function current(name: string): Promise<Representation | undefined> {
    const path = join(distDir, `${name}.js`);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    let loaded = files.get(name);
    if (!loaded || loaded.mtimeMs !== info.mtimeMs || loaded.size !== info.size) {
      loaded = { mtimeMs: info.mtimeMs, size: info.size, representation: load(path, info.mtimeMs) };
      files.set(name, loaded);
    }
    return loaded.representation;
  }

  const serve = async (c: Context, file: string, versioned: boolean) => {
    const match = NAME.exec(file);
    if (!match || (match[2] !== undefined && !versioned)) return c.text('Not found', 404);
    const [, name, asked] = match;
    if (asked !== undefined && asked !== version) return c.text(`Not found: this server has ${name}@${version}.js`, 404);
    const representation = await current(name);
    if (!representation) {
      return name === 'kabar' ? c.text('dist/kabar.js is missing: run `npm run build`.', 503) : c.text('Not found', 404);
    }
    const sent = representation.send(c.req.header('Accept-Encoding'), c.req.header('If-None-Match'));
    // Partners' pages load these as module scripts from another origin: that needs CORS.
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Cache-Control', asked === undefined ? UNVERSIONED_CACHE : VERSIONED_CACHE);
    c.header('Vary', 'Accept-Encoding');
    return reply(c, sent, sent.status === 200 ? { 'Content-Type': 'text/javascript; charset=utf-8' } : {});
  };

  app.get('/:file{kabar[^/]*\\.js}', (c) => serve(c, c.req.param('file'), true));
  app.get('/dist/:file{kabar[^/]*\\.js}', (c) => serve(c, c.req.param('file'), false));
  return app;
}
