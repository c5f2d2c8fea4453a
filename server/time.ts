/**
 * The server's time zone (`KABAR_TIMEZONE`): the offset of every time in the
 * API's answers and the dates on the server's own pages ("14.30 WITA").
 *
 * Each app serves in its own zone: a middleware puts the zone of the request
 * in an AsyncLocalStorage, so the wire functions that format times need no
 * extra parameter and two apps in one process (tests) never mix zones.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

const requestZone = new AsyncLocalStorage<string>();

/** The zone of the request being answered; the default outside a request. */
export const currentTimeZone = (): string => requestZone.getStore() ?? DEFAULT_TIME_ZONE;

/** Runs the rest of the request in `zone`. */
export const inTimeZone =
  (zone: string): MiddlewareHandler =>
  (_c, next) =>
    requestZone.run(zone, next);

/**
 * The zone named by `KABAR_TIMEZONE`, in its canonical spelling; throws on
 * anything that is not an IANA name (`+07:00`, `WITA`, a typo).
 */
export function timeZoneFrom(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return DEFAULT_TIME_ZONE;
  const name = value.trim();
  const problem = `KABAR_TIMEZONE must be an IANA time zone name such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura, got "${value}"`;
  // Intl also takes fixed offsets ("+07:00") on some versions; a name is letters, slashes, _ - +.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) throw new Error(problem);
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new Error(problem);
  }
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const QUARTER_HOUR = 900_000;

/**
 * Minutes east of UTC in `zone` at `ms`. Zones change offset on quarter hours,
 * so the answer is remembered per zone and quarter hour: a page of articles
 * costs a few map look-ups, not one Intl call per time.
 */
export function offsetMinutes(ms: number, zone: string): number {
  const key = `${zone} ${Math.floor(ms / QUARTER_HOUR)}`;
  let minutes = offsets.get(key);
  if (minutes === undefined) {
    let format = offsetFormats.get(zone);
    if (!format) offsetFormats.set(zone, (format = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })));
    // "GMT+08:00", or "GMT" for UTC itself.
    const name = format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /([+-])(\d{2}):?(\d{2})?/.exec(name);
    minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, minutes);
  }
  return minutes;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** RFC 3339 to the second, with the offset of `zone` (by default the request's): `2026-12-01T17:21:10+07:00`. */
export function rfc3339(ms: number, zone = currentTimeZone()): string {
  const seconds = Math.floor(ms / 1000) * 1000;
  const minutes = offsetMinutes(seconds, zone);
  const local = new Date(seconds + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** Milliseconds at the local midnight that starts the day of `ms` in `zone`. */
export function startOfDay(ms: number, zone = currentTimeZone()): number {
  const shift = offsetMinutes(ms, zone) * 60_000;
  return ms - ((((ms + shift) % 86_400_000) + 86_400_000) % 86_400_000);
}

const pageFormats = new Map<string, { date: Intl.DateTimeFormat; zone: Intl.DateTimeFormat }>();

/**
 * A date and time for a reader of the server's pages, in Bahasa Indonesia with
 * the zone's own abbreviation: "1 Desember 2026 pukul 17.21 WITA". Zones
 * without one in the locale get their offset ("GMT+1").
 */
export function pageDate(ms: number, zone = currentTimeZone()): string {
  let formats = pageFormats.get(zone);
  if (!formats) {
    formats = {
      date: new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: zone }),
      zone: new Intl.DateTimeFormat('id-ID', { timeZone: zone, timeZoneName: 'short' }),
    };
    pageFormats.set(zone, formats);
  }
  const name = formats.zone.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value;
  return name ? `${formats.date.format(ms)} ${name}` : formats.date.format(ms);
}
