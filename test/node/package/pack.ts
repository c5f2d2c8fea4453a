/**
 * The package as `npm pack` makes it, for the tests that install it: the files built, the manifest
 * and the framework types made from it (what `prepack` does), then packed.
 *
 * The test files of one run share one tarball: `scripts/node-tests.mjs` gives them a folder of the
 * run (`KABAR_TEST_SHARED_DIR`); the first file to ask packs into it while holding a lock, and the
 * others, asking at the same time or later, wait for that lock and take the same tarball. The
 * folder goes with the run, so every run packs afresh. A file run on its own packs into its own
 * `destination`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOnce, withLock } from '../../e2e/harness.js';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production', ...env } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Makes what `prepack` makes and packs the package into `destination`; answers the tarball's path. */
async function pack(destination: string): Promise<string> {
  // Under the harness's lock: an end-to-end file may be building at the same moment.
  await buildOnce();
  const manifest = run(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--quiet'], root);
  assert.equal(manifest.status, 0, manifest.output);
  const types = run(process.execPath, [join(root, 'scripts/frameworks.mjs')], root);
  assert.equal(types.status, 0, types.output);
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], root);
  assert.equal(packed.status, 0, packed.output);
  return join(destination, (JSON.parse(packed.output.slice(packed.output.indexOf('['))) as { filename: string }[])[0].filename);
}

/**
 * The packed package: the run's shared tarball (packed now when no file has packed it yet), or,
 * outside a run of `scripts/node-tests.mjs`, one packed into `destination`.
 */
export async function packKabar(destination: string): Promise<string> {
  const shared = process.env.KABAR_TEST_SHARED_DIR;
  if (!shared) return pack(destination);
  const folder = join(shared, 'package');
  const done = join(folder, 'packed.json');
  mkdirSync(folder, { recursive: true });
  // Packing takes a minute or two on a busy machine: a lock held far longer belongs to a file that died.
  return withLock(
    join(folder, 'packing.lock'),
    async () => {
      // A file that packed before this one left its tarball; one whose packing failed left nothing,
      // and this file tries again (and reports its own failure).
      if (existsSync(done)) return (JSON.parse(readFileSync(done, 'utf8')) as { tarball: string }).tarball;
      const tarball = await pack(folder);
      writeFileSync(done, JSON.stringify({ tarball }));
      return tarball;
    },
    600_000,
  );
}
