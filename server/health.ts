/**
 * `GET /healthz` for load balancers and monitors: 200 `{status: "ok", …}` when
 * the database answers and takes a write and the data directory has room,
 * otherwise 503 with what is wrong. Never cached; outside /api, so no rate
 * limit applies to it.
 */
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { Context } from 'hono';
import type { Config } from './config.js';
import { SqliteStore } from './store/sqlite.js';
import { StoreUnavailableError, type Store } from './store/types.js';
import { rfc3339 } from './time.js';

interface Check {
  status: 'ok' | 'fail';
  problem?: string;
}

const MB = 1024 * 1024;

/**
 * A real write, rolled back: rewriting the schema version inside a savepoint
 * takes SQLite's write lock and touches the file's header, so a read-only file,
 * directory or connection fails here, while nothing changes when it succeeds.
 */
export function probeSqlite(db: Database.Database): void {
  db.exec('SAVEPOINT kabar_healthz');
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    db.pragma(`user_version = ${Math.trunc(version)}`);
  } finally {
    db.exec('ROLLBACK TO kabar_healthz');
    db.exec('RELEASE kabar_healthz');
  }
}

async function databaseCheck(store: Store): Promise<Check> {
  try {
    // Another store answers a read; SQLite is asked for a write as well.
    if (store instanceof SqliteStore) probeSqlite(store.db);
    else await store.isEmpty();
    return { status: 'ok' };
  } catch (error) {
    // The store says only the driver's code, never a path: this answer is unauthenticated.
    if (error instanceof StoreUnavailableError) return { status: 'fail', problem: `the database is not answering (${error.message}); the server reconnects by itself` };
    const code = (error as { code?: unknown }).code;
    // The driver's code, never its message: paths stay out of an unauthenticated answer.
    return { status: 'fail', problem: `the database cannot be written (${typeof code === 'string' ? code : 'error'})` };
  }
}

/** Free bytes for unprivileged writers where `dir` is, or where it will be once created. */
async function freeBytes(dir: string): Promise<number> {
  try {
    const stats = await statfs(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch (error) {
    const parent = dirname(dir);
    if ((error as { code?: unknown }).code === 'ENOENT' && parent !== dir) return freeBytes(parent);
    throw error;
  }
}

async function diskCheck(dirs: string[], minFreeBytes: number): Promise<Check & { free_bytes?: number; min_free_bytes: number }> {
  try {
    const free = Math.min(...(await Promise.all(dirs.map(freeBytes))));
    if (free < minFreeBytes) {
      return {
        status: 'fail',
        problem: `only ${Math.floor(free / MB)} MB free for the data (at least ${Math.ceil(minFreeBytes / MB)} MB wanted)`,
        free_bytes: free,
        min_free_bytes: minFreeBytes,
      };
    }
    return { status: 'ok', free_bytes: free, min_free_bytes: minFreeBytes };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { status: 'fail', problem: `the data directory cannot be read (${typeof code === 'string' ? code : 'error'})`, min_free_bytes: minFreeBytes };
  }
}

export function healthz({ store, config }: { store: Store; config: Config }) {
  const dirs = [...new Set([config.dataDir, config.uploadsDir])];
  return async (c: Context): Promise<Response> => {
    const [database, disk] = await Promise.all([databaseCheck(store), diskCheck(dirs, config.minFreeBytes)]);
    const ok = database.status === 'ok' && disk.status === 'ok';
    c.header('Cache-Control', 'no-store');
    return c.json({ status: ok ? 'ok' : 'fail', checks: { database, disk }, time: rfc3339(Date.now()) }, ok ? 200 : 503);
  };
}
