/**
 * The catalogues a page has: Bahasa Indonesia and English built in, and any language a page adds
 * with `registerLocale`. Each language looks a message up along a chain: its own catalogue,
 * that of its base language (`en-GB`, then `en`), then Indonesian for the languages of Indonesia
 * and English for every other.
 */
import { en } from './en.js';
import { id, type Catalogue } from './id.js';
import { keyName } from './key-name.js';

/** A catalogue a page adds: any of the keys of the Indonesian one, the rest comes from the chain. */
export type LocaleMessages = Partial<Catalogue>;

/** Set by the build to the seed of its short key names (scripts/i18n-keys.mjs); absent in development. */
declare const __KABAR_I18N_SEED__: number | undefined;
const seed = typeof __KABAR_I18N_SEED__ === 'number' ? __KABAR_I18N_SEED__ : undefined;

type Messages = Record<string, unknown>;
const builtIn: Record<string, Messages> = { id, en };

/**
 * Registered catalogues live on the page, not in this file: every Kabar file on a page (the
 * feed file beside the comments file) reads what any of them registered. They are kept under
 * the full keys; each file makes its own view under its own short names.
 */
type Registry = { catalogues: Map<string, Messages>; listeners: Set<() => void> };
const REGISTRY = Symbol.for('kabar.locales');
const registry = (): Registry =>
  ((globalThis as Record<symbol, Registry | undefined>)[REGISTRY] ??= { catalogues: new Map(), listeners: new Set() });

/** This file's view of each language: the built-in messages under the registered ones. */
const views = new Map<string, { from: Messages | undefined; view: Messages | undefined }>();
function catalogue(tag: string): Messages | undefined {
  const registered = (globalThis as Record<symbol, Registry | undefined>)[REGISTRY]?.catalogues.get(tag);
  const known = views.get(tag);
  // registerLocale stores a new object each time, so a changed catalogue is a different one.
  if (known && known.from === registered) return known.view;
  let view = builtIn[tag];
  if (registered) {
    view = { ...view };
    for (const [key, message] of Object.entries(registered)) {
      view[key] = message;
      // The built files name keys by a short hash of the full key (scripts/i18n-keys.mjs).
      if (seed !== undefined) view[keyName(key, seed)] = message;
    }
  }
  views.set(tag, { from: registered, view });
  return view;
}

/**
 * Languages of Indonesia, whose readers read Indonesian far more often than English: Javanese,
 * Sundanese, Madurese, Balinese, Minangkabau, Acehnese, Banjar, Buginese, Makassarese, Sasak,
 * Betawi, Gorontalo, Ngaju, Batak Toba and Rejang (BCP 47 tags, the shortest code).
 */
const INDONESIAN_FAMILY = new Set('id jv su mad ban min ace bjn bug mak sas bew gor nij bbc rej'.split(' '));

/** `en_GB`, ` EN-gb ` → `en-gb`; `in` → `id`. */
export function normalizeTag(tag: string): string {
  // `in` is the withdrawn code of Indonesian, still sent by old Android browsers.
  return tag.trim().toLowerCase().replace(/_/g, '-').replace(/^in(?=-|$)/, 'id');
}

/** The tag and its bases: `jv-latn-id` → `jv-latn-id`, `jv-latn`, `jv`. */
function ownChain(tag: string): string[] {
  const parts = normalizeTag(tag).split('-');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
}

const indonesian = (tag: string) => INDONESIAN_FAMILY.has(normalizeTag(tag).split('-')[0]);

/** The tags whose catalogues a language reads, in order: `jv-ID` → `jv-id`, `jv`, `id`. */
export function localeChain(tag: string): string[] {
  const chain = ownChain(tag);
  const last = indonesian(tag) ? 'id' : 'en';
  if (!chain.includes(last)) chain.push(last);
  return chain;
}

/**
 * Whether a page that declares this language gets it: a language with a catalogue of its own
 * (or its base's), or one of Indonesia's. Any other falls through to the reader's languages.
 */
export function knownLanguage(tag: string): boolean {
  return indonesian(tag) || ownChain(tag).some((t) => catalogue(t));
}

/** The first catalogue of the chain that exists: what `I18nController.locale` reports. */
export function catalogueTag(chain: readonly string[]): string {
  return chain.find((t) => catalogue(t)) ?? 'en';
}

/** A message along the chain, by the key the code names (a short name in the built files). */
export function lookup(chain: readonly string[], key: string): unknown {
  for (const tag of chain) {
    const message = catalogue(tag)?.[key];
    if (message !== undefined) return message;
  }
  return (en as Messages)[key];
}

/** Called whenever a catalogue is registered (by any Kabar file on the page). */
export function onLocaleRegistered(listener: () => void): () => void {
  const { listeners } = registry();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Adds a language, or more messages to one already there (a later call wins per key). Keys are
 * those of the Indonesian catalogue; a partial catalogue reads the rest along its chain
 * (`jv` → Indonesian, `fr` → English). Every Kabar element on the page showing that language
 * renders again.
 *
 * ```js
 * registerLocale('jv', { 'commentForm.submit': 'Kintun Komentar' });
 * ```
 */
export function registerLocale(tag: string, messages: LocaleMessages): void {
  const name = normalizeTag(tag);
  if (!name) throw new TypeError('registerLocale: a language tag such as "jv" is required');
  const { catalogues, listeners } = registry();
  catalogues.set(name, { ...catalogues.get(name), ...messages });
  listeners.forEach((listener) => listener());
}
