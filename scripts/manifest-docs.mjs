/**
 * The README's API reference is made from custom-elements.json: `npm run docs` writes, between
 * the markers `<!-- api-reference:start -->` and `<!-- api-reference:end -->`, one table each of a
 * tag's attributes, properties, events, slots, parts and CSS properties. `npm test` runs this
 * script without `--write`: it fails when the README's reference is not what the manifest makes,
 * when an attribute has no JSDoc (the manifest's only source of its description), or when the
 * README names nowhere an attribute, event, part or CSS property of the manifest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- api-reference:start (generated from custom-elements.json by `npm run docs`) -->';
const END = '<!-- api-reference:end -->';

const KINDS = [
  ['attribute', 'attributes'],
  ['event', 'events'],
  ['part', 'cssParts'],
  ['CSS property', 'cssProperties'],
];

const tags = (manifest) => manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);

/** A table cell: one line, pipes escaped. */
const cell = (text = '') => String(text).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text) => (text ? `\`${cell(text)}\`` : '');

function table(head, rows) {
  if (!rows.length) return [];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`), ''];
}

/** The public properties that have no attribute: documented fields only (the rest are internal). */
function properties(declaration) {
  const attributeFields = new Set((declaration.attributes ?? []).map((a) => a.fieldName));
  return (declaration.members ?? []).filter(
    (m) => m.kind === 'field' && !m.static && !m.privacy && !m.attribute && !attributeFields.has(m.name) && m.description,
  );
}

/** The API reference, as markdown, one section per tag in alphabetical order. */
export function renderReference(manifest) {
  const lines = [];
  for (const d of [...tags(manifest)].sort((a, b) => a.tagName.localeCompare(b.tagName))) {
    lines.push(`### \`<${d.tagName}>\``, '', cell(d.summary ?? d.description), '');
    const section = (title, rows) => (rows.length ? [`**${title}**`, '', ...rows] : []);
    lines.push(
      ...section('Attributes', table(['attribute', 'property', 'type', 'default', 'meaning'], (d.attributes ?? []).map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), cell(a.description)]))),
      ...section('Properties', table(['property', 'type', 'meaning'], properties(d).map((p) => [code(p.name), code(p.type?.text), cell(p.description)]))),
      ...section('Events', table(['event', 'class', 'when'], (d.events ?? []).map((e) => [code(e.name), code(e.type?.text), cell(e.description)]))),
      ...section('Slots', table(['slot', 'what goes in it'], (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]))),
      ...section('Parts', table(['part', 'what it is'], (d.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]))),
      ...section('CSS properties', table(['property', 'default', 'what it sets'], (d.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]))),
    );
  }
  return lines.join('\n').trimEnd();
}

/** The README with its reference made anew from the manifest. */
export function withReference(readme, manifest) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n\n${renderReference(manifest)}\n\n${readme.slice(end)}`;
}

/** What the README and the manifest disagree on, one sentence each. */
export function docProblems(manifest, readme) {
  const problems = [];
  for (const declaration of tags(manifest)) {
    const tag = declaration.tagName;
    for (const [kind, field] of KINDS) {
      for (const item of declaration[field] ?? []) {
        if (!item.name) continue;
        if (kind === 'attribute' && !item.description) problems.push(`<${tag}> attribute \`${item.name}\` has no JSDoc`);
        if (!readme.includes(`\`${item.name}\``)) problems.push(`<${tag}> ${kind} \`${item.name}\` is not in README.md`);
      }
    }
  }
  if (readme.includes(START) && withReference(readme, manifest) !== readme) {
    problems.push('the API reference in README.md is not what custom-elements.json makes (run `npm run docs`)');
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  if (process.argv.includes('--write')) {
    writeFileSync(readmePath, withReference(readme, manifest));
    console.log('README.md: API reference written from custom-elements.json');
  }
  const problems = docProblems(manifest, readFileSync(readmePath, 'utf8'));
  for (const problem of problems) console.error(`✖ ${problem}`);
  console.log(problems.length ? `manifest and README: ${problems.length} disagreement(s)` : 'manifest and README agree');
  process.exit(problems.length ? 1 : 0);
}
