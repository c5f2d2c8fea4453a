/**
 * The npm package as an app meets it: packed, installed from the tarball into a fresh strict
 * TypeScript project, type-checked under `bundler` and `nodenext` resolution, imported in Node
 * (an SSR framework's server build), and tree-shaken by a Vite library build.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { packKabar, run as runIn } from './pack.js';

const app = mkdtempSync(join(tmpdir(), 'kabar-app-'));
const appModules = join(app, 'node_modules');
const run = (command: string, args: string[]) => runIn(command, args, app);

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

/** React 19's JSX and Svelte's elements, typed by `kabar/jsx` and `kabar/svelte` from the manifest. */
const FRAMEWORKS = `
import type {} from 'kabar/jsx';
import type {} from 'kabar/svelte';
import type { KabarLoadEvent } from 'kabar';

export const feed = <kabar-article-feed backend="/api/v1" per-page={6} layout="list" onkabar-load={(event: KabarLoadEvent) => event.detail.kind} />;
export const card = <kabar-article-card article={undefined} onkabar-article-select={(event) => event.detail.article.title} />;
export const svelteFeed: svelteHTML.IntrinsicElements['kabar-article-feed'] = { 'per-page': 6, 'on:kabar-load': (event) => event.detail.kind };
`;

/** Code that must not compile: the test sees the type-checker fail, not only pass. */
const WRONG = `
import 'kabar';
document.createElement('kabar-article-feed').perPage = 'enam';
import { registerLocale } from 'kabar';
registerLocale('jv', { 'commentForm.noSuchKey': 'x' });
`;

const WRONG_FRAMEWORKS = `
import type {} from 'kabar/jsx';
export const feed = <kabar-article-feed per-page="enam" />;
`;

function typeCheck(resolution: 'bundler' | 'nodenext', main: string, frameworks: string) {
  const dir = join(app, `check-${resolution}-${main === CONSUMER ? 'ok' : 'wrong'}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.ts'), main);
  writeFileSync(join(dir, 'frameworks.tsx'), frameworks);
  const module = resolution === 'bundler' ? 'esnext' : 'nodenext';
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', module, moduleResolution: resolution, lib: ['es2023', 'dom', 'dom.iterable'], jsx: 'react-jsx', skipLibCheck: false, types: [] },
      files: ['main.ts', 'frameworks.tsx'],
    }),
  );
  return run(process.execPath, [join(appModules, 'typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')]);
}

before(async () => {
  const tarball = await packKabar(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'kabar-app', private: true, type: 'module' }));
  const installed = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, 'typescript@~5.9.2', '@types/react@^19']);
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
    // What the install adds besides TypeScript (and the @types/react the JSX check below uses):
    // Kabar and its dependencies, nothing else.
    const checker = ['typescript', '@types/react', 'csstype'];
    const extra = names.filter((name) => !checker.includes(name) && name !== 'kabar' && !/^((lit|lit-html|lit-element|marked|dompurify|@types\/trusted-types)$|@lit(-labs)?\/)/.test(name));
    assert.deepEqual(extra, []);
    const size = bytes(appModules) - checker.reduce((sum, name) => sum + (existsSync(join(appModules, name)) ? bytes(join(appModules, name)) : 0), 0);
    const own = bytes(join(appModules, 'kabar'));
    const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
    console.log(`node_modules besides TypeScript: ${mb(size)}: kabar ${mb(own)}, its dependencies ${mb(size - own)}`);
    // Lit, DOMPurify and marked as npm publishes them (development, Node, UMD and coverage builds
    // included) weigh about 5.3 MB by themselves; Kabar's part is its single files (the four a page
    // names and the two the forms load lazily), the
    // unbundled modules with their declarations and source maps, the manifest and the framework
    // types made from it.
    assert.ok(own < 2.6e6, `kabar: ${own} bytes`);
    assert.ok(size < 8e6, `${size} bytes`);
  });

  for (const resolution of ['bundler', 'nodenext'] as const) {
    it(`type-checks strict code using the tag map, the events, the classes, JSX and Svelte's elements (moduleResolution ${resolution})`, () => {
      const ok = typeCheck(resolution, CONSUMER, FRAMEWORKS);
      assert.equal(ok.status, 0, ok.output);
      const wrong = typeCheck(resolution, WRONG, WRONG_FRAMEWORKS);
      assert.notEqual(wrong.status, 0);
      assert.match(wrong.output, /main\.ts\(3,.*TS2322/);
      assert.match(wrong.output, /main\.ts\(5,.*commentForm\.noSuchKey/);
      assert.match(wrong.output, /frameworks\.tsx\(3,.*TS2322/);
    });
  }

  it('imports every entry in Node without throwing or defining a tag', () => {
    // kabar/react needs React and @lit/react, which this app does not have: the React 18 example imports it.
    const entries = ['kabar', 'kabar/define', 'kabar/feed', 'kabar/story', 'kabar/comments', 'kabar/kabar.js', 'kabar/kabar-feed.js', 'kabar/kabar-story.js', 'kabar/kabar-comments.js', 'kabar/jsx', 'kabar/vue', 'kabar/svelte'];
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
    assert.match(imported.output, /imported 12 entries/);
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
