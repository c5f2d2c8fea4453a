/**
 * A Rolldown plugin for the built files: each keeps only the messages its code asks for, under
 * short keys.
 *
 * Message keys (`'feed.loadMore'`) are only ever written as string literals, so once a file is
 * bundled the literals outside the catalogues are exactly the messages it can show. Every
 * catalogue object (`id`, `en`) loses the entries no literal names, and each kept key is
 * renamed to two letters in the catalogues and at every use. A key built at run time from a
 * prefix (`field.${code}`) keeps every key of that prefix, under its own name, unless it is
 * built in a class method nothing in the file calls.
 *
 * The two letters are a hash of the key under one seed for the whole catalogue (the first
 * under which no two keys share a name, src/core/i18n/key-name.ts), and the plugin hands that
 * seed to the code as `__KABAR_I18N_SEED__`: `registerLocale`, whose callers write full keys,
 * computes the same names at run time.
 */
import { readFileSync } from 'node:fs';
import MagicString from 'magic-string';
import { parseAst } from 'rolldown/parseAst';
import { keyName, keySeed } from '../src/core/i18n/key-name.ts';

/** The keys of the reference catalogue, read from its source: `'group.name':` at the start of a line. */
export function catalogueKeys(path) {
  return new Set([...readFileSync(path, 'utf8').matchAll(/^\s*'([A-Za-z]+\.[A-Za-z_]+)'\s*:/gm)].map((m) => m[1]));
}

function walk(node, visit, parent) {
  if (!node || typeof node.type !== 'string') return;
  if (visit(node, parent) === false) return;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) walk(child, visit, node);
    else if (value && typeof value === 'object' && typeof value.type === 'string') walk(value, visit, node);
  }
}

/**
 * Class methods whose name appears nowhere else in the code: a bundler keeps every method of a
 * class it keeps, used or not. Names the browser calls by itself (`…Callback`, `handleEvent`)
 * never count as uncalled.
 */
function uncalledMethods(ast, code) {
  const methods = [];
  walk(ast, (node) => {
    if (node.type === 'MethodDefinition' && !node.computed && node.key.type === 'Identifier') {
      const name = node.key.name;
      const mentions = code.match(new RegExp(`(?<![\\w$])${name}(?![\\w$])`, 'g'))?.length ?? 0;
      if (mentions === 1 && !/Callback$|^handleEvent$|^constructor$/.test(name)) methods.push(node);
    }
    return true;
  });
  return methods;
}

const stringOf = (node) =>
  node.type === 'Literal' && typeof node.value === 'string'
    ? node.value
    : node.type === 'TemplateLiteral' && node.expressions.length === 0
      ? node.quasis[0].value.cooked
      : undefined;

/**
 * Prunes and renames the keys of `code`. Returns the new code and what happened, for the size
 * report and the tests.
 */
export function rewriteKeys(code, keys, { mangle = true, seed = keySeed(keys) } = {}) {
  const ast = parseAst(code);
  const uncalled = uncalledMethods(ast, code);
  const catalogues = [];
  const uses = [];
  const prefixes = new Set();
  walk(ast, (node) => {
    if (node.type === 'ObjectExpression') {
      const named = node.properties.filter((p) => p.type === 'Property' && !p.computed && keys.has(stringOf(p.key) ?? ''));
      if (named.length >= 10 && named.length === node.properties.length) {
        catalogues.push(node);
        // Only the values can hold uses, and catalogue values never name a key.
        return false;
      }
    }
    const value = stringOf(node);
    if (value !== undefined && keys.has(value)) uses.push({ node, value });
    if (node.type === 'TemplateLiteral' && node.expressions.length) {
      const head = /^([A-Za-z]+\.)$/.exec(node.quasis[0].value.cooked ?? '');
      // A key built in a method nothing in this file calls (the forms' field errors in the feed file) names nothing.
      if (head && !uncalled.some((m) => m.start <= node.start && node.end <= m.end)) prefixes.add(head[1]);
    }
    return true;
  });
  if (!catalogues.length) return { code, kept: 0, dropped: 0 };

  const dynamic = (key) => [...prefixes].some((prefix) => key.startsWith(prefix));
  const used = new Set([...uses.map((u) => u.value), ...[...keys].filter(dynamic)]);
  const names = new Map();
  for (const key of [...keys].filter((k) => used.has(k))) names.set(key, mangle && !dynamic(key) ? keyName(key, seed) : key);

  const out = new MagicString(code);
  for (const { node, value } of uses) out.overwrite(node.start, node.end, JSON.stringify(names.get(value)));
  let dropped = 0;
  for (const catalogue of catalogues) {
    const entries = [];
    for (const property of catalogue.properties) {
      const key = stringOf(property.key);
      if (!names.has(key)) {
        dropped++;
        continue;
      }
      entries.push(`${JSON.stringify(names.get(key))}: ${code.slice(property.value.start, property.value.end)}`);
    }
    out.overwrite(catalogue.start, catalogue.end, `{${entries.join(',\n')}}`);
  }
  return { code: out.toString(), kept: names.size, dropped: dropped / catalogues.length };
}

/** The plugin: runs on each finished chunk, before the minifier. */
export function i18nKeys({ catalogue, mangle = true }) {
  const keys = catalogueKeys(catalogue);
  const seed = keySeed(keys);
  return {
    name: 'kabar-i18n-keys',
    config() {
      return mangle ? { define: { __KABAR_I18N_SEED__: String(seed) } } : {};
    },
    renderChunk(code) {
      return { code: rewriteKeys(code, keys, { mangle, seed }).code, map: null };
    },
  };
}
