import type { Backend } from './backend.js';
import { EmailBackend } from './email.js';
import { EndpointBackend } from './endpoint.js';
import { JsonFeedBackend } from './jsonfeed.js';
import { KabarBackend } from './kabar.js';
import { WordPressBackend } from './wordpress.js';

export type SourceName = 'kabar' | 'wordpress' | 'jsonfeed' | 'endpoint' | 'email';

const factories: Record<SourceName, (url: string) => Backend> = {
  kabar: (url) => new KabarBackend(url),
  wordpress: (url) => new WordPressBackend(url),
  jsonfeed: (url) => new JsonFeedBackend(url),
  endpoint: (url) => new EndpointBackend(url),
  email: (address) => new EmailBackend(address),
};

const adapters = new Map<string, Backend>();

/**
 * One adapter per (source, URL) for the whole page, so elements that share a
 * backend share its cache, and reactive tasks see the same object each render.
 * An unknown source falls back to `kabar`.
 */
export function resolveBackend(url: string, source: string = 'kabar'): Backend {
  const name: SourceName = source in factories ? (source as SourceName) : 'kabar';
  const key = `${name} ${url.trim()}`;
  let adapter = adapters.get(key);
  if (!adapter) {
    adapter = factories[name](url.trim());
    adapters.set(key, adapter);
  }
  return adapter;
}
