/**
 * A real WordPress 6.1 for the plugin's tests: Debian's `wordpress` package (installed when
 * missing, see scripts/wordpress.mjs) served by WordPress Playground (PHP 8.2 in WebAssembly,
 * SQLite, no network), bound to loopback, with the test-only must-use plugin of
 * test/e2e/wordpress/kabar-test.php (seeded users and posts, e-mails captured to a file). One
 * site per test file; the plugin itself is not there: tests install it from the zip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWordPress } from '../../scripts/wordpress.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

export interface WordPressSite {
  url: string;
  /** The site's files on this machine (wp-content/uploads, the debug log, the captured mail). */
  files: string;
  /** Lines PHP wrote to wp-content/debug.log. */
  log(): string[];
  /** The e-mails WordPress sent, oldest first. */
  mail(): Array<{ to: string | string[]; subject: string; message: string }>;
  /** A REST call as a seeded user (`X-Kabar-Test-User`), or as a visitor without `user`. */
  rest(path: string, init?: RequestInit & { user?: string }): Promise<Response>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startWordPress(): Promise<WordPressSite> {
  const source = ensureWordPress();
  const scratch = mkdtempSync(join(tmpdir(), 'kabar-wordpress-'));
  const files = join(scratch, 'wordpress');
  // Debian's tree links into /etc and /var/lib; Playground wants the files themselves.
  cpSync(source, files, { recursive: true, dereference: true });
  rmSync(join(files, 'wp-config.php'), { force: true });
  mkdirSync(join(files, 'wp-content', 'mu-plugins'), { recursive: true });
  copyFileSync(join(here, 'wordpress', 'kabar-test.php'), join(files, 'wp-content', 'mu-plugins', 'kabar-test.php'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      join(here, 'wordpress', 'loopback.mjs'),
      join(root, 'node_modules', '@wp-playground', 'cli', 'wp-playground.js'),
      'server',
      `--port=${port}`,
      `--site-url=${url}`,
      '--php=8.2',
      '--workers=1',
      `--mount-before-install=${files}:/wordpress`,
      '--wordpress-install-mode=install-from-existing-files',
      '--define-bool=WP_DEBUG',
      'true',
      '--define-bool=WP_DEBUG_LOG',
      'true',
      '--define-bool=WP_DEBUG_DISPLAY',
      'false',
    ],
    { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  const output: string[] = [];
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 240_000);
    const take = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (/Ready! WordPress is running/.test(output.join(''))) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  if (!ready) {
    await stop();
    throw new Error(`WordPress Playground did not start WordPress 6.1 within 4 minutes; it said: ${output.join('').trim().split('\n').slice(-5).join(' | ')}`);
  }
  const rest = (path: string, { user, headers, ...init }: RequestInit & { user?: string } = {}) =>
    fetch(`${url}/wp-json${path}`, { ...init, headers: { ...(user ? { 'X-Kabar-Test-User': user } : {}), ...(headers as Record<string, string> | undefined) } });
  // The first request seeds the site (the must-use plugin), and is slow: make it here.
  await fetch(`${url}/`).then((answer) => answer.text());
  const logFile = join(files, 'wp-content', 'debug.log');
  const mailFile = join(files, 'wp-content', 'kabar-test', 'mail.jsonl');
  return {
    url,
    files,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : []),
    mail: () =>
      existsSync(mailFile)
        ? readFileSync(mailFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as { to: string; subject: string; message: string })
        : [],
    rest,
    stop,
  };
}
