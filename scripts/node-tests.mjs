/**
 * Runs the Node test files (test/node, test/e2e) with Node's own test runner
 * through tsx, prints the spec report and a closing `node: N passed, N failed`.
 * Files run a few at a time (KABAR_NODE_TEST_CONCURRENCY, default one more than
 * the cores): most of their time goes to waiting on a server, a browser or a
 * child process, and each file starts its servers on free ports of its own. The
 * end-to-end files share one Chromium (each test still gets a fresh context).
 * The run ends with the slowest tests and the sum of their times.
 */
import { spawn } from 'node:child_process';
import { readdirSync, existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, dirname, relative, sep } from 'node:path';
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
  const browser = files.some((f) => f.includes(`${sep}e2e${sep}`)) ? await sharedBrowser() : undefined;
  const status = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        `--test-concurrency=${Number(process.env.KABAR_NODE_TEST_CONCURRENCY) || availableParallelism() + 1}`,
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...files,
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', ...(browser ? { KABAR_E2E_BROWSER: browser.wsEndpoint() } : {}) } },
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
  await browser?.close();
  const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  printSlowest(report);
  const count = (name) => Number(report.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failedCount = count('fail') + count('cancelled');
  const failed = status !== 0 && failedCount === 0 ? 1 : failedCount;
  console.log(`\nnode: ${passed} passed, ${failed} failed, ${count('skipped') + count('todo')} skipped`);
  rmSync(scratch, { recursive: true, force: true });
  return status === 0;
}

/** One Chromium for every end-to-end file, which connect to it instead of starting their own. */
async function sharedBrowser() {
  const { chromium } = await import('playwright-core');
  const { chromeArgs, findChromium } = await import('./chromium.mjs');
  const executablePath = findChromium();
  return executablePath ? chromium.launchServer({ executablePath, args: chromeArgs }) : undefined;
}

/** The top-level tests (a whole file when it failed to load) that took longest, from the TAP report, and their sum. */
function printSlowest(report, shown = 15) {
  const tests = [...report.matchAll(/^(?:not )?ok \d+ - (.+)\n {2}---\n {2}duration_ms: ([\d.]+)/gm)].map(([, name, ms]) => ({ name, ms: Number(ms) }));
  if (!tests.length) return;
  tests.sort((a, b) => b.ms - a.ms);
  console.log(`\nslowest tests (of ${tests.length}, ${(tests.reduce((sum, f) => sum + f.ms, 0) / 1000).toFixed(1)} s in all):`);
  for (const { name, ms } of tests.slice(0, shown)) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name.startsWith(root) ? relative(root, name) : name}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit((await runNodeTests()) ? 0 : 1);
}
