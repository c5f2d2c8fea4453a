/** The sources `kabar-comments.js` carries in place of `resolve.ts`: the ones with comments. */
import { KabarBackend } from './kabar.js';
import { resolverFor } from './sources.js';
import { WordPressBackend } from './wordpress.js';

export const resolveBackend = resolverFor({
  kabar: (url) => new KabarBackend(url),
  wordpress: (url) => new WordPressBackend(url),
});
