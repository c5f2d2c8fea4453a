/**
 * Drafts: what a reader typed survives a reload, a crash or a dead
 * connection, and is dropped only once the server has confirmed the send.
 * Each draft carries the idempotency key of its send, so a retry after a
 * reload is still recognised by the server as the same story or comment.
 *
 * localStorage may be missing, full or throwing (private modes, sandboxed
 * iframes, storage disabled): then drafts live only as long as the page, and
 * nothing here ever throws to the form.
 */

export interface Draft<T> {
  values: T;
  /** ISO 8601, for "draft saved 2 minutes ago". */
  savedAt: string;
  /** The `Idempotency-Key` of the send this draft becomes. */
  key: string;
  /** When its writer first changed it (ms since the epoch): the time spent writing counts from here. */
  startedAt?: number;
}

function localStore(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    // Reading the property throws when the page may not use storage.
    return undefined;
  }
}

function readJson(key: string): unknown {
  try {
    const text = localStore()?.getItem(key);
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStore()?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked: the draft stays in memory for this page's life.
  }
}

function remove(key: string): void {
  try {
    localStore()?.removeItem(key);
  } catch {
    // Nothing to clean up in a storage we cannot use.
  }
}

/**
 * A random UUID. `crypto.randomUUID` exists only in secure contexts, and many
 * community sites are still served over plain http, where `getRandomValues` works.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') {
    try {
      return crypto.randomUUID();
    } catch {
      // Fall through to the manual version.
    }
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isDraft(value: unknown): value is Draft<unknown> {
  const draft = value as Draft<unknown> | null;
  return !!draft && typeof draft === 'object' && 'values' in draft && typeof draft.savedAt === 'string' && typeof draft.key === 'string';
}

/**
 * The draft of one form: `new DraftStore('story', location.pathname + backend)`
 * or `new DraftStore('comment', backend + ' ' + thread)`. Values must be plain
 * JSON (a photo `File` cannot be kept; the form asks for it again).
 * Callers debounce `save`.
 */
export class DraftStore<T> {
  readonly storageKey: string;
  /** The last draft saved or loaded, so a page without storage still keeps it. */
  private current?: Draft<T>;
  private key?: string;

  constructor(kind: string, scope: string) {
    this.storageKey = `kabar:draft:${kind}:${scope}`;
  }

  load(): Draft<T> | undefined {
    const stored = readJson(this.storageKey);
    if (isDraft(stored)) {
      this.current = stored as Draft<T>;
      this.key = stored.key;
    }
    return this.current;
  }

  save(values: T, startedAt?: number): Draft<T> {
    const draft: Draft<T> = { values, savedAt: new Date().toISOString(), key: this.idempotencyKey, ...(startedAt === undefined ? {} : { startedAt }) };
    this.current = draft;
    writeJson(this.storageKey, draft);
    return draft;
  }

  /** Only after the server confirmed: the next draft is a new story or comment with a new key. */
  clear(): void {
    this.current = undefined;
    this.key = undefined;
    remove(this.storageKey);
  }

  /** Stable from the first keystroke (or the first send) until `clear()`, across reloads. */
  get idempotencyKey(): string {
    if (!this.key) {
      const stored = readJson(this.storageKey);
      this.key = isDraft(stored) ? stored.key : newIdempotencyKey();
    }
    return this.key;
  }
}

/** A commenter's details, kept only when they tick "remember me". */
export interface RememberedIdentity {
  name: string;
  email: string;
  url?: string;
}

const IDENTITY_KEY = 'kabar:identity';

/** "Remember me" for the comment box: one identity per site, shared by every thread. */
export const rememberedIdentity = {
  load(): RememberedIdentity | undefined {
    const stored = readJson(IDENTITY_KEY) as Partial<RememberedIdentity> | undefined;
    if (!stored || typeof stored.name !== 'string' || typeof stored.email !== 'string') return undefined;
    return typeof stored.url === 'string' && stored.url
      ? { name: stored.name, email: stored.email, url: stored.url }
      : { name: stored.name, email: stored.email };
  },
  save(identity: RememberedIdentity): void {
    writeJson(IDENTITY_KEY, identity.url ? identity : { name: identity.name, email: identity.email });
  },
  forget(): void {
    remove(IDENTITY_KEY);
  },
};
