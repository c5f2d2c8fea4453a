/**
 * Builds dist/kabar.js and its type declarations, then reports sizes.
 * `ensureBuilt()` rebuilds only when a source file is newer than the bundle.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bundlePath = join(root, 'dist', 'kabar.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function isStale() {
  if (!existsSync(bundlePath)) return true;
  const inputs = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  return inputs > statSync(bundlePath).mtimeMs;
}

export async function build({ quiet = false } = {}) {
  // Loaded here, not at the top: the server imports this module on every start and
  // needs Vite only when the bundle is stale.
  const { build: viteBuild } = await import('vite');
  const { reportSizes } = await import('./size.mjs');
  await viteBuild({ root, logLevel: quiet ? 'warn' : 'info', configFile: join(root, 'vite.config.ts') });
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) throw new Error('type declarations failed');
  await reportSizes();
  await (await import('./compress.mjs')).compressDist();
}

export async function ensureBuilt() {
  if (isStale()) {
    console.log('kabar: building dist/kabar.js …');
    await build({ quiet: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build();
}
