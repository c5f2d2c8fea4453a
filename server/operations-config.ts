/**
 * The settings of running the server for real: the demo switch, the access
 * log, the time zone, the disk-space floor of /healthz, and the rule that a
 * server reachable from other machines must know its public address.
 */
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { TrustProxy } from './client-address.js';
import { timeZoneFrom } from './time.js';

export interface OperationsConfig {
  /** Demo content on an empty database, `/demo/*` and `/wp-replay/*`. */
  demo: boolean;
  /** One line per request on stdout. */
  accessLog: boolean;
  /** IANA name: offsets in answers, dates on the server's pages. */
  timeZone: string;
  /** /healthz fails when the data directory has less free space than this. */
  minFreeBytes: number;
}

export interface DataPaths {
  /** The SQLite file (`DATABASE`, default `data/kabar.db`). */
  databasePath: string;
  /** Where the database lives; the generated admin token is kept here too. */
  dataDir: string;
  /** The photos (`KABAR_UPLOADS`, default `uploads/` beside the database). */
  uploadsDir: string;
}

/** Where the data lives: one answer for the server, the backup and the restore. */
export function dataPaths(env: NodeJS.ProcessEnv, cwd = process.cwd()): DataPaths {
  const databasePath = resolve(cwd, env.DATABASE || 'data/kabar.db');
  const dataDir = dirname(databasePath);
  return { databasePath, dataDir, uploadsDir: resolve(cwd, env.KABAR_UPLOADS || join(dataDir, 'uploads')) };
}

const ON = /^(on|true|1|yes)$/i;
const OFF = /^(off|false|0|no)$/i;

export function switchFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (ON.test(value)) return true;
  if (OFF.test(value)) return false;
  throw new Error(`${name} must be on or off, got "${value}"`);
}

/**
 * The demo is on unless the environment says production: a clone's `npm start`
 * shows the demo, while a deployment that sets NODE_ENV=production (the systemd
 * unit and the Dockerfile do) never seeds demo articles into a newsroom's
 * database, even when KABAR_DEMO was forgotten. KABAR_DEMO wins either way.
 */
export function operationsFrom(env: NodeJS.ProcessEnv): OperationsConfig {
  const minFreeMb = env.KABAR_MIN_FREE_MB?.trim() || '100';
  if (!/^\d+$/.test(minFreeMb)) throw new Error(`KABAR_MIN_FREE_MB must be a whole number of megabytes, got "${minFreeMb}"`);
  return {
    demo: switchFrom(env, 'KABAR_DEMO', env.NODE_ENV !== 'production'),
    accessLog: switchFrom(env, 'KABAR_ACCESS_LOG', true),
    timeZone: timeZoneFrom(env.KABAR_TIMEZONE),
    minFreeBytes: Number(minFreeMb) * 1024 * 1024,
  };
}

/** `localhost`, 127.0.0.0/8 and ::1: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '::ffff:127.0.0.1';
}


/**
 * Refuses a start that would put the wrong origin in article and image URLs:
 * listening beyond loopback without trusted proxy headers, the request's own
 * origin is whatever address the socket was reached on (plain http behind a
 * TLS proxy), so the public address must be given.
 */
export function assertPublicUrl(config: { host: string; trustProxy: TrustProxy; publicUrl?: string }): void {
  if (config.publicUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(config.publicUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new Error(`KABAR_PUBLIC_URL must be an http or https address such as https://berita.contoh.id, got "${config.publicUrl}"`);
    }
    return;
  }
  if (isLoopback(config.host) || config.trustProxy.kind !== 'none') return;
  throw new Error(
    `KABAR_PUBLIC_URL must be set (e.g. KABAR_PUBLIC_URL=https://berita.contoh.id) when HOST=${config.host} is reachable from other machines and KABAR_TRUST_PROXY is off, or article and image links would carry the wrong address`,
  );
}
