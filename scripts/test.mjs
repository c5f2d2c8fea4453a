/**
 * `npm test`: every check, in the order that fails fastest. Type-checks, lint and template
 * bindings; the build with the size report and budgets (skipped when dist/ is newer than
 * everything it is made from), the bundle check, the custom elements manifest and its agreement
 * with the README; then the browser tests (web-test-runner in headless Chromium) and the Node
 * tests (server, OpenAPI, end to end).
 *
 * The checks are one list of stages. The steps of a stage run side by side, as many at a time
 * as the machine has cores (KABAR_TEST_JOBS overrides it): the type-checks and linters are
 * busy on a core each, while the browser and Node tests spend most of their time waiting on a
 * browser or a server. A stage starts when the one before it is over. A step that has to wait
 * for another goes after it in the same chain. One step at a time prints as it goes; the others
 * print when they end, so no two outputs interleave. Each runner ends with a line
 * `name: N passed, N failed`; the run ends with the seconds each step took.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { build, isStale, root } from './build.mjs';
import { ensureChromium } from './chromium.mjs';
import { ensureWordPress } from './wordpress.mjs';
import { checkBundle } from './check-bundle.mjs';
import { overBudget, readmeTableProblems, reportSizes } from './size.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const node = (script, ...args) => [process.execPath, join(root, script), ...args];

const chrome = ensureChromium();
process.env.CHROME_PATH = chrome;
// Debian's WordPress for the plugin's tests, installed here (as root) when missing. Without it
// those tests fail with their own one-sentence reason; everything else still runs.
try {
  ensureWordPress();
} catch (error) {
  console.error(`✖ ${error.message}`);
}

/** Builds unless dist/ is fresh, then holds the sizes to the budgets and to the README's table. */
async function buildAndSizes() {
  const sizes = isStale() ? await build({ quiet: true }) : await reportSizes();
  // The budgets of scripts/bundles.mjs, and the README's table of files, which must match.
  const problems = [...overBudget(sizes), ...readmeTableProblems(sizes)];
  for (const problem of problems) console.error(`✖ ${problem}`);
  if (problems.length) throw new Error('size budgets failed (regenerate the README table with `npm run size -- --write-readme`)');
}

/**
 * Stages in order; a stage is a list of chains that run side by side; a chain is steps in
 * order, each stopping the rest of its chain when it fails. A step runs a `command` (a
 * program and its arguments) or a `task` (a function of this process, which prints as it
 * goes, so it goes first in its stage).
 */
const stages = [
  [
    // The longest first, so that the others fill the other core beside it.
    [{ title: 'lint', command: [bin('eslint'), '.', '--max-warnings=0'] }],
    [{ title: 'type-check (browser code)', command: [bin('tsc'), '--noEmit', '-p', 'tsconfig.json'] }],
    [{ title: 'type-check (server and Node tests)', command: [bin('tsc'), '--noEmit', '-p', 'tsconfig.node.json'] }],
    [{ title: 'type-check (shared rules, with neither DOM nor Node types)', command: [bin('tsc'), '--noEmit', '-p', 'src/core/rules/tsconfig.json'] }],
    // Template bindings checked against the elements' and the DOM's types. Its CSS check is off: its
    // property list predates container queries and `color-scheme`, which the stylesheets rely on.
    [{ title: 'template bindings (lit-analyzer)', command: [bin('lit-analyzer'), 'src/**/*.ts', '--strict', '--rules.no-invalid-css', 'off'] }],
  ],
  [
    [
      { title: 'build and size report', task: buildAndSizes },
      { title: 'bundle check', task: () => checkBundle(chrome) },
    ],
    // custom-elements.json from the JSDoc, then the README must name everything it lists.
    [
      { title: 'custom elements manifest', command: node('node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet') },
      { title: 'README and manifest agree', command: node('scripts/manifest-docs.mjs') },
    ],
  ],
  [
    [{ title: 'browser tests (web-test-runner, headless Chromium)', command: [bin('web-test-runner')] }],
    [{ title: 'Node tests (server, API contract, end to end)', command: node('scripts/node-tests.mjs') }],
  ],
];

const jobs = Number(process.env.KABAR_TEST_JOBS) || Math.max(1, availableParallelism());
/** The step printing as it goes; the others keep their output until they end. */
let live;
const took = [];

async function runStep(step) {
  const started = performance.now();
  const printsLive = !live;
  if (printsLive) live = step;
  let ok = true;
  if (printsLive) console.log(`\n▶ ${step.title}`);
  if (step.task) {
    try {
      await step.task();
    } catch (error) {
      console.error(`✖ ${step.title}:`, error?.message ?? error);
      ok = false;
    }
  } else {
    ok = await new Promise((resolve) => {
      const [command, ...args] = step.command;
      const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      const kept = [];
      const take = (stream) => (chunk) => (printsLive ? stream.write(chunk) : kept.push(chunk));
      child.stdout.on('data', take(process.stdout));
      child.stderr.on('data', take(process.stderr));
      child.on('error', (error) => {
        kept.push(Buffer.from(`${error.message}\n`));
        resolve(false);
      });
      child.on('close', (code) => {
        if (!printsLive) process.stdout.write(`\n▶ ${step.title}\n${Buffer.concat(kept).toString()}`);
        resolve(code === 0);
      });
    });
  }
  if (printsLive) live = undefined;
  const seconds = (performance.now() - started) / 1000;
  took.push({ title: step.title, seconds, ok });
  console.log(ok ? `✔ ${step.title} (${seconds.toFixed(1)} s)` : `✖ ${step.title} failed (${seconds.toFixed(1)} s)`);
  return ok;
}

async function runChain(chain) {
  for (const step of chain) if (!(await runStep(step))) return false;
  return true;
}

/** Runs the chains of a stage, at most `jobs` at a time, in the order given. */
async function runStage(chains) {
  const waiting = [...chains];
  let ok = true;
  const worker = async () => {
    for (let chain = waiting.shift(); chain; chain = waiting.shift()) ok = (await runChain(chain)) && ok;
  };
  await Promise.all(Array.from({ length: Math.min(jobs, chains.length) }, worker));
  return ok;
}

const started = performance.now();
let failed = false;
for (const stage of stages) if (!(await runStage(stage))) failed = true;

console.log('\nseconds per step:');
for (const { title, seconds, ok } of took) console.log(`  ${seconds.toFixed(1).padStart(7)}  ${ok ? ' ' : '✖'} ${title}`);
console.log(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(7)}    wall time`);
console.log(failed ? '\nnpm test: FAILED' : '\nnpm test: all checks passed');
process.exit(failed ? 1 : 0);
