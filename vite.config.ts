import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultMinifyOptions } from '@lit-labs/rollup-plugin-minify-html-literals/lib/strategy.js';
import { defineConfig } from 'vite';
import { terserOptions } from './scripts/bundles.mjs';
import { i18nKeys } from './scripts/i18n-keys.mjs';
import { privateNames } from './scripts/private-names.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Library mode: a minified ES module with lit (and, where used, marked and dompurify) inside.
 * Vite's library mode leaves ES output unminified unless the Rolldown output is told to minify
 * too; terser runs before it (see `terserOptions` in scripts/bundles.mjs). `build.mjs` builds each file of `scripts/bundles.mjs` with this config, giving its entry.
 */
// With no private names found, no property is renamed (a property rule without a regex renames all).
const privateRegex = privateNames(root);
const privateMangle = privateRegex ? { properties: { regex: privateRegex, keep_quoted: true } } : true;

export default defineConfig({
  define: { __KABAR_VERSION__: JSON.stringify(version) },
  // Lit's html`` and css`` text loses its indentation and comments; a template the minifier
  // cannot read fails the build rather than shipping unminified.
  // Each file keeps only the messages it shows, under short keys (see scripts/i18n-keys.mjs).
  plugins: [
    {
      ...minifyHtmlLiterals({
        include: ['src/**/*.ts'],
        failOnError: true,
        // Whitespace between words and tags shrinks to one space but never vanishes: "Story *"
        // must not become "Story*", nor two paragraphs' text run together.
        options: { minifyOptions: { ...defaultMinifyOptions, conservativeCollapse: true } },
      }),
      enforce: 'pre',
    },
    i18nKeys({ catalogue: 'src/core/i18n/id.ts' }),
  ],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: 'terser',
    // Kabar's private members get short names too (see scripts/private-names.mjs); the floors
    // of the size report are minified without this, so its gain counts as Kabar's.
    terserOptions: { ...terserOptions, mangle: privateMangle },
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: 'src/kabar.ts',
      formats: ['es'],
      fileName: () => 'kabar.js',
    },
    rolldownOptions: {
      output: {
        minify: true,
        codeSplitting: false,
      },
    },
  },
});
