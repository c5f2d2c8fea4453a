/**
 * Notices: e-mail to editors and to readers who asked, and webhooks. `createNotices` hooks the
 * planner into the store's transactions (so the outbox is written with each event) and makes the
 * worker that sends; `start` runs the worker (main.ts does, once the server listens).
 */
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import { SqlStore } from '../store/sql-store.js';
import type { Store } from '../store/types.js';
import { mailOn } from './config.js';
import { Planner } from './plan.js';
import { Worker } from './worker.js';

export interface Notices {
  planner: Planner;
  /** The store the notices' tables live in; absent for a store that is not SQL (then nothing is sent). */
  store?: SqlStore;
  worker?: Worker;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createNotices(store: Store, config: Config): Notices {
  const planner = new Planner(config.notify, config.adminToken, config.publicUrl ?? `http://localhost:${config.port}`);
  if (!(store instanceof SqlStore)) return { planner, start: async () => undefined, stop: async () => undefined };
  store.events = planner.plan;
  const worker = mailOn(config.notify) || config.notify.webhookUrls.length ? new Worker(store, planner, config.notify) : undefined;
  return {
    planner,
    store,
    worker,
    async start() {
      if (!worker) return;
      await releaseDeadLeases(store, worker.owner);
      worker.start();
    },
    async stop() {
      await worker?.stop();
    },
  };
}

/**
 * Rows claimed by an earlier process on this machine that is gone (killed, crashed) are free at
 * once instead of when their lease runs out. Another live server's claims are left alone.
 */
async function releaseDeadLeases(store: SqlStore, self: string): Promise<void> {
  const host = `${hostname()}:`;
  const owners = await store.own.reads().all<{ lease_owner: string }>('SELECT DISTINCT lease_owner FROM outbox WHERE lease_owner IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL');
  for (const { lease_owner: owner } of owners) {
    if (!owner.startsWith(host)) continue;
    const pid = Number(owner.slice(host.length).split(':')[0]);
    // Our own pid under another name is an earlier process of ours (a container's pid 1, restarted).
    if (owner === self || !Number.isInteger(pid) || (pid !== process.pid && alive(pid))) continue;
    await store.own.write((db) => db.run('UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND sent_at IS NULL', owner));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
