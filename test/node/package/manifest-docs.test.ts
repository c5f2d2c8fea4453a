/**
 * custom-elements.json is made from the sources' JSDoc, and the README's API reference is made
 * from it: the check passes today, and fails for a copy of the sources with an attribute added
 * without JSDoc (no description, and a reference that no longer matches).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cem = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
const scratch = mkdtempSync(join(tmpdir(), 'kabar-manifest-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

type Manifest = { modules: { declarations?: { tagName?: string; attributes?: { name: string; description?: string }[] }[] }[] };
const { docProblems } = (await import(new URL('../../../scripts/manifest-docs.mjs', import.meta.url).href)) as {
  docProblems(manifest: Manifest, readme: string): string[];
};
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/**
 * The manifest of the sources under `cwd`, written into a scratch folder rather than beside them:
 * the tests that pack the package write and read the package's own custom-elements.json meanwhile.
 */
function analyze(cwd: string): Manifest {
  const out = mkdtempSync(join(scratch, 'manifest-'));
  // The analyzer joins --outdir to its working directory, so it takes a relative path.
  const result = spawnSync(process.execPath, [cem, 'analyze', '--quiet', '--outdir', relative(cwd, out)], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as Manifest;
}

describe('custom-elements.json and the README', () => {
  it('agree, for the manifest made from the sources', () => {
    const manifest = analyze(root);
    const tags = manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : []));
    assert.equal(tags.length, 6);
    assert.deepEqual(docProblems(manifest, readme), []);
  });

  it('disagree when an attribute is added without its JSDoc', () => {
    // A copy of the sources and the analyzer's settings, the comment count with one more Lit property.
    // (Without a package.json beside them the analyzer searches for one and never finishes.)
    cpSync(join(root, 'src'), join(scratch, 'src'), { recursive: true });
    for (const file of ['custom-elements-manifest.config.mjs', 'package.json']) copyFileSync(join(root, file), join(scratch, file));
    const file = join(scratch, 'src/elements/comment-count/comment-count.ts');
    const source = readFileSync(file, 'utf8');
    const added = source.replace(/(export class KabarCommentCount[^{]*\{)/, "$1\n  @property({ attribute: 'max-count' }) maxCount = 99;\n");
    assert.notEqual(added, source);
    writeFileSync(file, added);
    assert.deepEqual(docProblems(analyze(scratch), readme), [
      '<kabar-comment-count> attribute `max-count` has no JSDoc',
      '<kabar-comment-count> attribute `max-count` is not in README.md',
      'the API reference in README.md is not what custom-elements.json makes (run `npm run docs`)',
    ]);
  });
});
