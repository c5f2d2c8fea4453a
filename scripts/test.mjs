/**
 * `npm test`: every check, in the order that fails fastest. Type-check, lint,
 * build with the size report and budgets, bundle check, the custom elements manifest and its
 * agreement with the README, browser tests (web-test-runner in
 * headless Chromium), then the Node tests (server, OpenAPI, end to end).
 * Each runner ends with a line `name: N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build, root } from './build.mjs';
import { ensureChromium } from './chromium.mjs';
import { checkBundle } from './check-bundle.mjs';
import { overBudget, readmeTableProblems } from './size.mjs';
import { runNodeTests } from './node-tests.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
let failed = false;

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed`);
    failed = true;
  }
  return result.status === 0;
}

const chrome = ensureChromium();
process.env.CHROME_PATH = chrome;

const typesOk =
  step('type-check (browser code)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) &&
  step('type-check (server and Node tests)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json']) &&
  step('type-check (shared rules, with neither DOM nor Node types)', bin('tsc'), ['--noEmit', '-p', 'src/core/rules/tsconfig.json']);
step('lint', bin('eslint'), ['.', '--max-warnings=0']);
// Template bindings checked against the elements' and the DOM's types. Its CSS check is off: its
// property list predates container queries and `color-scheme`, which the stylesheets rely on.
step('template bindings (lit-analyzer)', bin('lit-analyzer'), ['src/**/*.ts', '--strict', '--rules.no-invalid-css', 'off']);

console.log('\n▶ build and size report');
let built = false;
try {
  const sizes = await build({ quiet: true });
  built = true;
  // The budgets of scripts/bundles.mjs, and the README's table of files, which must match.
  const problems = [...overBudget(sizes), ...readmeTableProblems(sizes)];
  for (const problem of problems) console.error(`✖ ${problem}`);
  if (problems.length) {
    console.error('✖ size budgets failed (regenerate the README table with `npm run size -- --write-readme`)');
    failed = true;
  }
} catch (error) {
  console.error('✖ build failed:', error);
  failed = true;
}
if (built) {
  console.log('\n▶ bundle check');
  try {
    await checkBundle(chrome);
  } catch (error) {
    console.error('✖ bundle check failed:', error.message ?? error);
    failed = true;
  }
}

// custom-elements.json from the JSDoc, then the README must name everything it lists.
if (step('custom elements manifest', process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--quiet'])) {
  step('README and manifest agree', process.execPath, [join(root, 'scripts/manifest-docs.mjs')]);
}

step('browser tests (web-test-runner, headless Chromium)', bin('web-test-runner'), []);

console.log('\n▶ Node tests (server, API contract, end to end)');
if (!(await runNodeTests())) failed = true;

if (!typesOk) console.error('\nType errors above.');
console.log(failed ? '\nnpm test: FAILED' : '\nnpm test: all checks passed');
process.exit(failed ? 1 : 0);
