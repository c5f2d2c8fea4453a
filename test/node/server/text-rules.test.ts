/**
 * Every text rule runs in linear time: 100 KB of `<`, `[`, `>`, backticks (and a few
 * mixes) through the server's page rendering, the rules module and the markdown parser.
 * Each run gets a child process and a deadline many times what linear code needs;
 * the test asserts that it finished, not how fast.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./fixtures/render-hostile.ts', import.meta.url));

for (const unit of ['<', '[', '>', '`', '![', '[a](', '<a ', '**_', 'http://x']) {
  test(`100 KB of ${JSON.stringify(unit)} renders everywhere and finishes`, () => {
    const args = [script, unit, '100000'];
    // 20 s: start-up included, on a busy machine; the quadratic rules this replaced needed minutes.
    const run = spawnSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    assert.equal(run.signal, null, `still running after the deadline (${JSON.stringify(unit)})`);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /rendered/);
  });
}
