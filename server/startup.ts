/**
 * Starting up, or saying in one sentence why not: each way a database path can
 * be wrong (missing or read-only directory, read-only file, a file that is not
 * a database) gets what is wrong and what to do, a non-zero exit and no stack
 * trace unless DEBUG is set.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SqliteStore } from './store/sqlite.js';
import type { StoreOptions } from './store/rows.js';

/** A reason not to start, worded for the operator. */
export class StartupError extends Error {}

/**
 * Creates `dir` and its missing parents one by one. (`mkdirSync(…, { recursive: true })`
 * loops forever under some read-only trees such as /proc on Node 20.)
 */
export function ensureDirectory(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing) mkdirSync(path);
}

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
};

/** One sentence for a failure to prepare or open the database at `path`. */
export function databaseProblem(error: unknown, path: string): string {
  const code = codeOf(error);
  const dir = dirname(path);
  if (/^SQLITE_(NOTADB|CORRUPT)/.test(code)) {
    return `The file ${path} is not a Kabar database or is damaged: restore it from a backup, or point DATABASE at a new file.`;
  }
  if (/^SQLITE_READONLY/.test(code) || code === 'EROFS') {
    return `The database ${path} is read-only: make the file and its directory ${dir} writable by the user running Kabar, or point DATABASE at a writable place.`;
  }
  if (/^SQLITE_(CANTOPEN|PERM|IOERR)/.test(code) || ['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR'].includes(code)) {
    return `The database ${path} cannot be created or opened: make sure its directory ${dir} exists and is writable by the user running Kabar, or point DATABASE at a writable place.`;
  }
  if (/^SQLITE_BUSY/.test(code)) {
    return `The database ${path} stayed locked by another program: stop whatever holds it, then start Kabar again.`;
  }
  return `The database ${path} could not be opened (${code || (error as Error)?.message}): check the path in DATABASE.`;
}

/** Opens the store and proves it can write, or throws a StartupError saying what to do. */
export function openStore(path: string, options: StoreOptions = {}): SqliteStore {
  let store: SqliteStore | undefined;
  try {
    ensureDirectory(dirname(path));
    store = new SqliteStore(path, options);
    // A read-only file opens fine and fails at the first write: find out now, not on a reader's story.
    store.db.exec('BEGIN IMMEDIATE; CREATE TABLE kabar_write_check (x); ROLLBACK');
    return store;
  } catch (error) {
    store?.close();
    throw new StartupError(databaseProblem(error, path), { cause: error });
  }
}

/** Prints why the server cannot start (the stack only with DEBUG) and exits non-zero. */
export function exitWith(error: unknown): never {
  const known = error instanceof StartupError || error?.constructor?.name === 'ConfigError';
  const message = known ? (error as Error).message : `Kabar could not start: ${(error as Error)?.message ?? String(error)}`;
  console.error(`kabar: ${message}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(known ? 2 : 1);
}
