/**
 * End-to-end harness: the real reference server as one child process on a
 * fresh database and a free port, with its production defaults (the fill-time
 * rule, rate limits, the CORS allow-list), and headless Chromium pointed at it.
 *
 *   const suite = e2eSuite();          // started before the file's tests, stopped after
 *   test('…', async () => {
 *     const { page, errors } = await suite.open('/demo/feed.html');
 *     …
 *     assert.deepEqual(errors, []);
 *   });
 *
 * A test that must switch a rule off passes `env` to `e2eSuite` or
 * `startServer` and says why beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureBundle } from '../../server/scripts.js';
import { chromiumFlags, chromiumPath } from './chromium.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface StartOptions {
  /** Extra environment for the server, e.g. `{ KABAR_ALLOWED_ORIGINS: 'https://mitra.contoh.id' }`. */
  env?: Record<string, string>;
}

export interface RunningServer {
  /** Origin of the server, e.g. `http://127.0.0.1:41234` (updated by restart()). */
  url: string;
  /** `${url}/api/v1` */
  apiUrl: string;
  adminToken: string;
  dbPath: string;
  dataDir: string;
  /** The server process's id (for reading its memory from /proc). */
  readonly pid: number;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
  /** SIGKILL, then waits for the process to exit: nothing gets a chance to flush. */
  kill(): Promise<void>;
  /** Starts the server again on the same database (and the same port when it is still free). */
  restart(): Promise<void>;
}

const children = new Set<ChildProcess>();
const scratchDirs = new Set<string>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs `work` holding the lock directory at `path`, so test files running at the same time take
 * turns; a lock older than `staleMs` belongs to a run that died and is taken over.
 */
export async function withLock<T>(path: string, work: () => Promise<T>, staleMs = 120_000): Promise<T> {
  for (;;) {
    try {
      mkdirSync(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > staleMs) rmSync(path, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}

/** Builds the bundle once even when several test files start servers, or pack the package, at the same time. */
export function buildOnce(): Promise<void> {
  return withLock(join(tmpdir(), 'kabar-e2e-build.lock'), async () => {
    try {
      await ensureBundle();
    } catch (error) {
      // A source file being edited can break the build for a moment; the last good bundle still serves.
      if (!existsSync(join(root, 'dist', 'kabar.js'))) throw error;
      console.warn('harness: the build failed, testing the last good dist/kabar.js:', (error as Error).message.split('\n')[0]);
    }
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Spawns `node --import tsx server/main.ts` and resolves with its origin once it prints it. */
function spawnServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 90 s:\n${output}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Kabar listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        // Keep draining, or a chatty server would block on a full pipe.
        child.stdout.resume();
        resolve({ child, url: match[1].replace(/\/$/, '') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${signal ?? code}) before listening:\n${output}`));
    });
  });
}

/** Starts the reference server on a free port with a fresh database in a temp directory. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  await buildOnce();
  const dataDir = mkdtempSync(join(tmpdir(), 'kabar-e2e-'));
  scratchDirs.add(dataDir);
  const dbPath = join(dataDir, 'kabar.db');
  const adminToken = options.env?.KABAR_ADMIN_TOKEN ?? randomBytes(24).toString('base64url');
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    DATABASE: dbPath,
    KABAR_ADMIN_TOKEN: adminToken,
    ...options.env,
  };

  let current = await spawnServer({ ...baseEnv, PORT: '0' });
  const server: RunningServer = {
    url: current.url,
    apiUrl: `${current.url}/api/v1`,
    adminToken,
    dbPath,
    dataDir,
    get pid() {
      return current.child.pid!;
    },
    async stop() {
      current.child.kill('SIGTERM');
      const timer = setTimeout(() => current.child.kill('SIGKILL'), 10_000);
      await waitForExit(current.child);
      clearTimeout(timer);
    },
    async kill() {
      current.child.kill('SIGKILL');
      await waitForExit(current.child);
    },
    async restart() {
      await server.stop();
      const port = new URL(server.url).port;
      current = await spawnServer({ ...baseEnv, PORT: (await portIsFree(Number(port))) ? port : '0' });
      server.url = current.url;
      server.apiUrl = `${current.url}/api/v1`;
    },
  };
  return server;
}

/**
 * Headless Chromium with the project's flags (no sandbox as root, no outside
 * network): the one the test run shares (KABAR_E2E_BROWSER, its WebSocket
 * address) when there is one, else a browser of this file's own. Closing a
 * shared one only lets go of it.
 */
export async function launchBrowser(): Promise<Browser> {
  const shared = process.env.KABAR_E2E_BROWSER;
  if (shared) return chromium.connect(shared);
  return chromium.launch({ executablePath: await chromiumPath(), args: await chromiumFlags() });
}

/**
 * What goes wrong on a page from now on: uncaught errors and console errors
 * (CSP and Trusted Types violations land there too).
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

export interface OpenOptions {
  /**
   * Gives the page a clock the test can move on (`page.clock.fastForward`), e.g.
   * for the minutes a person spends writing; it runs at its normal pace otherwise.
   */
  clock?: boolean;
}

/** Opens `url` in a new page of `browser` (or of one of its contexts) and collects what went wrong on it. */
export async function openPage(
  browser: Browser | BrowserContext,
  url: string,
  options: OpenOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  if (options.clock) await page.clock.install();
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors };
}

export interface Suite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Opens a path of the server (or any URL) in a new page; see `openPage`. */
  open(pathOrUrl: string, options?: OpenOptions & { context?: BrowserContext }): Promise<{ page: Page; errors: string[] }>;
}

/**
 * The set-up of an end-to-end file: the server and the browser start before
 * its first test and stop after its last.
 */
export function e2eSuite(options: StartOptions = {}): Suite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  const suite: Suite = {
    get server() {
      if (!server) throw new Error('the server is not running: use the suite inside a test');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not running: use the suite inside a test');
      return browser;
    },
    open(pathOrUrl, { context, ...open } = {}) {
      const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${suite.server.url}${pathOrUrl}`;
      return openPage(context ?? suite.browser, url, open);
    },
  };
  return suite;
}

/**
 * Calls the admin API with the server's token. `path` is relative to
 * `/api/v1/admin`: `admin(server, 'GET', '/queue')`; `'/admin/queue'` works too.
 */
export async function admin(
  server: Pick<RunningServer, 'apiUrl' | 'adminToken'>,
  method: string,
  path: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the API answered
): Promise<{ status: number; body: any }> {
  const relative = path.startsWith('/admin/') ? path : `/admin${path.startsWith('/') ? '' : '/'}${path}`;
  const response = await fetch(`${server.apiUrl}${relative}`, {
    method,
    headers: {
      Authorization: `Bearer ${server.adminToken}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: hand the text back as it is.
  }
  return { status: response.status, body: parsed };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's findings on the page, by rule id and the first offending element. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, so the page's CSP does not stop it.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
  });
}
