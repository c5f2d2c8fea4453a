/** The sources `kabar-comments.js` carries in place of `resolve.ts`: the ones with comments. */
import { KabarThreads } from './kabar.js';
import { resolverFor } from './sources.js';
import { WordPressComments } from './wordpress.js';

export { useWordPressNonce } from './wordpress-api.js';

export const resolveBackend = resolverFor({
  kabar: (url) => new KabarThreads(url),
  wordpress: (url) => new WordPressComments(url),
});
