import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Catalogue, MessageKey } from './id.js';
import { catalogueTag, knownLanguage, localeChain, lookup, onLocaleRegistered } from './locales.js';

/** A language tag: `id` and `en` are built in, `registerLocale` adds others. */
export type Locale = string;

/**
 * The catalogue a tag reads first, if the page has it or the language is one of Indonesia's
 * (`id-ID` and the legacy `in` → `id`, `jv` → `id` until Javanese is registered).
 */
export function supportedLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag || !knownLanguage(tag)) return undefined;
  return catalogueTag(localeChain(tag));
}

/** The closest declared `lang`, walking out of shadow roots into their hosts. */
function closestLang(element: Element): string | undefined {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      const value = node.getAttribute('lang')?.trim();
      if (value) return value;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return undefined;
}

/**
 * The language an element speaks, as a tag: the element's own `lang`, the closest `[lang]`
 * ancestor (across shadow roots), `<html lang>`, the reader's languages, then English. A declared
 * language that is neither registered nor one of Indonesia's falls through to the reader's.
 */
function requestedTag(element: Element): string {
  const declared = closestLang(element) ?? document.documentElement.getAttribute('lang') ?? undefined;
  const reader = typeof navigator !== 'undefined' ? [...(navigator.languages ?? []), navigator.language] : [];
  return [declared, ...reader].find((tag): tag is string => !!tag && knownLanguage(tag)) ?? 'en';
}

/** The catalogue an element reads first (`id`, `en` or a registered one). */
export function resolveLocale(element: Element): Locale {
  return catalogueTag(localeChain(requestedTag(element)));
}

type Args<K extends MessageKey> = Catalogue[K] extends (...args: infer A) => string ? A : [];

const hosts = new Set<I18nController>();
let observer: MutationObserver | undefined;
let stopListening: (() => void) | undefined;

/** One observer for the whole page: a change of any `lang` attribute re-renders every Kabar element. */
function watchLang(controller: I18nController, on: boolean): void {
  if (on) hosts.add(controller);
  else hosts.delete(controller);
  if (hosts.size && !observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(() => hosts.forEach((c) => c.refresh()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    // A newly registered catalogue may hold messages of a language an element already shows.
    stopListening = onLocaleRegistered(() => hosts.forEach((c) => c.refresh(true)));
  } else if (!hosts.size && observer) {
    observer.disconnect();
    observer = undefined;
    stopListening?.();
  }
}

/*
 * Intl formatters are costly to build and a page of cards formats dozens of
 * dates, so each (kind, locale, options) builds one and keeps it.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}
/** The tags `Intl` should try, in order; it takes the first it knows. */
function intlLocales(locale: Locale | readonly string[]): string[] {
  const tags = typeof locale === 'string' ? localeChain(locale) : locale;
  return tags.filter((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length > 0;
    } catch {
      return false;
    }
  });
}
const dateFormat = (locale: Locale | readonly string[], options: Intl.DateTimeFormatOptions) =>
  cached(`date ${String(locale)} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(intlLocales(locale), options));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/**
 * A per-element language controller: resolves the locale from the DOM,
 * re-renders its host when a `lang` changes, translates keys and formats
 * dates and numbers through `Intl`.
 */
export class I18nController implements ReactiveController {
  /** The catalogue read first: `id`, `en` or a registered language. */
  locale: Locale = 'en';
  /** The catalogues messages are looked up in, in order (`jv`, `id`). */
  private chain: string[] = ['en'];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.resolve();
    watchLang(this, true);
  }

  hostDisconnected(): void {
    watchLang(this, false);
  }

  hostUpdate(): void {
    this.resolve();
  }

  /** Reads the language from the DOM; true when it changed. */
  private resolve(): boolean {
    const chain = localeChain(requestedTag(this.host));
    const changed = chain.join() !== this.chain.join();
    this.chain = chain;
    this.locale = catalogueTag(chain);
    return changed;
  }

  /** Re-resolves the language and re-renders when it changed, or always with `force`. */
  refresh(force = false): void {
    if (this.resolve() || force) this.host.requestUpdate();
  }

  t<K extends MessageKey>(key: K, ...args: Args<K>): string {
    const message = lookup(this.chain, key) as string | ((...a: Args<K>) => string);
    return typeof message === 'function' ? message(...args) : message;
  }

  /** A translated field error for a rule code, falling back to a generic message for unknown codes. */
  fieldError(code: string, values: { min?: number; mb?: number } = {}): string {
    const message = (lookup(this.chain, `field.${code}`) ?? this.t('field.invalid')) as string | ((p: { min: number; mb: number }) => string);
    return typeof message === 'function' ? message({ min: values.min ?? 2, mb: values.mb ?? 5 }) : message;
  }

  number(value: number): string {
    return cached(`number ${this.chain.join()}`, () => new Intl.NumberFormat(intlLocales(this.chain))).format(value);
  }

  /** "2 jam yang lalu" within the last week, a calendar date after that. */
  relativeDate(iso: string, now: number = Date.now()): string {
    return formatRelativeDate(this.chain, iso, now);
  }

  /** A full date and time for `title` attributes and screen readers. */
  fullDate(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    return dateFormat(this.chain, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  }

  time(date: Date = new Date()): string {
    return dateFormat(this.chain, { hour: '2-digit', minute: '2-digit' }).format(date);
  }
}

/** `locale`: a tag (read with its chain, `jv` → `jv`, `id`) or the tags to try in order. */
export function formatRelativeDate(locale: Locale | readonly string[], iso: string, now: number = Date.now()): string {
  const date = new Date(iso);
  const time = date.getTime();
  if (Number.isNaN(time)) return '';
  const diff = time - now;
  const ago = Math.abs(diff);
  if (ago < WEEK) {
    const rtf = cached(`relative ${String(locale)}`, () => new Intl.RelativeTimeFormat(intlLocales(locale), { numeric: 'auto' }));
    if (ago < MINUTE) return rtf.format(0, 'second');
    if (ago < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute');
    if (ago < DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
    return rtf.format(Math.round(diff / DAY), 'day');
  }
  return dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}
