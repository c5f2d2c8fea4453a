/**
 * Checks the built bundle as a page would meet it: one file with no import
 * left, parses as a module in Chromium, defines every tag, and loading it twice
 * (the same URL twice, and two copies under different URLs) warns once and
 * throws nothing.
 */
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { chromium } from 'playwright-core';
import { root } from './build.mjs';
import { chromeArgs } from './chromium.mjs';

export { chromeArgs };

const tags = ['kabar-article-feed', 'kabar-article-card', 'kabar-story-form', 'kabar-comment-box', 'kabar-comment-count', 'kabar-source'];

export async function checkBundle(executablePath) {
  const files = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js'));
  if (files.length !== 1 || files[0] !== 'kabar.js') throw new Error(`dist/ should hold one script, kabar.js; found ${files.join(', ')}`);
  const code = readFileSync(join(root, 'dist/kabar.js'), 'utf8');
  await init;
  const [imports] = parse(code);
  if (imports.length) throw new Error(`dist/kabar.js still imports: ${imports.map((i) => i.n ?? 'dynamic').join(', ')}`);

  const page = (scripts) =>
    `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>check</title>${scripts
      .map((src) => `<script type="module" src="${src}"></script>`)
      .join('')}</head><body><kabar-article-card></kabar-article-card></body></html>`;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.endsWith('kabar.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    } else if (url === '/once') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(['/a/kabar.js']));
    } else if (url === '/twice') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(['/a/kabar.js', '/a/kabar.js', '/b/kabar.js']));
    } else res.writeHead(url === '/favicon.ico' ? 204 : 404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath, args: chromeArgs });
  try {
    for (const [path, expectedWarnings] of [
      ['/once', 0],
      ['/twice', 1],
    ]) {
      const tab = await browser.newPage();
      const errors = [];
      const warnings = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      tab.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
        if (message.type() === 'warning') warnings.push(message.text());
      });
      await tab.goto(base + path);
      await tab.waitForFunction(() => customElements.get('kabar-source') !== undefined, null, { timeout: 10000 });
      const defined = await tab.evaluate((names) => names.filter((t) => !customElements.get(t)), tags);
      if (defined.length) throw new Error(`${path}: not defined: ${defined.join(', ')}`);
      if (errors.length) throw new Error(`${path}: errors on the page: ${errors.join(' | ')}`);
      const kabarWarnings = warnings.filter((w) => w.startsWith('kabar:'));
      if (kabarWarnings.length !== expectedWarnings)
        throw new Error(`${path}: expected ${expectedWarnings} warning(s), saw ${kabarWarnings.length}: ${kabarWarnings.join(' | ')}`);
      console.log(`  ${path}: parses, defines ${tags.length} tags, ${kabarWarnings.length} warning(s), no errors`);
      await tab.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`  one file, no import left (${code.length} bytes)`);
}
