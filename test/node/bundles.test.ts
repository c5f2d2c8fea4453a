/**
 * The built files of dist/: their budgets fail the run when exceeded, only kabar.js and the
 * modules the forms load on demand carry marked or DOMPurify, and each file keeps only the
 * messages its code names.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureBundle } from '../../server/scripts.js';
import { rewriteKeys } from '../../scripts/i18n-keys.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (file: string) => readFileSync(join(root, 'dist', file), 'utf8');

type Bundle = { file: string; budget: number };
const script = async <T>(name: string) => (await import(new URL(`../../scripts/${name}`, import.meta.url).href)) as T;

before(async () => {
  await ensureBundle();
});

describe('size budgets', () => {
  it('fail the size check when a file is over its budget, and pass at the real budgets', async () => {
    const { bundles } = await script<{ bundles: Bundle[] }>('bundles.mjs');
    // The budgets alone: the floors (lit, marked and DOMPurify built by themselves) are the same in
    // both runs and decide no budget; `npm test` builds them once for its size report.
    const size = (...args: string[]) => spawnSync(process.execPath, [join(root, 'scripts/size.mjs'), '--budgets-only', ...args], { cwd: root, encoding: 'utf8' });

    const real = size('--budget', 'kabar.js=' + String(bundles[0].budget));
    assert.equal(real.status, 0, real.stderr);

    const lowered = size('--budget', 'kabar-feed.js=1024');
    assert.equal(lowered.status, 1);
    assert.match(lowered.stderr, /dist\/kabar-feed\.js is \d+ B gzip, over its budget of 1024 B/);
    assert.match(lowered.stdout, /kabar-feed\.js .* OVER BUDGET/);
  });
});

describe('what each file carries', () => {
  it('keeps marked and DOMPurify in kabar.js and in the modules the forms load on demand, out of every feature file', async () => {
    const { contentProblems } = await script<{ contentProblems(file: string, code: string): string[] }>('check-bundle.mjs');
    for (const file of ['kabar.js', 'kabar-feed.js', 'kabar-story.js', 'kabar-comments.js', 'kabar-markdown.js', 'kabar-purify.js']) assert.deepEqual(contentProblems(file, dist(file)), [], file);
    // The forms load the libraries only when needed: the comments file with them inside fails.
    assert.deepEqual(contentProblems('kabar-comments.js', dist('kabar-comments.js') + dist('kabar-markdown.js') + dist('kabar-purify.js')), [
      'kabar-comments.js carries marked',
      'kabar-comments.js carries DOMPurify',
    ]);
    // The check itself can fail: the feed file with the comment box's code and its libraries in it.
    const problems = contentProblems('kabar-feed.js', dist('kabar-feed.js') + dist('kabar-comments.js') + dist('kabar-markdown.js') + dist('kabar-purify.js'));
    assert.ok(problems.some((p) => p.includes('carries marked')));
    assert.ok(problems.some((p) => p.includes('carries DOMPurify')));
    assert.ok(problems.some((p) => p.includes("other features' messages") && p.includes('Komentar Anda menunggu moderasi.')));
  });

  it('keeps only the messages a file names, under short keys, and whole prefixes built at run time', async () => {
    const keys = new Set(['feed.a', 'feed.b', 'story.c', 'story.d', 'field.x', 'field.y', 'card.e', 'card.f', 'card.g', 'card.h', 'card.i']);
    const catalogue = (lang: string) => `{${[...keys].map((k) => `'${k}': '${lang} ${k}'`).join(', ')}}`;
    const code = [
      `const id = ${catalogue('id')};`,
      `const en = ${catalogue('en')};`,
      `const t = (c, k) => c[k];`,
      `export const shown = [t(id, 'feed.b'), t(en, 'story.c'), t(id, \`field.\${'y'}\`), t(id, 'card.h')];`,
      'export { id, en };',
    ].join('\n');
    const out = rewriteKeys(code, keys);
    assert.equal(out.kept, 5, 'three named keys and the two of the field. prefix');
    assert.equal(out.dropped, 6);
    const { shown, id, en } = (await import(`data:text/javascript,${encodeURIComponent(out.code)}`)) as { shown: string[]; id: object; en: object };
    assert.deepEqual(shown, ['id feed.b', 'en story.c', 'id field.y', 'id card.h']);
    assert.deepEqual(Object.keys(id).sort(), Object.keys(en).sort());
    assert.ok(Object.keys(id).includes('field.x'), 'a prefix built at run time keeps its keys and their names');
    assert.ok(!out.code.includes("'feed.b'") && !out.code.includes('"feed.b"'), 'named keys are renamed');
  });

  it('drops a prefix built only in a class method nothing in the file calls', async () => {
    const keys = new Set(['feed.a', 'feed.b', 'field.x', 'field.y', 'card.e', 'card.f', 'card.g', 'card.h', 'card.i', 'card.j']);
    const catalogue = `{${[...keys].map((k) => `'${k}': '${k}'`).join(', ')}}`;
    const withCaller = (call: string) =>
      rewriteKeys(
        [
          `const id = ${catalogue};`,
          `class I18n { t(k) { return id[k]; } fieldError(code) { return id[\`field.\${code}\`]; } }`,
          `export const shown = [new I18n().t('feed.a')${call}];`,
        ].join('\n'),
        keys,
      );
    assert.equal(withCaller('').kept, 1, 'only feed.a: the field. keys are built in a method no one calls');
    const called = withCaller(", new I18n().fieldError('x')");
    assert.equal(called.kept, 3, 'feed.a and both field. keys once the method is called');
    const { shown } = (await import(`data:text/javascript,${encodeURIComponent(called.code)}`)) as { shown: string[] };
    assert.deepEqual(shown, ['feed.a', 'field.x']);
  });
});
