/**
 * The last step of the build: beside every `dist/*.js` bundle, its brotli
 * (`.br`) and gzip (`.gz`) forms at the highest settings, for the server to
 * send as they are; and the `integrity` value (SRI, sha384) of each file, for
 * pages that pin a versioned URL.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Brotli 11 in text mode and gzip 9: slow, once per build, smallest for every reader. */
export async function encodeBundle(bytes) {
  const [br, gz] = await Promise.all([
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    promisify(gzip)(bytes, { level: 9 }),
  ]);
  return { br, gzip: gz };
}

export const integrityOf = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Writes the `.br` and `.gz` of every bundle in `dir` and prints sizes and integrity values. */
export async function compressDist(dir = join(root, 'dist'), { quiet = false } = {}) {
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const names = readdirSync(dir).filter((name) => name.endsWith('.js')).sort();
  const lines = [];
  for (const name of names) {
    const path = join(dir, name);
    const bytes = readFileSync(path);
    const { br, gzip: gz } = await encodeBundle(bytes);
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gz);
    const pinned = name.replace(/\.js$/, `@${version}.js`);
    lines.push(`  ${pinned.padEnd(26)} ${kb(bytes.length).padStart(9)}  br ${kb(br.length).padStart(8)}  gzip ${kb(gz.length).padStart(8)}  integrity="${integrityOf(bytes)}"`);
  }
  if (!quiet) console.log(`Bundles, precompressed (served at /<name>@${version}.js):\n${lines.join('\n')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await compressDist();
}
