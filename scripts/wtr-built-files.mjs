/**
 * The element suites run twice: against the sources (the default group) and against the built
 * feature file that carries their elements, so what a page loads from `dist/` is what was tested;
 * the tests that load every element through `src/kabar.ts` run once more against `dist/kabar.js`.
 *
 * Each group's test page gets an import map that sends the tests' imports of the element
 * modules, of `src/kabar.ts` and of the event classes to the built file; the file defines its
 * tags itself and exports those classes. The fake backends stay the tests' own: they implement
 * `Backend` and throw the sources' `BackendError`, which the built code recognises as its own
 * (see `BackendError[Symbol.hasInstance]`), as it would a custom backend's on a real page.
 *
 * The groups run with `npm test` and with `web-test-runner --group <name>`; a run given test
 * files on its command line runs only those, against the sources.
 */
import { ensureBuilt } from './build.mjs';
import { allTags } from './bundles.mjs';

/** A group: its tests, and the source modules its built file stands in for. */
const GROUPS = [
  {
    // The tests that load every element through the bundle entry.
    name: 'kabar.js',
    files: ['test/browser/core/themes.test.ts', 'test/browser/core/heading.test.ts', 'test/browser/core/comment-guard.test.ts'],
    modules: [],
  },
  {
    name: 'kabar-feed.js',
    files: 'test/browser/feed/**/*.test.ts',
    modules: ['elements/article-feed/article-feed', 'elements/article-card/article-card', 'elements/source/source'],
  },
  {
    name: 'kabar-story.js',
    files: 'test/browser/story-form/**/*.test.ts',
    modules: ['elements/story-form/story-form', 'backends/email'],
  },
  {
    name: 'kabar-comments.js',
    files: 'test/browser/comments/**/*.test.ts',
    modules: ['elements/comment-box/comment-box', 'elements/comment-count/comment-count'],
  },
];

/**
 * A guard for a group's page: one of Kabar's tags defined by a class that a built file did not
 * define (the sources' classes carry no version, or `dev`; the built files the package's)
 * throws, which fails the test file that loaded it. A test that reached the sources by a path
 * the import map does not know cannot pass as a test of the built file.
 */
const builtOnly = (file) => `(() => {
  const tags = ${JSON.stringify(allTags)};
  const define = customElements.define.bind(customElements);
  customElements.define = (tag, constructor, options) => {
    const version = constructor[Symbol.for('kabar.version')];
    if (tags.includes(tag) && (!version || version === 'dev')) throw new Error('<' + tag + '> came from the sources, not from dist/${file}');
    return define(tag, constructor, options);
  };
})();`;

/** The test page of a group: the import map and the guard first, so they apply to every module the tests load. */
function pageFor(file, modules) {
  // The dev server serves the TypeScript sources under their own names, so those are the keys.
  const imports = Object.fromEntries(['kabar', 'core/events', ...modules].map((m) => [`/src/${m}.ts`, `/dist/${file}`]));
  return (testFramework) =>
    `<!DOCTYPE html><html><head><script type="importmap">${JSON.stringify({ imports })}</script><script>${builtOnly(file)}</script></head>` +
    `<body><script type="module" src="${testFramework}"></script></body></html>`;
}

/**
 * The sanitiser's suites once more on a page without `Document.parseHTML`, as Safari and older
 * browsers are: the sanitiser then runs on DOMPurify, and every test, hostile vector included,
 * must hold on that path too (the default group runs them on Chromium's native sanitiser).
 */
export const noNativeSanitizerGroup = {
  name: 'no-native-sanitizer',
  files: ['test/browser/core/sanitize.test.ts', 'test/browser/core/markdown.test.ts', 'test/browser/core/comment-guard.test.ts', 'test/browser/comments/**/*.test.ts'],
  testRunnerHtml: (testFramework) =>
    `<!DOCTYPE html><html><head><script>delete Document.parseHTML; if ('parseHTML' in Document) throw new Error('Document.parseHTML is still there');</script></head>` +
    `<body><script type="module" src="${testFramework}"></script></body></html>`,
};

/** The groups for this run: none when files were named on the command line without `--group`. */
export async function builtFileGroups(args) {
  // Test files are globs or paths of tests; other arguments (`--config file`) name no test.
  const namesFiles = args.some((arg) => !arg.startsWith('-') && /\*|\.test\.ts$|^(\.\/)?test\//.test(arg));
  if (namesFiles && !args.includes('--group')) return [];
  await ensureBuilt();
  return [...GROUPS.map(({ name, files, modules }) => ({ name, files, testRunnerHtml: pageFor(name, modules) })), noNativeSanitizerGroup];
}
