/**
 * The files of `dist/`: `kabar.js` with every tag, and one self-contained file per feature.
 * `budget` is the most each may weigh, in bytes of gzip -9; `npm test` fails above it. Each is
 * what the file weighs today plus about 0.5 KB (lower a budget whenever a file gets lighter), but for
 * the two forms, held to the page weight asked of them: 40 KB for comments, 42 KB for the story form.
 * `sources` replaces src/backends/resolve.ts in that file's build,
 * so a feature file carries only the adapters of the sources its elements can use; `lazy`
 * replaces src/core/lazy.ts, so the file loads the markdown parser and DOMPurify from the
 * modules beside it (`loaded: true`: a file no page names, which a feature file loads on demand)
 * instead of carrying them. `kabar.js` keeps both inside: one self-contained file.
 */
const LAZY = 'src/core/lazy-bundled.ts';
const kb = (n) => Math.round(n * 1024);
export const bundles = [
  {
    file: 'kabar.js',
    entry: 'src/kabar.ts',
    tags: ['kabar-article-feed', 'kabar-article-card', 'kabar-source', 'kabar-story-form', 'kabar-comment-box', 'kabar-comment-count'],
    budget: kb(83.8),
  },
  { file: 'kabar-feed.js', entry: 'src/kabar-feed.ts', tags: ['kabar-article-feed', 'kabar-article-card', 'kabar-source'], budget: kb(29.5), sources: 'src/backends/resolve-feed.ts' },
  { file: 'kabar-story.js', entry: 'src/kabar-story.ts', tags: ['kabar-story-form'], budget: kb(42), sources: 'src/backends/resolve-story.ts', lazy: LAZY },
  { file: 'kabar-comments.js', entry: 'src/kabar-comments.ts', tags: ['kabar-comment-box', 'kabar-comment-count'], budget: kb(40), sources: 'src/backends/resolve-comments.ts', lazy: LAZY },
  { file: 'kabar-markdown.js', entry: 'src/kabar-markdown.ts', tags: [], budget: kb(15.6), loaded: true },
  { file: 'kabar-purify.js', entry: 'src/kabar-purify.ts', tags: [], budget: kb(12.1), loaded: true },
];

/** Every tag Kabar defines. */
export const allTags = bundles[0].tags;

/**
 * The minifier: terser first (two passes of its safe compressions), then Rolldown's own over
 * its output; together about 1 KB gzip lighter per file than Rolldown's alone. The floors of
 * the size report are minified the same way, so "own code" credits Kabar with none of it.
 */
export const terserOptions = { module: true, ecma: 2020, compress: { passes: 2 } };
