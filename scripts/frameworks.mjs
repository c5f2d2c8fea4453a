/**
 * The package's framework entries, made when it is packed (`npm run manifest`, `prepack`).
 *
 * `dist/lib/react.js` (`kabar/react`), compiled here rather than with the other modules because it
 * needs React's and @lit/react's types, development dependencies that the server's production
 * install (`npm ci --omit=dev`, which builds `dist/lib` at start) does not have.
 *
 * Types for frameworks, made from custom-elements.json by the generators of `cem-tools`
 * (custom-element-jsx-integration, -vuejs-, -svelte-): `dist/lib/jsx.d.ts` (React 19's
 * `JSX.IntrinsicElements`: attributes, properties, `on<event>` handlers), `dist/lib/vue.d.ts`
 * (Vue's `GlobalComponents`) and `dist/lib/svelte.d.ts` (`svelteHTML` elements), each with an empty
 * module beside it so that `import 'kabar/jsx'` also works where a bundler sees it.
 *
 * The generators' output is mended where it would not type-check strictly: each imported name once,
 * the DOM's own `Event` not imported from the package, the handlers given our event classes (they
 * carry `detail` themselves; the generators assume a `CustomEvent` of a detail type), Vue's props
 * camelCased as Vue's templates look them up, and the Svelte and React declarations made global
 * augmentations.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'lib');
const DOM_TYPES = new Set(['Event', 'CustomEvent']);

/** One `import type { … } from "./index.js"` with each name once and none of the DOM's own. */
function mendImports(source) {
  return source.replace(/import type \{([^}]*)\} from "\.\/index\.js";/, (_, names) => {
    const unique = [...new Set(names.split(',').map((name) => name.trim()).filter(Boolean))].filter((name) => !DOM_TYPES.has(name));
    return `import type { ${unique.join(', ')} } from "./index.js";`;
  });
}

/** `(e: CustomEvent<KabarLoadEvent>) => void` becomes `(e: KabarLoadEvent) => void`. */
const mendHandlers = (source) => source.replace(/CustomEvent<((?:Kabar\w*)?Event)>/g, '$1');

const camel = (name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());

const AUGMENT = {
  'jsx.d.ts': (source) =>
    `${source}
declare module "react" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
`,
  // Vue's templates look props up camelCased: `:per-page` as `perPage`, `@kabar-load` as `onKabarLoad`.
  'vue.d.ts': (source) =>
    source
      .replace(/"on(kabar-[a-z-]+)"\?:/g, (_, event) => `${camel(`on-${event}`)}?:`)
      .replace(/^(\s*)"([a-z]+(?:-[a-z]+)+)"\?:/gm, (_, indent, name) => `${indent}${camel(name)}?:`),
  'svelte.d.ts': (source) =>
    source
      // Svelte 5 has no global JSX namespace: children are snippets, `style` is a string.
      .replace(/children\?: JSX\.Element;/, 'children?: unknown;')
      .replace(/style\?: JSX\.CSSProperties;/, 'style?: string;')
      .replace(/declare namespace svelteHTML \{([\s\S]*?)\n\}\s*$/, 'declare global {\n  namespace svelteHTML {$1\n  }\n}\n'),
};

export function generateFrameworkTypes(manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'))) {
  mkdirSync(outdir, { recursive: true });
  const options = { outdir, globalTypePath: './index.js', hideLogs: true };
  // Each generator gets its own copy: they write their findings into the manifest they are given.
  generateJsxTypes(structuredClone(manifest), { ...options, fileName: 'jsx.d.ts' });
  generateVuejsTypes(structuredClone(manifest), { ...options, fileName: 'vue.d.ts' });
  generateSvelteTypes(structuredClone(manifest), { ...options, fileName: 'svelte.d.ts' });
  for (const [file, augment] of Object.entries(AUGMENT)) {
    const path = join(outdir, file);
    const mended = augment(mendHandlers(mendImports(readFileSync(path, 'utf8'))));
    writeFileSync(path, `// Generated from custom-elements.json by scripts/frameworks.mjs.\n${mended}`);
    writeFileSync(path.replace(/\.d\.ts$/, '.js'), '// Types only: see the .d.ts beside this file.\nexport {};\n');
  }
}

export function compileReact() {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.react.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('kabar/react failed to compile');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  compileReact();
  generateFrameworkTypes();
}
