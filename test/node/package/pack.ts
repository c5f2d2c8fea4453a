/**
 * The package as `npm pack` makes it, for the tests that install it: the files built, the manifest
 * and the framework types made from it (what `prepack` does), then packed into `destination`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBundle } from '../../../server/scripts.js';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production', ...env } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Packs the package into `destination` and answers the tarball's path. */
export async function packKabar(destination: string): Promise<string> {
  await ensureBundle();
  const manifest = run(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--quiet'], root);
  assert.equal(manifest.status, 0, manifest.output);
  const types = run(process.execPath, [join(root, 'scripts/frameworks.mjs')], root);
  assert.equal(types.status, 0, types.output);
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], root);
  assert.equal(packed.status, 0, packed.output);
  return join(destination, (JSON.parse(packed.output.slice(packed.output.indexOf('['))) as { filename: string }[])[0].filename);
}
