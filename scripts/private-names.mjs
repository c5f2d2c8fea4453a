/**
 * The names of Kabar's private members that the minifier may shorten.
 *
 * A class's `private` and `protected` members are read only by Kabar's own code, which is all
 * inside the file being built, so renaming every `.name` of them in that file changes nothing a
 * page can see. A name stays whole when anything else in `src/` declares it without `private`
 * (a public property, an interface or wire field, an object literal key), when a decorator
 * makes it a reactive property (Lit reads those by their string names), or when it is shorter
 * than three letters. The minifier also keeps every DOM name and every quoted key.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const hidden = (node) => (ts.getCombinedModifierFlags(node) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;

/** Private member names of `src/`, as a terser property regex (`null` when there are none). */
export function privateNames(root) {
  const hiddenNames = new Set();
  const publicNames = new Set();
  for (const file of sources(join(root, 'src'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      const name = node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined;
      if (name !== undefined) {
        if (ts.isParameter(node) && ts.isConstructorDeclaration(node.parent)) {
          // A constructor parameter declared `private` is a member too.
          if (hidden(node)) hiddenNames.add(name);
        } else if (ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) {
          if (hidden(node) && !ts.getDecorators(node)?.length) hiddenNames.add(name);
          else publicNames.add(name);
        } else if (ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isBindingElement(node)) {
          publicNames.add(name);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const names = [...hiddenNames].filter((name) => !publicNames.has(name) && name.length > 2).sort();
  return names.length ? new RegExp(`^(?:${names.join('|')})$`) : null;
}
