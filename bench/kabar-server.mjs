/**
 * The reference server for benchmarks, started as `npm start` starts it (the
 * command line of package.json's `start`, with this very Node) on a database in
 * `dataDir`, rate limits off; resolved once it prints its address.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../scripts/build.mjs';

/** The command line of `npm start`, with `node` as this very Node. */
function startCommand() {
  const [command, ...args] = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node`);
  return args;
}

export async function startKabar(dataDir, env = {}) {
  const child = spawn(process.execPath, startCommand(), {
    cwd: root,
    env: { ...process.env, PORT: '0', DATABASE: join(dataDir, 'bench.db'), KABAR_RATE_LIMIT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1].replace(/\/$/, ''));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  // The access log keeps writing: read it away, or a full pipe would stall the server.
  child.stdout.resume();
  return { url, pid: child.pid, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}
