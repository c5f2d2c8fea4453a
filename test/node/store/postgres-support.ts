/**
 * The PostgreSQL the Node test run started (scripts/node-tests.mjs hands its
 * URL over in `KABAR_TEST_POSTGRES_URL`): each caller gets a database of its
 * own, dropped afterwards, so test files never share rows. A migrated (and a
 * seeded) database is made once per run and copied for each test server
 * (`CREATE DATABASE … TEMPLATE`): a copy costs a fraction of migrating and seeding.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedIfEmpty } from '../../../server/seed.js';
import { connect, PostgresStore } from '../../../server/store/postgres.js';
import type { StoreOptions } from '../../../server/store/rows.js';
import { uploadsFrom } from '../../../server/uploads/index.js';

/** True in the run of the API suite against PostgreSQL. */
export const onPostgres = process.env.KABAR_TEST_STORE === 'postgres';

/** The server's URL; a test that needs it and finds none fails, never skips. */
export function postgresUrl(): string {
  const url = process.env.KABAR_TEST_POSTGRES_URL;
  if (!url) throw new Error('KABAR_TEST_POSTGRES_URL is not set: run the Node tests through `npm run test:node`, which starts PostgreSQL.');
  return url;
}

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

const urlOf = (name: string): string => {
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  return url.href;
};

/** Where the seeded template's photos are kept, beside the run's cluster. */
const templateFiles = (): string =>
  join(process.env.KABAR_TEST_POSTGRES_FILES ?? join(tmpdir(), `kabar-pg-${createHash('sha256').update(postgresUrl()).digest('hex').slice(0, 12)}`), 'seeded');

/**
 * The template a test database is copied from, made by the first test process
 * that asks (the others wait on an advisory lock): migrated, and seeded when asked.
 */
async function template(seeded: boolean): Promise<string> {
  const name = seeded ? 'kabar_template_seeded' : 'kabar_template_empty';
  const sql = connect(postgresUrl(), { max: 1 });
  try {
    await sql.query('SELECT pg_advisory_lock($1)', [seeded ? 71_001 : 71_000]);
    if (!(await sql.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).length) {
      await sql.query(`CREATE DATABASE ${name}`);
      const store = await PostgresStore.open(urlOf(name), { max: 2 });
      try {
        if (seeded) {
          const files = templateFiles();
          await seedIfEmpty(store, uploadsFrom({ kind: 'local', publicDir: join(files, 'uploads'), privateDir: join(files, 'private-uploads') }));
        }
      } finally {
        await store.end();
      }
    }
    return name;
  } finally {
    await sql.end();
  }
}

/**
 * A database on the test server, and a way to drop it: empty, migrated (`from: 'migrated'`),
 * or seeded (`from: 'seeded'`, with the seed's photos copied into `photos`).
 */
export async function freshDatabase(
  options: { from?: 'nothing' | 'migrated' | 'seeded'; photos?: { uploadsDir: string; heldDir: string } } = {},
): Promise<FreshDatabase> {
  const admin = postgresUrl();
  const from = options.from ?? 'nothing';
  const source = from === 'nothing' ? undefined : await template(from === 'seeded');
  const name = `kabar_${randomBytes(6).toString('hex')}`;
  const sql = connect(admin, { max: 1 });
  try {
    // Names of our own making (hex and fixed words): identifiers cannot be parameters.
    await sql.query(`CREATE DATABASE ${name}${source ? ` TEMPLATE ${source}` : ''}`);
  } finally {
    await sql.end();
  }
  if (from === 'seeded' && options.photos) {
    for (const [dir, into] of [
      ['uploads', options.photos.uploadsDir],
      ['private-uploads', options.photos.heldDir],
    ] as const) {
      mkdirSync(into, { recursive: true });
      cpSync(join(templateFiles(), dir), into, { recursive: true });
    }
  }
  return {
    url: urlOf(name),
    async drop() {
      const sql = connect(admin, { max: 1 });
      try {
        await sql.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    },
  };
}

/** A PostgresStore on a database of its own: migrated, and seeded (photos into `seed`) when `seed` is given. */
export async function freshPostgresStore(
  seed?: { uploadsDir: string; heldDir: string },
  options: StoreOptions = {},
): Promise<{ store: PostgresStore; url: string; drop(): Promise<void> }> {
  const database = await freshDatabase(seed ? { from: 'seeded', photos: seed } : { from: 'migrated' });
  const store = await PostgresStore.open(database.url, { ...options, max: 4 });
  return {
    store,
    url: database.url,
    async drop() {
      await store.end();
      await database.drop();
    },
  };
}
