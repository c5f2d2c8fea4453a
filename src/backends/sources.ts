import { PartialBackend, type Backend } from './backend.js';

export type SourceName = 'kabar' | 'wordpress' | 'jsonfeed' | 'rss' | 'endpoint' | 'email';

export type SourceFactories = Partial<Record<SourceName, (url: string) => Backend>>;

/**
 * A source a file does not carry: every call is `unsupported`, as the adapter's own would be for
 * that file's elements (a feed file has no use for the `email` source, which lists no articles).
 */
class SourceNotCarried extends PartialBackend {
  constructor(readonly label: string) {
    super();
  }
}

const NAMES: readonly SourceName[] = ['kabar', 'wordpress', 'jsonfeed', 'rss', 'endpoint', 'email'];

/**
 * A `resolveBackend` over the given adapters: one adapter per (source, URL) for the whole page,
 * so elements that share a backend share its cache and reactive tasks see the same object each
 * render. An unknown source falls back to `kabar`.
 */
export function resolverFor(factories: SourceFactories): (url: string, source?: string) => Backend {
  const adapters = new Map<string, Backend>();
  return (url, source = 'kabar') => {
    const name: SourceName = NAMES.includes(source as SourceName) ? (source as SourceName) : 'kabar';
    const key = `${name} ${url.trim()}`;
    let adapter = adapters.get(key);
    if (!adapter) {
      const make = factories[name];
      adapter = make ? make(url.trim()) : new SourceNotCarried(url.trim());
      adapters.set(key, adapter);
    }
    return adapter;
  };
}
