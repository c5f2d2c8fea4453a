import type { Backend } from './backend.js';
import { EmailBackend } from './email.js';
import { EndpointBackend } from './endpoint.js';
import { JsonFeedBackend } from './jsonfeed.js';
import { RssBackend } from './rss.js';
import { KabarBackend } from './kabar.js';
import { resolverFor } from './sources.js';
import { WordPressBackend } from './wordpress.js';

export type { SourceName } from './sources.js';
/** For the comment box of a signed-in WordPress reader. */
export { useWordPressNonce } from './wordpress-api.js';

/**
 * One adapter per (source, URL) for the whole page, so elements that share a
 * backend share its cache, and reactive tasks see the same object each render.
 * An unknown source falls back to `kabar`. Every source is here; the feature
 * files are built with `resolve-feed.ts`, `resolve-story.ts` or
 * `resolve-comments.ts` in its place, which carry only their feature's sources.
 */
export const resolveBackend: (url: string, source?: string) => Backend = resolverFor({
  kabar: (url) => new KabarBackend(url),
  wordpress: (url) => new WordPressBackend(url),
  jsonfeed: (url) => new JsonFeedBackend(url),
  rss: (url) => new RssBackend(url),
  endpoint: (url) => new EndpointBackend(url),
  email: (address) => new EmailBackend(address),
});
