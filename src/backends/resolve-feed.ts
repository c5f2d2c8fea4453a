/** The sources `kabar-feed.js` carries in place of `resolve.ts`: the ones that list articles. */
import { JsonFeedBackend } from './jsonfeed.js';
import { KabarBackend } from './kabar.js';
import { resolverFor } from './sources.js';
import { WordPressBackend } from './wordpress.js';

export const resolveBackend = resolverFor({
  kabar: (url) => new KabarBackend(url),
  wordpress: (url) => new WordPressBackend(url),
  jsonfeed: (url) => new JsonFeedBackend(url),
});
