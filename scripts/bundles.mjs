/**
 * The files of `dist/`: `kabar.js` with every tag, and one self-contained file per feature.
 * `budget` is the most each may weigh, in bytes of gzip -9; `npm test` fails above it.
 */
export const bundles = [
  {
    file: 'kabar.js',
    entry: 'src/kabar.ts',
    tags: ['kabar-article-feed', 'kabar-article-card', 'kabar-source', 'kabar-story-form', 'kabar-comment-box', 'kabar-comment-count'],
    budget: 70 * 1024,
  },
  { file: 'kabar-feed.js', entry: 'src/kabar-feed.ts', tags: ['kabar-article-feed', 'kabar-article-card', 'kabar-source'], budget: 20 * 1024 },
  { file: 'kabar-story.js', entry: 'src/kabar-story.ts', tags: ['kabar-story-form'], budget: 50 * 1024 },
  { file: 'kabar-comments.js', entry: 'src/kabar-comments.ts', tags: ['kabar-comment-box', 'kabar-comment-count'], budget: 50 * 1024 },
];

/** Every tag Kabar defines. */
export const allTags = bundles[0].tags;
