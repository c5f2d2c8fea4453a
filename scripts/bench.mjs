/**
 * `npm run bench`: runs every bench/*.bench.mjs in turn, each in its own
 * process, and prints what each reports. Benchmarks print figures and ratios;
 * none of them fails on a timing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build.mjs';

// Words pick benchmarks by name; `--flags` go to each benchmark (`npm run bench -- server --memory`).
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
// Beside bench/: `pg`, two servers on one PostgreSQL against one on SQLite (scripts/bench-pg.mjs).
const files = [...readdirSync(join(root, 'bench')).filter((name) => name.endsWith('.bench.mjs')).map((name) => join('bench', name)), join('scripts', 'bench-pg.mjs')]
  .filter((path) => !only.length || only.some((part) => path.replace(/^scripts\/bench-/, '').includes(part)))
  .sort();
let failed = false;
for (const path of files) {
  console.log(`\n▶ ${path}`);
  const result = spawnSync(process.execPath, [join(root, path), ...flags], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
if (!files.length) console.log('no benchmarks found in bench/');
process.exit(failed ? 1 : 0);
