/**
 * Builds dist/kabar.js, the feature files beside it and the type declarations, then
 * reports sizes. `ensureBuilt()` rebuilds only when a source file is newer than the bundle.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { basename, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundles } from './bundles.mjs';

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
  // The single files and the unbundled modules of the npm package (dist/lib, made by tsc).
  const outputs = [...bundles.map(({ file }) => join(root, 'dist', file)), join(root, 'dist', 'lib', 'index.js')];
  if (!outputs.every((path) => existsSync(path))) return true;
  // Sources, and everything that decides how they are built.
  const settings = ['package.json', 'vite.config.ts', 'scripts/bundles.mjs', 'scripts/private-names.mjs', 'scripts/i18n-keys.mjs', 'tsconfig.json', 'tsconfig.build.json']
    .map((file) => join(root, file))
    .filter((path) => existsSync(path))
    .map((path) => statSync(path).mtimeMs);
  const inputs = Math.max(newestMtime(join(root, 'src')), ...settings);
  return inputs > Math.min(...outputs.map((path) => statSync(path).mtimeMs));
}

/** A build plugin: every import that resolves to `from` gets `to` instead. */
function replaceModule(from, to) {
  return {
    name: 'kabar-replace-module',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      // Only specifiers that can name `from` are resolved: `resolve.ts` is imported as `…/resolve.js`.
      if (!importer || !source.endsWith(basename(from).replace(/\.ts$/, '.js'))) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === from ? to : null;
    },
  };
}

export async function build({ quiet = false } = {}) {
  // Loaded here, not at the top: the server imports this module on every start and
  // needs Vite only when the bundle is stale.
  const { build: viteBuild } = await import('vite');
  const { reportSizes } = await import('./size.mjs');
  const configFile = join(root, 'vite.config.ts');
  // Always the production build: under NODE_ENV=test (the Node tests) Vite would pick Lit's
  // development build, larger and noisier than what readers get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    for (const { file, entry, sources, lazy } of bundles) {
      const plugins = [
        ...(sources ? [replaceModule(join(root, 'src/backends/resolve.ts'), join(root, sources))] : []),
        ...(lazy ? [replaceModule(join(root, 'src/core/lazy.ts'), join(root, lazy))] : []),
      ];
      await viteBuild({ root, mode: 'production', logLevel: quiet ? 'warn' : 'info', configFile, plugins, build: { lib: { entry, formats: ['es'], fileName: () => file } } });
    }
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) throw new Error('type declarations failed');
  const sizes = await reportSizes();
  await (await import('./compress.mjs')).compressDist();
  return sizes;
}

export async function ensureBuilt() {
  if (isStale()) {
    console.log('kabar: building dist/ …');
    await build({ quiet: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build();
}
