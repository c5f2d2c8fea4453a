/**
 * Starting the real server in bad places: one clear sentence, a non-zero exit, no
 * stack trace, never a hang. And in good ones: two at once on a new file, a
 * generated token written privately and never logged, production origin defaults.
 */
import assert from 'node:assert/strict';
import { spawn, type SpawnOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../server/config.js';
import { ensureBundle } from '../../../server/scripts.js';
import { testServer, validComment } from './helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const STRONG = 'a-strong-admin-token-for-tests-0123';
// Permissions do not stop root: as root, the read-only cases run the server without the
// capabilities that let root pass them (setpriv drops them from the bounding set), still as root,
// so it can read a checkout closed to every other user (`mktemp -d`, root's home).
const asRoot = process.getuid?.() === 0;
const WITHOUT_OVERRIDE = ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner', '--'];

let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kabar-startup-'));
  chmodSync(dir, 0o777);
  await ensureBundle();
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  listening: boolean;
}

/** Runs server/main.ts until it exits, or until it listens (then stops it), or 60 s pass (a hang). */
function start(env: Record<string, string>, options: { permissionsApply?: boolean } = {}): Promise<Run> {
  const spawnOptions: SpawnOptions = {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: tmpdir(), HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  const [command, ...args] = [...(options.permissionsApply && asRoot ? WITHOUT_OVERRIDE : []), process.execPath, '--import', 'tsx', 'server/main.ts'];
  const child = spawn(command, args, spawnOptions);
  let stdout = '';
  let stderr = '';
  let listening = false;
  const hang = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!listening && /Kabar listening on/.test(stdout)) {
      listening = true;
      child.kill('SIGTERM');
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(hang);
      resolve({ code, stdout, stderr, listening });
    });
  });
}

/** A refusal: not listening, non-zero exit, one `kabar:` line matching `pattern`, no stack trace. */
function assertRefused(run: Run, pattern: RegExp): void {
  assert.equal(run.listening, false, run.stdout);
  assert.notEqual(run.code, 0);
  assert.notEqual(run.code, null, 'the server hung');
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(run.stderr, /^\s+at /m);
}

test('a file that is not a database: one sentence, non-zero exit, no stack trace', async () => {
  const file = join(dir, 'teks.db');
  writeFileSync(file, 'Ini bukan basis data, hanya catatan belanja.\n'.repeat(200));
  assertRefused(await start({ DATABASE: file, KABAR_ADMIN_TOKEN: STRONG }), /not a Kabar database.*restore it from a backup, or point DATABASE/);
});

test('DATABASE under /proc: a clear refusal, not a hang', async () => {
  assertRefused(await start({ DATABASE: '/proc/kabar/kabar.db', KABAR_ADMIN_TOKEN: STRONG }), /\/proc\/kabar.*cannot be created/);
});

test('a read-only directory and a read-only database file are refused at start, not at the first write', async () => {
  const readOnlyDir = join(dir, 'hanya-baca');
  mkdirSync(readOnlyDir);
  chmodSync(readOnlyDir, 0o555);
  assertRefused(await start({ DATABASE: join(readOnlyDir, 'kabar.db'), KABAR_ADMIN_TOKEN: STRONG }, { permissionsApply: true }), /cannot be created or opened: make sure its directory .* is writable/);

  const fileDir = join(dir, 'berkas-hanya-baca');
  mkdirSync(fileDir);
  const database = join(fileDir, 'kabar.db');
  const first = await start({ DATABASE: database, KABAR_ADMIN_TOKEN: STRONG }, { permissionsApply: true });
  assert.equal(first.listening, true, first.stderr);
  chmodSync(database, 0o444);
  assertRefused(await start({ DATABASE: database, KABAR_ADMIN_TOKEN: STRONG }, { permissionsApply: true }), /is read-only: make the file and its directory .* writable/);
});

test('a weak KABAR_ADMIN_TOKEN is refused with advice', async () => {
  assertRefused(await start({ DATABASE: join(dir, 'lemah', 'kabar.db'), KABAR_ADMIN_TOKEN: 'a' }), /KABAR_ADMIN_TOKEN is too short.*openssl rand/);
});

test('a generated admin token is written to a private file; the log says where, never what', async () => {
  const database = join(dir, 'token', 'kabar.db');
  const run = await start({ DATABASE: database });
  assert.equal(run.listening, true, run.stderr);
  const file = join(dir, 'token', 'admin-token');
  const token = readFileSync(file, 'utf8').trim();
  assert.ok(token.length >= 24);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.ok(run.stdout.includes(file), run.stdout);
  assert.ok(!run.stdout.includes(token) && !run.stderr.includes(token), 'the token is in the log');
});

test('two servers started together on a new file both come up', async () => {
  const database = join(dir, 'berdua', 'kabar.db');
  const env = { DATABASE: database, KABAR_ADMIN_TOKEN: STRONG };
  const [one, two] = await Promise.all([start(env), start(env)]);
  assert.equal(one.listening, true, one.stderr);
  assert.equal(two.listening, true, two.stderr);
  assert.equal([one.stdout, two.stdout].filter((out) => /new, with demo content/.test(out)).length, 1);
});

test('without KABAR_ALLOWED_ORIGINS, production lets only its own origin write; development also localhost', async () => {
  const base = { DATABASE: ':memory:', KABAR_ADMIN_TOKEN: STRONG };
  assert.deepEqual(loadConfig({ ...base, NODE_ENV: 'production' }).allowedOrigins, []);
  assert.deepEqual(loadConfig({ ...base, HOST: '0.0.0.0', KABAR_PUBLIC_URL: 'https://berita.contoh.id' }).allowedOrigins, []);
  assert.equal(loadConfig({ ...base, HOST: '127.0.0.1' }).production, false);
  const production = await testServer({ NODE_ENV: 'production' }, { seed: false });
  const development = await testServer({}, { seed: false });
  try {
    const from = (origin: string) => ({ json: validComment(), headers: { Origin: origin } });
    assert.equal((await production.api('POST', '/threads/t/comments', from('http://localhost:5173'))).status, 403);
    assert.equal((await production.api('POST', '/threads/t/comments', from('http://127.0.0.1'))).status, 201);
    assert.equal((await development.api('POST', '/threads/t/comments', from('http://localhost:5173'))).status, 201);
  } finally {
    await production.close();
    await development.close();
  }
});

test('the start-up lines say whether e-mail and webhooks are on, never with the SMTP password; webhooks without a secret are refused', async () => {
  const off = await start({ DATABASE: join(dir, 'surel-mati', 'kabar.db') });
  assert.equal(off.listening, true, off.stderr);
  assert.match(off.stdout, /E-mail: +off, nothing is sent \(set KABAR_SMTP_URL and KABAR_MAIL_FROM\)/);
  assert.match(off.stdout, /Webhooks: +off/);
  const on = await start({ DATABASE: join(dir, 'surel-hidup', 'kabar.db'), KABAR_SMTP_URL: 'smtp://redaksi:sandi-rahasia@127.0.0.1:2525', KABAR_MAIL_FROM: 'Redaksi <redaksi@example.org>' });
  assert.equal(on.listening, true, on.stderr);
  assert.match(on.stdout, /E-mail: +via smtp:\/\/127\.0\.0\.1:2525 from redaksi@example\.org \(id\)/);
  assert.ok(!on.stdout.includes('sandi-rahasia') && !on.stderr.includes('sandi-rahasia'), 'the password is in the log');
  assertRefused(await start({ DATABASE: join(dir, 'kait', 'kabar.db'), KABAR_WEBHOOK_URL: 'https://hooks.example.org/kabar' }), /KABAR_WEBHOOK_SECRET/);
});
