/**
 * The npm package as an app meets it: packed, installed from the tarball into a fresh strict
 * TypeScript project, type-checked under `bundler` and `nodenext` resolution, imported in Node
 * (an SSR framework's server build), and tree-shaken by a Vite library build.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ensureBundle } from '../../../server/scripts.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const app = mkdtempSync(join(tmpdir(), 'kabar-app-'));
const appModules = join(app, 'node_modules');

function run(command: string, args: string[], cwd = app) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Bytes of every file under a directory. */
function bytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

const CONSUMER = `
import { KabarArticleFeed, KabarLoadEvent, KabarErrorEvent, isBackendError, registerLocale, type Article, type Backend } from 'kabar';
import 'kabar/define';

const feed: KabarArticleFeed | null = document.querySelector('kabar-article-feed');
if (feed) {
  feed.perPage = 9;
  feed.addEventListener('kabar-load', (event) => {
    if (event instanceof KabarLoadEvent) console.log(event.detail);
  });
}
const card = document.createElement('kabar-article-card');
const article: Article = { id: '1', url: 'https://contoh.id/1', title: 'Judul', excerpt: '', publishedAt: '2026-12-01T10:00:00+07:00', categories: [], tags: [] };
card.article = article;
const box: HTMLElementTagNameMap['kabar-comment-box'] = document.createElement('kabar-comment-box');
box.thread = '/artikel/contoh';
const adapter: Backend | undefined = box.backendAdapter;
window.addEventListener('kabar-error', (event) => {
  if (event instanceof KabarErrorEvent && isBackendError(event.detail)) console.log(event.detail.kind, adapter);
});
registerLocale('jv', { 'commentForm.submit': 'Kintun Komentar' });
`;

/** Code that must not compile: the test sees the type-checker fail, not only pass. */
const WRONG = `
import 'kabar';
document.createElement('kabar-article-feed').perPage = 'enam';
import { registerLocale } from 'kabar';
registerLocale('jv', { 'commentForm.noSuchKey': 'x' });
`;

function typeCheck(resolution: 'bundler' | 'nodenext', source: string) {
  const dir = join(app, `check-${resolution}-${source === CONSUMER ? 'ok' : 'wrong'}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.ts'), source);
  const module = resolution === 'bundler' ? 'esnext' : 'nodenext';
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', module, moduleResolution: resolution, lib: ['es2023', 'dom', 'dom.iterable'], skipLibCheck: false, types: [] },
      files: ['main.ts'],
    }),
  );
  return run(process.execPath, [join(appModules, 'typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')]);
}

before(async () => {
  await ensureBundle();
  // The manifest is made from the sources' JSDoc (custom-elements-manifest.config.mjs), as `prepack` makes it.
  const manifest = run(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--quiet'], root);
  assert.equal(manifest.status, 0, manifest.output);
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', app], root);
  assert.equal(packed.status, 0, packed.output);
  const tarball = join(app, (JSON.parse(packed.output.slice(packed.output.indexOf('['))) as { filename: string }[])[0].filename);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'kabar-app', private: true, type: 'module' }));
  const installed = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, 'typescript@~5.9.2']);
  assert.equal(installed.status, 0, installed.output);
});

after(() => rmSync(app, { recursive: true, force: true }));

describe('the packed package in a fresh app', () => {
  it('installs the library alone: no server package, no native module, no install script', () => {
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const names = Object.keys(lock.packages).filter(Boolean).map((path) => path.replace(/^node_modules\//, ''));
    for (const server of ['better-sqlite3', 'hono', 'vite', 'tsx', '@hono/node-server']) assert.ok(!names.includes(server), `${server} was installed`);
    assert.deepEqual(Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([path]) => path), []);
    const native = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? native(join(dir, entry.name)) : entry.name.endsWith('.node') || entry.name === 'binding.gyp' ? [join(dir, entry.name)] : [],
      );
    assert.deepEqual(native(appModules), []);
    // Lit, DOMPurify and marked alone weigh about 5.3 MB as npm ships them (development, Node and
    // UMD builds included), so the whole stays under 8 MB and Kabar's own files under 2.5 MB.
    const size = bytes(appModules) - bytes(join(appModules, 'typescript'));
    const own = bytes(join(appModules, 'kabar'));
    console.log(`node_modules besides TypeScript: ${(size / 1024 / 1024).toFixed(2)} MB in ${names.length - 1} packages, kabar itself ${(own / 1024 / 1024).toFixed(2)} MB`);
    assert.ok(size < 8 * 1024 * 1024, `${size} bytes`);
    assert.ok(own < 2.5 * 1024 * 1024, `kabar: ${own} bytes`);
  });

  for (const resolution of ['bundler', 'nodenext'] as const) {
    it(`type-checks strict code using the tag map, the events and the classes (moduleResolution ${resolution})`, () => {
      const ok = typeCheck(resolution, CONSUMER);
      assert.equal(ok.status, 0, ok.output);
      const wrong = typeCheck(resolution, WRONG);
      assert.notEqual(wrong.status, 0);
      assert.match(wrong.output, /main\.ts\(3,.*TS2322/);
      assert.match(wrong.output, /main\.ts\(5,.*commentForm\.noSuchKey/);
    });
  }

  it('imports every entry in Node without throwing or defining a tag', () => {
    const entries = ['kabar', 'kabar/define', 'kabar/feed', 'kabar/story', 'kabar/comments', 'kabar/kabar.js', 'kabar/kabar-feed.js', 'kabar/kabar-story.js', 'kabar/kabar-comments.js'];
    const script = `
      const tags = ['kabar-article-feed', 'kabar-article-card', 'kabar-source', 'kabar-story-form', 'kabar-comment-box', 'kabar-comment-count'];
      for (const entry of ${JSON.stringify(entries)}) {
        const module = await import(entry);
        if (!Object.keys(module).length && entry === 'kabar') throw new Error('kabar exports nothing');
        const defined = tags.filter((tag) => globalThis.customElements?.get(tag));
        if (defined.length) throw new Error(entry + ' defined ' + defined.join());
      }
      const { KabarArticleFeed, registerLocale } = await import('kabar');
      if (typeof KabarArticleFeed !== 'function' || typeof registerLocale !== 'function') throw new Error('classes missing');
      const { createRequire } = await import('node:module');
      const require = createRequire(process.cwd() + '/');
      for (const file of ['kabar/package.json', 'kabar/custom-elements.json']) require.resolve(file);
      console.log('imported ' + ${entries.length} + ' entries');
    `;
    const imported = run(process.execPath, ['--input-type=module', '-e', script]);
    assert.equal(imported.status, 0, imported.output);
    assert.match(imported.output, /imported 9 entries/);
  });

  it('tree-shakes: isBackendError alone builds under 2 KB gzip and defines nothing', async () => {
    writeFileSync(join(app, 'only-is-backend-error.js'), "export { isBackendError } from 'kabar';\n");
    const { build } = await import('vite');
    await build({
      root: app,
      configFile: false,
      logLevel: 'warn',
      build: { outDir: join(app, 'out'), minify: true, lib: { entry: join(app, 'only-is-backend-error.js'), formats: ['es'], fileName: () => 'out.js' } },
    });
    const code = readFileSync(join(app, 'out', 'out.js'));
    const gz = gzipSync(code, { level: 9 }).length;
    console.log(`isBackendError alone: ${code.length} B, ${gz} B gzip`);
    assert.ok(gz < 2048, `${gz} B gzip`);
    assert.doesNotMatch(code.toString(), /customElements|kabar-article-feed|LitElement/);
    const { isBackendError } = (await import(join(app, 'out', 'out.js'))) as { isBackendError(e: unknown): boolean };
    assert.equal(isBackendError(new Error('x')), false);
  });

  it('ships its LICENSE, CHANGELOG, source maps, the single files and the manifest of every tag', () => {
    const kabar = join(appModules, 'kabar');
    const manifest = JSON.parse(readFileSync(join(kabar, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: { tagName?: string }[] }[] };
    const tags = manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : []));
    assert.deepEqual(tags.sort(), ['kabar-article-card', 'kabar-article-feed', 'kabar-comment-box', 'kabar-comment-count', 'kabar-source', 'kabar-story-form']);
    for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md', 'dist/kabar.js', 'dist/kabar-feed.js', 'dist/lib/index.js.map']) assert.ok(existsSync(join(kabar, file)), file);
    assert.ok(!existsSync(join(kabar, 'dist/kabar.js.br')), 'the server’s precompressed copies stay out');
    assert.ok(!existsSync(join(kabar, 'server')));
  });
});
