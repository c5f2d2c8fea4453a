import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en } from './en.js';
import { id, type Catalogue, type MessageKey } from './id.js';

export type Locale = 'id' | 'en';

const catalogues: Record<Locale, Catalogue> = { id, en };

/** Maps a BCP 47 tag to a catalogue we have: `id`, `id-ID` and the legacy `in` are Indonesian. */
export function supportedLocale(tag: string | null | undefined): Locale | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'id' || primary === 'in') return 'id';
  if (primary === 'en') return 'en';
  return undefined;
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
 * The lookup chain of the design: the element's own `lang`, the closest
 * `[lang]` ancestor (across shadow roots), `<html lang>`, `navigator.language`,
 * then English. A declared language we have no catalogue for falls through to
 * the reader's browser language, then English.
 */
export function resolveLocale(element: Element): Locale {
  const declared = closestLang(element) ?? document.documentElement.getAttribute('lang') ?? undefined;
  return (
    supportedLocale(declared) ??
    (typeof navigator !== 'undefined' ? navigator.languages?.map(supportedLocale).find(Boolean) : undefined) ??
    supportedLocale(typeof navigator !== 'undefined' ? navigator.language : undefined) ??
    'en'
  );
}

type Args<K extends MessageKey> = Catalogue[K] extends (...args: infer A) => string ? A : [];

const hosts = new Set<I18nController>();
let observer: MutationObserver | undefined;

/** One observer for the whole page: a change of any `lang` attribute re-renders every Kabar element. */
function watchLang(controller: I18nController, on: boolean): void {
  if (on) hosts.add(controller);
  else hosts.delete(controller);
  if (hosts.size && !observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(() => hosts.forEach((c) => c.refresh()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  } else if (!hosts.size && observer) {
    observer.disconnect();
    observer = undefined;
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
const dateFormat = (locale: Locale, options: Intl.DateTimeFormatOptions) =>
  cached(`date ${locale} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

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
  locale: Locale = 'en';

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.locale = resolveLocale(this.host);
    watchLang(this, true);
  }

  hostDisconnected(): void {
    watchLang(this, false);
  }

  hostUpdate(): void {
    this.locale = resolveLocale(this.host);
  }

  /** Re-resolves the locale and re-renders when it changed. */
  refresh(): void {
    const next = resolveLocale(this.host);
    if (next !== this.locale) {
      this.locale = next;
      this.host.requestUpdate();
    }
  }

  t<K extends MessageKey>(key: K, ...args: Args<K>): string {
    const message = catalogues[this.locale][key] as string | ((...a: Args<K>) => string);
    return typeof message === 'function' ? message(...args) : message;
  }

  /** A translated field error for a rule code, falling back to a generic message for unknown codes. */
  fieldError(code: string, values: { min?: number; mb?: number } = {}): string {
    const key = `field.${code}` as MessageKey;
    const catalogue = catalogues[this.locale];
    if (!(key in catalogue)) return catalogue['field.invalid'];
    const message = catalogue[key] as string | ((p: { min: number; mb: number }) => string);
    return typeof message === 'function' ? message({ min: values.min ?? 2, mb: values.mb ?? 5 }) : message;
  }

  number(value: number): string {
    return cached(`number ${this.locale}`, () => new Intl.NumberFormat(this.locale)).format(value);
  }

  /** "2 jam yang lalu" within the last week, a calendar date after that. */
  relativeDate(iso: string, now: number = Date.now()): string {
    return formatRelativeDate(this.locale, iso, now);
  }

  /** A full date and time for `title` attributes and screen readers. */
  fullDate(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    return dateFormat(this.locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  }

  time(date: Date = new Date()): string {
    return dateFormat(this.locale, { hour: '2-digit', minute: '2-digit' }).format(date);
  }
}

export function formatRelativeDate(locale: Locale, iso: string, now: number = Date.now()): string {
  const date = new Date(iso);
  const time = date.getTime();
  if (Number.isNaN(time)) return '';
  const diff = time - now;
  const ago = Math.abs(diff);
  if (ago < WEEK) {
    const rtf = cached(`relative ${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
    if (ago < MINUTE) return rtf.format(0, 'second');
    if (ago < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute');
    if (ago < DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
    return rtf.format(Math.round(diff / DAY), 'day');
  }
  return dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}
