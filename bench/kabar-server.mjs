/**
 * The reference server for benchmarks: `node --import tsx server/main.ts` on a
 * database in `dataDir`, rate limits off, resolved once it prints its address.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../scripts/build.mjs';

export async function startKabar(dataDir, env = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
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
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}
