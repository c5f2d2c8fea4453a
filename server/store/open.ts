/**
 * The store a configuration names: PostgreSQL when `DATABASE_URL` is a
 * `postgres://` (or `postgresql://`) URL, otherwise the SQLite file at `DATABASE`.
 */
import { dataPaths } from '../operations-config.js';
import { exitWith, openStore, StartupError } from '../startup.js';
import { PostgresStore, unavailable } from './postgres.js';
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

/**
 * Opens a PostgreSQL store, waiting for a database that is away (not started yet, restarting,
 * unreachable) as long as it takes, with a line in the log at each try; a database that
 * answers and refuses (a wrong password, no such database) is an error at once.
 */
async function openWhenUp(url: string, options: StoreOptions, log: (line: string) => void): Promise<PostgresStore> {
  for (let attempt = 1; ; attempt++) {
    try {
      const store = await PostgresStore.open(url, options);
      if (attempt > 1) log(`kabar: PostgreSQL at ${describeUrl(url)} answers now; starting`);
      return store;
    } catch (error) {
      if (!unavailable(error)) throw error;
      const wait = Math.min(10, 2 ** (attempt - 1));
      const reason = (error as { message?: string }).message;
      log(`kabar: PostgreSQL at ${describeUrl(url)} is not answering (${reason}); trying again in ${wait} s (try ${attempt})`);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }
}

/**
 * Opens (and migrates) the configured store, or throws a StartupError saying what to do.
 * `waitForDatabase`: the server's start, which waits for a PostgreSQL that is away and logs each try there.
 */
export async function openConfiguredStore(
  config: { databasePath: string; databaseUrl?: string; spamRetentionDays?: number },
  { waitForDatabase }: { waitForDatabase?: (line: string) => void } = {},
): Promise<Store> {
  const url = config.databaseUrl;
  const options = storeOptionsOf(config);
  if (!url) return openStore(config.databasePath, options);
  if (!isPostgresUrl(url)) {
    throw new StartupError(`DATABASE_URL must start with postgres:// (for the SQLite file, set DATABASE instead and leave DATABASE_URL unset).`);
  }
  try {
    return waitForDatabase ? await openWhenUp(url, options, waitForDatabase) : await PostgresStore.open(url, options);
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
