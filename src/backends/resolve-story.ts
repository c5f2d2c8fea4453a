/** The sources `kabar-story.js` carries in place of `resolve.ts`: the ones that take a story or give categories. */
import { EmailBackend } from './email.js';
import { EndpointBackend } from './endpoint.js';
import { KabarStories } from './kabar.js';
import { resolverFor } from './sources.js';
import { WordPressStories } from './wordpress.js';

export const resolveBackend = resolverFor({
  kabar: (url) => new KabarStories(url),
  wordpress: (url) => new WordPressStories(url),
  endpoint: (url) => new EndpointBackend(url),
  email: (address) => new EmailBackend(address),
});
