/**
 * The README and custom-elements.json must agree: every attribute, event, part and CSS property
 * the manifest lists for a tag is named in the README (as `name`), and every attribute has its
 * JSDoc, the manifest's only source of a description. An attribute added without JSDoc or
 * without a line in the README fails `npm test`.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const KINDS = [
  ['attribute', 'attributes'],
  ['event', 'events'],
  ['part', 'cssParts'],
  ['CSS property', 'cssProperties'],
];

/** What the README and the manifest disagree on, one sentence each. */
export function docProblems(manifest, readme) {
  const problems = [];
  for (const declaration of manifest.modules.flatMap((m) => m.declarations ?? [])) {
    const tag = declaration.tagName;
    if (!tag) continue;
    for (const [kind, field] of KINDS) {
      for (const item of declaration[field] ?? []) {
        if (!item.name) continue;
        if (kind === 'attribute' && !item.description) problems.push(`<${tag}> attribute \`${item.name}\` has no JSDoc`);
        if (!readme.includes(`\`${item.name}\``)) problems.push(`<${tag}> ${kind} \`${item.name}\` is not in README.md`);
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = docProblems(JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')), readFileSync(join(root, 'README.md'), 'utf8'));
  for (const problem of problems) console.error(`✖ ${problem}`);
  console.log(problems.length ? `manifest and README: ${problems.length} disagreement(s)` : 'manifest and README agree');
  process.exit(problems.length ? 1 : 0);
}
