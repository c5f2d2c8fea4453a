/**
 * A write that is still under way (its transaction open while it waits on something) is never
 * seen by a read from outside it: the read shows the state before the write, or after its commit,
 * and nothing of a write that is then rolled back. SQLite shares its one connection between reads
 * and writes, so this is the store's doing there; PostgreSQL gives it by its isolation.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PostgresStore } from '../../../server/store/postgres.js';
import { SqliteStore } from '../../../server/store/sqlite.js';
import type { Store } from '../../../server/store/types.js';
import { freshDatabase } from './postgres-support.js';

const dir = mkdtempSync(join(tmpdir(), 'kabar-isolation-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const story = (title: string) => ({
  name: 'Rina',
  email: 'rina@contoh.id',
  title,
  body: 'Paragraf pertama.\n\nParagraf kedua.',
  receivedAt: Date.now(),
});

const pendingTitles = async (store: Store) =>
  (await store.queue({ status: 'pending', sort: 'oldest', page: 1, perPage: 50 })).stories.items.map((s) => s.title);

async function showsNoWriteInProgress(store: Store) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let wrote!: () => void;
  const written = new Promise<void>((resolve) => (wrote = resolve));
  // A send whose work inserts a story, waits (as for a file or a bucket), then fails: rolled back.
  const failed = store
    .once({ scope: 'POST /stories', key: 'k-1', requestHash: 'h-1' }, async (tx) => {
      await tx.createStory(story('Cerita yang gagal'));
      wrote();
      await held;
      throw new Error('the photo could not be stored');
    })
    .catch((error: Error) => error.message);
  await written;
  // Read while that story is inserted and not committed.
  const during = pendingTitles(store);
  setTimeout(release, 50);
  assert.deepEqual(await during, []);
  assert.equal(await failed, 'the photo could not be stored');
  // A write that commits is seen once it has.
  await store.once({ scope: 'POST /stories', key: 'k-2', requestHash: 'h-2' }, async (tx) => {
    await tx.createStory(story('Banjir di Kampung Melayu'));
    return { status: 201, body: {} };
  });
  assert.deepEqual(await pendingTitles(store), ['Banjir di Kampung Melayu']);
}

describe('a read beside a write under way', () => {
  it('on SQLite: the read waits for the write, and sees nothing of it once rolled back', async () => {
    const store = new SqliteStore(join(dir, 'kabar.db'));
    try {
      await showsNoWriteInProgress(store);
    } finally {
      store.close();
    }
  });

  it('on PostgreSQL: the read sees nothing of the write under way, nor once it is rolled back', async () => {
    const database = await freshDatabase();
    const store = await PostgresStore.open(database.url);
    try {
      await showsNoWriteInProgress(store);
    } finally {
      store.close();
      await database.drop();
    }
  });
});
