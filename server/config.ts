/**
 * Configuration from the environment. Every setting has a default that works
 * on a laptop with nothing set: `npm start` needs no configuration.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LIMITS } from '../src/core/rules/rules.js';
import { parseTrustProxy, type TrustProxy } from './client-address.js';
import { assertPublicUrl, dataPaths, isLoopback, operationsFrom, type OperationsConfig } from './operations-config.js';
import { siteFrom, type SiteConfig } from './site-config.js';
import { ensureDirectory } from './startup.js';
import { notifyConfigFrom, type NotifyConfig } from './notify/config.js';
import { uploadsSettingFrom, type UploadsSetting } from './uploads/setting.js';

export interface Config extends OperationsConfig, SiteConfig {
  port: number;
  host: string;
  databasePath: string;
  /** `DATABASE_URL=postgres://…`: the site lives in PostgreSQL (shared by several servers) instead of the SQLite file. */
  databaseUrl?: string;
  dataDir: string;
  uploadsDir: string;
  /** Where photos are kept: the local folders (default) or an S3 bucket (`KABAR_UPLOADS_URL`). */
  uploads: UploadsSetting;
  adminToken: string;
  /** True when the token was generated (and saved) by this or an earlier start. */
  adminTokenGenerated: boolean;
  /** True when this very start generated it (the log then says where it was written). */
  adminTokenNew: boolean;
  /** The file a generated token is kept in. */
  adminTokenFile: string;
  /** `NODE_ENV=production`, or listening on an address other than loopback. */
  production: boolean;
  /**
   * Origins allowed to call the API from a browser besides the server's own. `'*'` only when set
   * explicitly; the default is none in production and local development servers otherwise.
   */
  allowedOrigins: string[];
  rateLimit: boolean;
  /** Which proxies in front are trusted for X-Forwarded-For/-Proto/-Host (see client-address.ts). */
  trustProxy: TrustProxy;
  /** Open connections at once, in all and from one address (a trusted proxy is not capped per address). */
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** Sends faster than this after their form showed wait for review marked (held as spam when instant). */
  minFillMs: number;
  /** Days a send held by a bot signal waits in the spam list before it is deleted (0: never deleted). */
  spamRetentionDays: number;
  /** The least paragraphs a story needs; a form's `min-paragraphs` should not ask for fewer. */
  minParagraphs: number;
  maxPhotoBytes: number;
  /** Origin used in absolute URLs (article `url`, image `src`); default: see `requestOrigin`. */
  publicUrl?: string;
  /** E-mail and webhooks (server/notify/config.ts). */
  notify: NotifyConfig;
}

export const DEFAULT_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

/** A token shorter than this can be guessed by a patient client. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

/** A setting that cannot work; its message is one sentence saying what to do. */
export class ConfigError extends Error {}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number, got "${value}".`);
  return n;
}

/**
 * KABAR_ADMIN_TOKEN when set; otherwise a token generated once and kept in the
 * data directory, so a restart keeps the editors' token.
 */
function adminTokenFrom(env: NodeJS.ProcessEnv, file: string): { token: string; generated: boolean; fresh: boolean } {
  if (env.KABAR_ADMIN_TOKEN) {
    if (env.KABAR_ADMIN_TOKEN.length < MIN_ADMIN_TOKEN_LENGTH) {
      throw new ConfigError(
        `KABAR_ADMIN_TOKEN is too short to be safe (under ${MIN_ADMIN_TOKEN_LENGTH} characters): use a random one, e.g. \`openssl rand -base64 32\`, or unset it to have one generated.`,
      );
    }
    return { token: env.KABAR_ADMIN_TOKEN, generated: false, fresh: false };
  }
  const dataDir = dirname(file);
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved) return { token: saved, generated: true, fresh: false };
  }
  const token = randomBytes(24).toString('base64url');
  try {
    ensureDirectory(dataDir);
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
  } catch (error) {
    throw new ConfigError(
      `The data directory ${dataDir} cannot be created or written (${(error as { code?: string }).code ?? 'error'}), so the admin token cannot be kept in it: create it writable by the user running Kabar, point DATABASE elsewhere, or set KABAR_ADMIN_TOKEN.`,
    );
  }
  return { token, generated: true, fresh: true };
}

/** Runs a settings reader; what it refuses becomes a ConfigError (one sentence, no stack). */
function asConfigError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    const message = (error as Error).message;
    throw new ConfigError(/[.!?]$/.test(message) ? message : `${message}.`);
  }
}

const trustFrom = (value: string | undefined): TrustProxy => asConfigError(() => parseTrustProxy(value));

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const { databasePath, dataDir, uploadsDir } = dataPaths(env, cwd);
  const adminTokenFile = join(dataDir, 'admin-token');
  const { token, generated, fresh } = adminTokenFrom(env, adminTokenFile);
  const host = env.HOST || '127.0.0.1';
  const production = env.NODE_ENV === 'production' || !isLoopback(host);
  const origins = (env.KABAR_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
  const config: Config = {
    port: intFrom(env.PORT, 8787, 'PORT'),
    host,
    databasePath,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    uploadsDir,
    uploads: asConfigError(() => uploadsSettingFrom(env, { uploadsDir, dataDir })),
    adminToken: token,
    adminTokenGenerated: generated,
    adminTokenNew: fresh,
    adminTokenFile,
    production,
    allowedOrigins: origins.length ? origins : production ? [] : DEFAULT_ORIGINS,
    rateLimit: !/^(off|false|0|no)$/i.test(env.KABAR_RATE_LIMIT ?? 'on'),
    trustProxy: trustFrom(env.KABAR_TRUST_PROXY),
    maxConnections: intFrom(env.KABAR_MAX_CONNECTIONS, 2_000, 'KABAR_MAX_CONNECTIONS'),
    maxConnectionsPerAddress: intFrom(env.KABAR_MAX_CONNECTIONS_PER_ADDRESS, 128, 'KABAR_MAX_CONNECTIONS_PER_ADDRESS'),
    minFillMs: intFrom(env.KABAR_MIN_FILL_MS, LIMITS.minFillMs, 'KABAR_MIN_FILL_MS'),
    spamRetentionDays: intFrom(env.KABAR_SPAM_RETENTION_DAYS, 30, 'KABAR_SPAM_RETENTION_DAYS'),
    minParagraphs: intFrom(env.KABAR_MIN_PARAGRAPHS, LIMITS.minParagraphs, 'KABAR_MIN_PARAGRAPHS'),
    maxPhotoBytes: intFrom(env.KABAR_MAX_PHOTO_BYTES, LIMITS.photoMaxBytes, 'KABAR_MAX_PHOTO_BYTES'),
    publicUrl: env.KABAR_PUBLIC_URL ? env.KABAR_PUBLIC_URL.replace(/\/$/, '') : undefined,
    ...asConfigError(() => operationsFrom(env)),
    ...asConfigError(() => siteFrom(env, production)),
    notify: asConfigError(() => notifyConfigFrom(env)),
  };
  asConfigError(() => assertPublicUrl(config));
  return config;
}
