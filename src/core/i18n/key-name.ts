/**
 * The short names the built files give message keys (see scripts/i18n-keys.mjs), computed from
 * the key itself so that `registerLocale`, which receives full keys, finds the same name at run
 * time without a table of every key in the file.
 */
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Two letters from a seeded FNV-1a hash of the key: never a real key, which always holds a dot. */
export function keyName(key: string, seed: number): string {
  let hash = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  hash >>>= 0;
  return LETTERS[hash % 52] + LETTERS[Math.floor(hash / 52) % 52];
}

/** The first seed under which every key of the catalogue gets a name of its own. */
export function keySeed(keys: Iterable<string>): number {
  const all = [...keys];
  for (let seed = 0; ; seed++) {
    const names = new Set(all.map((key) => keyName(key, seed)));
    if (names.size === all.length) return seed;
  }
}
