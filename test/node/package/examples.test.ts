/**
 * The apps of examples/ as their users build them: the packed tarball installed into each, each
 * type-checked strictly and built, then each built page opened in one headless Chromium against
 * the reference server with its production defaults. Each must show cards and see its own
 * `kabar-load` handler run.
 *
 * To keep this quick the apps share installs: one npm workspace holds every app but the React 18
 * one, so Vite, TypeScript, React 19 and Vue are installed once; the React 18 app has an install of
 * its own beside it (in one workspace, React 18's and 19's types would share one `react` module
 * and one app would see the other's), made at the same time. Both read npm's cache first.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startServer, type RunningServer } from '../../e2e/harness.js';
import { packKabar, root, run } from './pack.js';

/** Each install folder and the apps it holds. */
const INSTALLS: Record<string, string[]> = { shared: ['html', 'vite-ts', 'react19', 'vue'], react18: ['react18'] };
const EXAMPLES = Object.values(INSTALLS).flat();
const scratch = mkdtempSync(join(tmpdir(), 'kabar-examples-'));
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** Where an app sits: <scratch>/<install>/examples/<name>. */
const appDir = (name: string) => join(scratch, Object.keys(INSTALLS).find((install) => INSTALLS[install]?.includes(name)) ?? '', 'examples', name);

/** Runs a command without blocking, so that two can share the machine's cores. */
function runAsync(command: string, args: string[], cwd: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NODE_ENV: '' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** `npm run check` then `npm run build` in every app, two apps at a time; each app's outcome. */
async function checkAndBuildAll(): Promise<Map<string, { status: number | null; output: string }>> {
  const outcomes = new Map<string, { status: number | null; output: string }>();
  const queue = [...EXAMPLES];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const checked = await runAsync('npm', ['run', 'check'], appDir(name));
      outcomes.set(name, checked.status === 0 ? await runAsync('npm', ['run', 'build'], appDir(name)) : checked);
    }
  };
  await Promise.all([worker(), worker()]);
  return outcomes;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves each example's dist/ under /<name>/: a static host, another origin than the API's. */
function serveExamples(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    const [name, ...rest] = path.split('/');
    if (path === 'favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = join(appDir(name ?? ''), 'dist', rest.join('/') || 'index.html');
    if (!EXAMPLES.includes(name ?? '') || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let host: Server;
let hostUrl: string;
let api: RunningServer;
let browser: Browser;
let outcomes = new Map<string, { status: number | null; output: string }>();

before(async () => {
  const tarball = await packKabar(scratch);
  console.log(`examples: packed in ${seconds()}`);
  for (const [install, names] of Object.entries(INSTALLS)) {
    for (const name of names) {
      cpSync(join(root, 'examples', name), appDir(name), { recursive: true, filter: (path) => !/node_modules|[/\\]dist$/.test(path) });
      // Each app names `kabar` from the registry; here it gets the tarball just packed.
      const file = join(appDir(name), 'package.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { dependencies: Record<string, string> };
      manifest.dependencies.kabar = `file:${tarball}`;
      writeFileSync(file, JSON.stringify(manifest, null, 2));
    }
    writeFileSync(join(scratch, install, 'package.json'), JSON.stringify({ name: `kabar-examples-${install}`, private: true, workspaces: names.map((name) => `examples/${name}`) }));
  }
  const npmInstall = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
  for (const installed of await Promise.all(Object.keys(INSTALLS).map((install) => runAsync('npm', npmInstall, join(scratch, install))))) {
    assert.equal(installed.status, 0, installed.output);
  }
  console.log(`examples: installed in ${seconds()}`);
  outcomes = await checkAndBuildAll();
  console.log(`examples: type-checked and built in ${seconds()}`);

  host = await serveExamples();
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  // Production CORS: the API allows the static host's origin because it is configured to.
  api = await startServer({ env: { KABAR_ALLOWED_ORIGINS: hostUrl } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await api?.stop();
  await new Promise((resolve) => (host ? host.close(resolve) : resolve(undefined)));
  rmSync(scratch, { recursive: true, force: true });
  console.log(`examples: ${seconds()} in all`);
});

async function firstTitles(count: number): Promise<string[]> {
  const response = await fetch(`${api.apiUrl}/articles?per_page=${count}`);
  return ((await response.json()) as { items: { title: string }[] }).items.map((item) => item.title);
}

describe('the examples, installed from the packed tarball', () => {
  for (const name of EXAMPLES) {
    it(`${name}: type-checks strictly, builds, shows cards and hears kabar-load`, async () => {
      const dir = appDir(name);
      const outcome = outcomes.get(name);
      assert.equal(outcome?.status, 0, outcome?.output);
      assert.ok(readdirSync(join(dir, 'dist')).includes('index.html'));
      if (name === 'react18') {
        // An SSR framework's server build imports kabar/react in Node: no throw, components out.
        const script = "const { ArticleFeed } = await import('kabar/react'); if (!ArticleFeed || globalThis.customElements) throw new Error(); console.log('kabar/react imported');";
        const imported = run(process.execPath, ['--input-type=module', '-e', script], dir);
        assert.match(imported.output, /kabar\/react imported/, imported.output);
      }

      const { page, errors } = await openPage(browser, `${hostUrl}/${name}/index.html?backend=${encodeURIComponent(api.apiUrl)}`);
      try {
        const status = page.locator('#status');
        await status.getByText('kabar-load: 4 articles').waitFor({ timeout: 20_000 });
        const titles = await page.locator('kabar-article-feed [part~="card-title"]').allTextContents();
        assert.deepEqual(
          titles.map((title) => title.trim()),
          await firstTitles(4),
        );
        if (name === 'react18') {
          // The featured card got the first article as an object property, through kabar/react.
          const featured = page.locator('kabar-article-card#featured [part~="card-title"]');
          assert.equal((await featured.textContent())?.trim(), (await firstTitles(1))[0]);
        }
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  }
});
