/**
 * The answer cache behind `request({ cache: true })`: memory for this page,
 * sessionStorage so a reload or the next page of the same visit paints at
 * once. Keyed by URL. Storage is a bonus: when it is full, disabled or
 * throws (private modes, sandboxed iframes), the cache quietly works from
 * memory alone, and a request never fails because of it.
 */

export interface CacheEntry {
  body: unknown;
  /** The validator the server gave, sent back as `If-None-Match`. */
  etag?: string;
  /** Response headers worth keeping (adapters read totals from them). */
  headers: Array<[string, string]>;
  /** When the answer was last confirmed by the server (ms since the epoch). */
  storedAt: number;
}

/** Entries kept in memory; the least recently used goes first. */
const MEMORY_ENTRIES = 100;
/** Larger answers stay in memory only: sessionStorage is about 5 MB per origin and shared with the page. */
const STORAGE_MAX_CHARS = 200_000;
const STORAGE_PREFIX = 'kabar:http:';

const memory = new Map<string, CacheEntry>();

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    // Reading the property itself throws when storage is blocked.
    return undefined;
  }
}

function remember(key: string, entry: CacheEntry): void {
  memory.delete(key);
  memory.set(key, entry);
  while (memory.size > MEMORY_ENTRIES) {
    const oldest = memory.keys().next().value;
    if (oldest === undefined) break;
    memory.delete(oldest);
  }
}

function isEntry(value: unknown): value is CacheEntry {
  const entry = value as CacheEntry | null;
  return !!entry && typeof entry === 'object' && typeof entry.storedAt === 'number' && Array.isArray(entry.headers) && 'body' in entry;
}

function storedKeys(store: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(STORAGE_PREFIX)) keys.push(key);
  }
  return keys;
}

/** The entry for a URL, from memory or from this tab's session. */
export function readCache(key: string): CacheEntry | undefined {
  const hit = memory.get(key);
  if (hit) {
    remember(key, hit);
    return hit;
  }
  try {
    const text = storage()?.getItem(STORAGE_PREFIX + key);
    if (!text) return undefined;
    const entry: unknown = JSON.parse(text);
    if (!isEntry(entry)) return undefined;
    remember(key, entry);
    return entry;
  } catch {
    return undefined;
  }
}

export function writeCache(key: string, entry: CacheEntry): void {
  remember(key, entry);
  const store = storage();
  if (!store) return;
  let text: string;
  try {
    text = JSON.stringify(entry);
  } catch {
    return;
  }
  if (text.length > STORAGE_MAX_CHARS) {
    // An older, smaller copy must not outlive the newer one in memory.
    removeStored(store, [STORAGE_PREFIX + key]);
    return;
  }
  try {
    store.setItem(STORAGE_PREFIX + key, text);
  } catch {
    // Most likely the quota: our own old answers are the ones to give up, then try once more.
    removeStored(store, storedKeys(store));
    try {
      store.setItem(STORAGE_PREFIX + key, text);
    } catch {
      // Memory still has it.
    }
  }
}

function removeStored(store: Storage, keys: string[]): void {
  for (const key of keys) {
    try {
      store.removeItem(key);
    } catch {
      // Nothing more to do: storage is unusable.
    }
  }
}

/** Forgets one URL's entry (the server said it is gone). */
export function deleteCache(key: string): void {
  memory.delete(key);
  const store = storage();
  if (store) removeStored(store, [STORAGE_PREFIX + key]);
}

/** Forgets every entry whose URL starts with `prefix` (e.g. a thread's comments after a new one). */
export function dropCache(prefix: string): void {
  for (const key of [...memory.keys()]) if (key.startsWith(prefix)) memory.delete(key);
  const store = storage();
  if (!store) return;
  try {
    removeStored(
      store,
      storedKeys(store).filter((key) => key.startsWith(STORAGE_PREFIX + prefix)),
    );
  } catch {
    // Storage is unusable; memory is clean.
  }
}

/** Forgets everything (tests, or a page that signs a user out). */
export function clearCache(): void {
  dropCache('');
}
