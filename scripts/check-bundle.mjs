/**
 * Checks the built files as a page would meet them. Each file of dist/ (scripts/bundles.mjs)
 * is one module with no static import left (the forms' feature files load the markdown parser
 * and DOMPurify on demand from the modules beside them: dynamic imports of a computed sibling
 * address), carries marked and DOMPurify only where it must, and only its own feature's messages. In Chromium each file alone, each pair and all four
 * on one page define exactly their tags, once, with no error and no warning (copies from one
 * Kabar version yield quietly); a copy claiming another version is warned about once, and
 * nothing throws.
 */
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { chromium } from 'playwright-core';
import { root } from './build.mjs';
import { allTags, bundles } from './bundles.mjs';
import { chromeArgs } from './chromium.mjs';

export { chromeArgs };

/** A string only that library's code holds, minified or not. */
const LIBRARIES = {
  marked: 'marked(): input parameter',
  DOMPurify: 'ALLOWED_URI_REGEXP',
};
/** Which libraries each file must carry: kabar.js is self-contained; the forms load them beside them. */
const CARRIES = {
  'kabar.js': ['marked', 'DOMPurify'],
  'kabar-feed.js': [],
  'kabar-story.js': [],
  'kabar-comments.js': [],
  'kabar-markdown.js': ['marked'],
  'kabar-purify.js': ['DOMPurify'],
};
/** The message groups of src/core/i18n/id.ts each feature file may hold. */
const GROUPS = {
  'kabar-feed.js': ['common', 'error', 'field', 'unit', 'feed', 'card'],
  'kabar-story.js': ['common', 'error', 'field', 'unit', 'story'],
  'kabar-comments.js': ['common', 'error', 'field', 'unit', 'comments', 'commentForm', 'commentCount'],
};

/** Plain-string messages of the reference catalogue, with their group. */
function messages() {
  const source = readFileSync(join(root, 'src/core/i18n/id.ts'), 'utf8');
  return [...source.matchAll(/^\s*'([A-Za-z]+)\.[A-Za-z_]+'\s*:\s*'([^'\\]+)',?\s*$/gm)].map(([, group, text]) => ({ group, text }));
}

/** What is wrong with the contents of one built file, as sentences. */
export function contentProblems(file, code) {
  const problems = [];
  for (const [library, mark] of Object.entries(LIBRARIES)) {
    const carried = code.includes(mark);
    if (carried !== CARRIES[file].includes(library)) problems.push(`${file} ${carried ? 'carries' : 'lacks'} ${library}`);
  }
  const groups = GROUPS[file];
  if (groups) {
    const all = messages();
    // A text another allowed group also uses says nothing; short texts ("Nama") are too common.
    const foreign = all.filter(
      (m) => !groups.includes(m.group) && m.text.length > 20 && !all.some((o) => o.text === m.text && groups.includes(o.group)) && code.includes(m.text),
    );
    if (foreign.length) problems.push(`${file} holds other features' messages: ${foreign.map((m) => `"${m.text}"`).join(', ')}`);
  }
  return problems;
}

/** Every combination the check loads: each file alone, each pair, all four. */
function combinations(files) {
  const pairs = files.flatMap((a, i) => files.slice(i + 1).map((b) => [a, b]));
  return [...files.map((f) => [f]), ...pairs, files];
}

export async function checkBundle(executablePath) {
  const expected = bundles.map((b) => b.file).sort();
  const found = readdirSync(join(root, 'dist'))
    .filter((f) => f.endsWith('.js'))
    .sort();
  if (found.join() !== expected.join()) throw new Error(`dist/ should hold ${expected.join(', ')}; found ${found.join(', ')}`);
  await init;
  const code = {};
  for (const { file, lazy } of bundles) {
    code[file] = readFileSync(join(root, 'dist', file), 'utf8');
    const [imports] = parse(code[file]);
    // The sibling loader of lazy-bundled.ts: dynamic imports of a computed address (no name) and
    // the `import.meta` it reads its own address from (d -2).
    const left = imports.filter((i) => !(lazy && i.n === undefined && (i.d > -1 || i.d === -2)));
    if (left.length) throw new Error(`dist/${file} still imports: ${left.map((i) => i.n ?? 'dynamic').join(', ')}`);
    const problems = contentProblems(file, code[file]);
    if (problems.length) throw new Error(problems.join('; '));
  }
  console.log(`  ${bundles.length} files, no static import left; marked and DOMPurify only in kabar.js and the modules the forms load; each feature file only its own messages`);

  // Another Kabar version: the same file claiming a version no build has.
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const otherVersion = ['"', "'", '`'].reduce((text, q) => text.split(`${q}${version}${q}`).join(`${q}0.0.0-other${q}`), code['kabar.js']);
  if (otherVersion === code['kabar.js']) throw new Error('dist/kabar.js does not carry its version');

  const pages = new Map();
  const page = (scripts) =>
    `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>check</title>${scripts
      .map((src) => `<script type="module" src="${src}"></script>`)
      .join('')}</head><body><kabar-article-card></kabar-article-card></body></html>`;
  const cases = [
    ...combinations(bundles.filter((b) => !b.loaded).map((b) => b.file)).map((files) => ({ scripts: files.map((f) => `/a/${f}`), warnings: 0 })),
    // The same file twice from one URL, and a second copy from another.
    { scripts: ['/a/kabar.js', '/a/kabar.js', '/b/kabar.js'], warnings: 0 },
    { scripts: ['/a/kabar-feed.js', '/other/kabar.js'], warnings: 1 },
  ];
  cases.forEach((c, i) => pages.set(`/page/${i}`, page(c.scripts)));
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const file = url.split('/').pop();
    if (url.startsWith('/other/')) res.writeHead(200, { 'content-type': 'text/javascript' }).end(otherVersion);
    else if (code[file]) res.writeHead(200, { 'content-type': 'text/javascript' }).end(code[file]);
    else if (pages.has(url)) res.writeHead(200, { 'content-type': 'text/html' }).end(pages.get(url));
    else res.writeHead(url === '/favicon.ico' ? 204 : 404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath, args: chromeArgs });
  try {
    for (const [i, { scripts, warnings: expectedWarnings }] of cases.entries()) {
      const path = `/page/${i}`;
      const label = scripts.join(' + ');
      const tab = await browser.newPage();
      const errors = [];
      const warnings = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      tab.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
        if (message.type() === 'warning') warnings.push(message.text());
      });
      await tab.goto(base + path, { waitUntil: 'load' });
      const tags = [...new Set(scripts.flatMap((s) => bundles.find((b) => s.endsWith(`/${b.file}`)).tags))];
      await tab.waitForFunction((names) => names.every((t) => customElements.get(t)), tags, { timeout: 10000 });
      const defined = await tab.evaluate((names) => names.filter((t) => customElements.get(t)), allTags);
      if (defined.sort().join() !== [...tags].sort().join()) throw new Error(`${label}: defines ${defined.join(', ')}; expected ${tags.join(', ')}`);
      if (errors.length) throw new Error(`${label}: errors on the page: ${errors.join(' | ')}`);
      const kabarWarnings = warnings.filter((w) => w.startsWith('kabar:'));
      if (kabarWarnings.length !== expectedWarnings)
        throw new Error(`${label}: expected ${expectedWarnings} warning(s), saw ${kabarWarnings.length}: ${kabarWarnings.join(' | ')}`);
      console.log(`  ${label}: defines ${tags.length} tag(s) once, ${kabarWarnings.length} warning(s), no errors`);
      await tab.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}
