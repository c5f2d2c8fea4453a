/**
 * The store a configuration names: PostgreSQL when `DATABASE_URL` is a
 * `postgres://` (or `postgresql://`) URL, otherwise the SQLite file at `DATABASE`.
 */
import { dataPaths } from '../operations-config.js';
import { exitWith, openStore, StartupError } from '../startup.js';
import { PostgresStore } from './postgres.js';
import type { StoreOptions } from './rows.js';
import type { Store } from './types.js';

/** The store's lifetimes from the settings: held spam waits `spamRetentionDays` (0 keeps it). */
export const storeOptionsOf = (config: { spamRetentionDays?: number }): StoreOptions =>
  config.spamRetentionDays === undefined ? {} : { spamTtlMs: config.spamRetentionDays === 0 ? Number.MAX_SAFE_INTEGER : config.spamRetentionDays * 86_400_000 };

export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(?:ql)?:\/\//i.test(url);

/** Where a URL points, without its password: for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the DATABASE_URL given';
  }
}

/** Opens (and migrates) the configured store, or throws a StartupError saying what to do. */
export async function openConfiguredStore(config: { databasePath: string; databaseUrl?: string; spamRetentionDays?: number }): Promise<Store> {
  const url = config.databaseUrl;
  const options = storeOptionsOf(config);
  if (!url) return openStore(config.databasePath, options);
  if (!isPostgresUrl(url)) {
    throw new StartupError(`DATABASE_URL must start with postgres:// (for the SQLite file, set DATABASE instead and leave DATABASE_URL unset).`);
  }
  try {
    return await PostgresStore.open(url, options);
  } catch (error) {
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new StartupError(`The PostgreSQL database ${describeUrl(url)} could not be opened (${reason}): check DATABASE_URL, that the server runs and that the user may create tables.`, {
      cause: error,
    });
  }
}

/** The store the environment names (`DATABASE`, `DATABASE_URL`), for the command-line tools: one that cannot be opened ends the process with its sentence. */
export async function openToolStore(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  try {
    return await openConfiguredStore({ ...dataPaths(env), databaseUrl: env.DATABASE_URL || undefined });
  } catch (error) {
    exitWith(error);
  }
}
