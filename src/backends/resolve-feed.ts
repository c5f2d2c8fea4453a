/** The sources `kabar-feed.js` carries in place of `resolve.ts`: the ones that list articles. */
import { JsonFeedBackend } from './jsonfeed.js';
import { RssBackend } from './rss.js';
import { KabarArticles } from './kabar.js';
import { resolverFor } from './sources.js';
import { WordPressArticles } from './wordpress.js';

export const resolveBackend = resolverFor({
  kabar: (url) => new KabarArticles(url),
  wordpress: (url) => new WordPressArticles(url),
  jsonfeed: (url) => new JsonFeedBackend(url),
  rss: (url) => new RssBackend(url),
});
