/** The sources `kabar-story.js` carries in place of `resolve.ts`: the ones that take a story or give categories. */
import { EmailBackend } from './email.js';
import { EndpointBackend } from './endpoint.js';
import { KabarBackend } from './kabar.js';
import { resolverFor } from './sources.js';
import { WordPressBackend } from './wordpress.js';

export const resolveBackend = resolverFor({
  kabar: (url) => new KabarBackend(url),
  wordpress: (url) => new WordPressBackend(url),
  endpoint: (url) => new EndpointBackend(url),
  email: (address) => new EmailBackend(address),
});
