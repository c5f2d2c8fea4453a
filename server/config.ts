/**
 * Configuration from the environment. Every setting has a default that works
 * on a laptop with nothing set: `npm start` needs no configuration.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../src/core/rules.js';
import { assertPublicUrl, dataPaths, operationsFrom, type OperationsConfig } from './operations-config.js';

export interface Config extends OperationsConfig {
  port: number;
  host: string;
  databasePath: string;
  dataDir: string;
  uploadsDir: string;
  adminToken: string;
  /** True when the token was generated (and saved) by this or an earlier start. */
  adminTokenGenerated: boolean;
  /** True when this very start generated it: the one time it is printed. */
  adminTokenNew: boolean;
  /**
   * Origins allowed to call the API from a browser. `'*'` only when set explicitly;
   * the default allows the server's own origin and local development servers.
   */
  allowedOrigins: string[];
  rateLimit: boolean;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For for rate limits. */
  trustProxy: boolean;
  /** Sends faster than this after the form opened are dropped silently as bots. */
  minFillMs: number;
  /** The least paragraphs a story needs; a form's `min-paragraphs` should not ask for fewer. */
  minParagraphs: number;
  maxPhotoBytes: number;
  /** Origin used in absolute URLs (article `url`, image `src`); default: the request's own origin. */
  publicUrl?: string;
}

export const DEFAULT_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

/**
 * KABAR_ADMIN_TOKEN when set; otherwise a token generated once and kept in the
 * data directory, so a restart keeps the editors' token.
 */
function adminTokenFrom(env: NodeJS.ProcessEnv, dataDir: string): { token: string; generated: boolean; fresh: boolean } {
  if (env.KABAR_ADMIN_TOKEN) return { token: env.KABAR_ADMIN_TOKEN, generated: false, fresh: false };
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved) return { token: saved, generated: true, fresh: false };
  }
  const token = randomBytes(24).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, generated: true, fresh: true };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const { databasePath, dataDir, uploadsDir } = dataPaths(env, cwd);
  const { token, generated, fresh } = adminTokenFrom(env, dataDir);
  const origins = (env.KABAR_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
  const config: Config = {
    port: intFrom(env.PORT, 8787, 'PORT'),
    host: env.HOST || '127.0.0.1',
    databasePath,
    dataDir,
    uploadsDir,
    adminToken: token,
    adminTokenGenerated: generated,
    adminTokenNew: fresh,
    allowedOrigins: origins.length ? origins : DEFAULT_ORIGINS,
    rateLimit: !/^(off|false|0|no)$/i.test(env.KABAR_RATE_LIMIT ?? 'on'),
    trustProxy: /^(on|true|1|yes)$/i.test(env.KABAR_TRUST_PROXY ?? ''),
    minFillMs: intFrom(env.KABAR_MIN_FILL_MS, LIMITS.minFillMs, 'KABAR_MIN_FILL_MS'),
    minParagraphs: intFrom(env.KABAR_MIN_PARAGRAPHS, LIMITS.minParagraphs, 'KABAR_MIN_PARAGRAPHS'),
    maxPhotoBytes: intFrom(env.KABAR_MAX_PHOTO_BYTES, LIMITS.photoMaxBytes, 'KABAR_MAX_PHOTO_BYTES'),
    publicUrl: env.KABAR_PUBLIC_URL ? env.KABAR_PUBLIC_URL.replace(/\/$/, '') : undefined,
    ...operationsFrom(env),
  };
  assertPublicUrl(config);
  return config;
}
