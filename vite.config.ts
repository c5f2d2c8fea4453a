import { defineConfig } from 'vite';

/**
 * Library mode: one minified ES module, `dist/kabar.js`, with lit, marked and
 * dompurify inside. Vite's library mode leaves ES output unminified unless the
 * Rolldown output is told to minify too.
 */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: true,
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
