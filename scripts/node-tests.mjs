/**
 * Runs the Node test files (test/node, test/e2e) with Node's own test runner
 * through tsx, prints the spec report and a closing `node: N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

export async function runNodeTests(filter = process.argv.slice(2)) {
  let files = [...testFiles(join(root, 'test/node')), ...testFiles(join(root, 'test/e2e'))];
  if (filter.length) files = files.filter((f) => filter.some((part) => f.includes(part)));
  if (!files.length) {
    console.log('node: 0 passed, 0 failed');
    return true;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'kabar-node-tests-'));
  const tap = join(scratch, 'report.tap');
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(report.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failedCount = count('fail') + count('cancelled');
  const failed = result.status !== 0 && failedCount === 0 ? 1 : failedCount;
  console.log(`\nnode: ${passed} passed, ${failed} failed, ${count('skipped') + count('todo')} skipped`);
  rmSync(scratch, { recursive: true, force: true });
  return result.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit((await runNodeTests()) ? 0 : 1);
}
