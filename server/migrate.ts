/**
 * `npm run migrate -- --from sqlite:<file> --to postgres://…`: copies a site
 * from its SQLite file into an empty PostgreSQL database, every table with
 * its ids, in one transaction; then counts the rows of each table on both
 * sides and exits non-zero when any differs. With `--uploads-from <dir>
 * --uploads-to <dir>` (once per folder: the public uploads and the private
 * `private-uploads` beside the database) it copies the photos too and counts
 * the files. With `--uploads-url s3://…` (what the servers will have in
 * `KABAR_UPLOADS_URL`) and `--public-photos <dir> --private-photos <dir>` (the
 * site's two photo folders) it copies the photos into that bucket instead, each
 * to the same place, public or private, and checks that every one arrived.
 * The SQLite file is only read; run it with the old server stopped,
 * or writes made meanwhile stay behind.
 */
import Database from 'better-sqlite3';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { escapeIdentifier } from 'pg';
import { duplicateKey } from '../src/core/rules/rules.js';
import { describeUrl, isPostgresUrl } from './store/open.js';
import { connect, IDENTITY_TABLES, migratePostgres, SITE_TABLES, type Sql } from './store/postgres.js';
import { MIGRATIONS } from './store/sqlite.js';
import { copyUploads, uploadsFrom, uploadsSettingFrom, type Uploads } from './uploads/index.js';

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 500;

/** Columns PostgreSQL keeps beside SQLite's, computed from the row as the store computes them. */
const DERIVED: Partial<Record<string, (row: Record<string, unknown>) => Record<string, unknown>>> = {
  stories: (row) => ({ title_key: duplicateKey(String(row.title)) }),
  comments: (row) => ({ body_key: duplicateKey(String(row.body)) }),
};

class MigrateError extends Error {}

interface TableCount {
  table: string;
  from: number;
  to: number;
}

interface MigrateSummary {
  tables: TableCount[];
  uploads: Array<{ from: string; to: string; files: number; copied: number }>;
  ok: boolean;
}

/** The files below `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

async function counts(sql: Sql): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const table of SITE_TABLES) {
    const [row] = await sql.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
    found.set(table, row.n);
  }
  return found;
}

async function migrateSite(options: { from: string; to: string; uploads?: Array<{ from: string; to: string }> }): Promise<MigrateSummary> {
  const file = options.from.replace(/^sqlite:/, '');
  if (!existsSync(file)) throw new MigrateError(`There is no SQLite database at ${file}.`);
  if (!isPostgresUrl(options.to)) throw new MigrateError('--to must be a postgres:// URL.');
  const source = new Database(file, { readonly: true, fileMustExist: true });
  const sql = connect(options.to, { max: 1 });
  try {
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version !== MIGRATIONS.length) {
      throw new MigrateError(`${file} is at schema version ${version}, this Kabar at ${MIGRATIONS.length}: start this Kabar once on it (npm start) to bring it up to date, then migrate.`);
    }
    await migratePostgres(sql);
    const before = await counts(sql);
    const busy = [...before].filter(([, n]) => n > 0).map(([table]) => table);
    if (busy.length) throw new MigrateError(`${describeUrl(options.to)} already holds a site (rows in ${busy.join(', ')}): migrate into an empty database.`);

    const sourceCounts = new Map<string, number>();
    await sql.begin(async (tx) => {
      for (const table of SITE_TABLES) {
        // In id order (rowid for tables without one): a reply always comes after the comment it answers.
        const rows = source.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Array<Record<string, unknown>>;
        sourceCounts.set(table, rows.length);
        const derive = DERIVED[table];
        for (let at = 0; at < rows.length; at += BATCH) {
          const batch = rows.slice(at, at + BATCH).map((row) => (derive ? { ...row, ...derive(row) } : row));
          const columns = Object.keys(batch[0]);
          const values = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
          await tx.query(
            `INSERT INTO ${table} (${columns.map(escapeIdentifier).join(', ')}) VALUES ${values.join(', ')}`,
            batch.flatMap((row) => columns.map((column) => row[column] ?? null)),
          );
        }
      }
      // New rows continue after the copied ids.
      for (const table of IDENTITY_TABLES) {
        await tx.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM ${table}), false)`);
      }
      await tx.query('UPDATE data_version SET version = version + 1 WHERE id = 1');
    });

    const after = await counts(sql);
    const tables = SITE_TABLES.map((table) => ({ table, from: sourceCounts.get(table) ?? 0, to: after.get(table) ?? 0 }));
    const uploads = (options.uploads ?? []).map(({ from, to }) => {
      const files = filesUnder(from);
      if (existsSync(from)) cpSync(from, to, { recursive: true, force: false, errorOnExist: false, preserveTimestamps: true });
      // What arrived of the source's files: others already in the folder neither hide a missing one nor count.
      return { from, to, files: files.length, copied: files.filter((file) => existsSync(join(to, file))).length };
    });
    const ok = tables.every((t) => t.from === t.to) && uploads.every((u) => u.files === u.copied);
    return { tables, uploads, ok };
  } finally {
    source.close();
    await sql.end();
  }
}

/** Copies a site's two local photo folders into `target` and counts, per place, the source's files that arrived. */
async function copyPhotos(publicDir: string, privateDir: string, target: Uploads): Promise<MigrateSummary['uploads']> {
  const source = uploadsFrom({ kind: 'local', publicDir, privateDir });
  await copyUploads(source, target);
  const copied: MigrateSummary['uploads'] = [];
  for (const [where, dir] of [['public', publicDir], ['private', privateDir]] as const) {
    const files = await source.list(where);
    const there = new Set(await target.list(where));
    copied.push({ from: dir, to: `${target.location} (${where})`, files: files.length, copied: files.filter((file) => there.has(file)).length });
  }
  return copied;
}

const USAGE =
  'usage: npm run migrate -- --from sqlite:<file> --to postgres://user:password@host/database [--uploads-from <dir> --uploads-to <dir>]…\n' +
  '       [--uploads-url s3://bucket[/prefix]?endpoint=… --public-photos <dir> --private-photos <dir>]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'uploads-from': { type: 'string', multiple: true },
        'uploads-to': { type: 'string', multiple: true },
        'uploads-url': { type: 'string' },
        'public-photos': { type: 'string' },
        'private-photos': { type: 'string' },
      },
    }));
  } catch (error) {
    console.error(`kabar: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const froms = values['uploads-from'] ?? [];
  const tos = values['uploads-to'] ?? [];
  const bucket = values['uploads-url'];
  const photoDirs = [values['public-photos'], values['private-photos']];
  // A bucket takes both photo folders, and the folders go with a bucket.
  const photosAsked = bucket !== undefined || photoDirs.some(Boolean);
  if (!values.from || !values.to || froms.length !== tos.length || (photosAsked && !(bucket && photoDirs.every(Boolean)))) {
    console.error(USAGE);
    return 2;
  }
  const [publicDir, privateDir] = photoDirs.map((dir) => (dir ? resolve(dir) : ''));
  let target: Uploads | undefined;
  try {
    // The bucket is read before anything is copied: an address that cannot work stops the run here.
    target = bucket ? uploadsFrom(uploadsSettingFrom({ ...process.env, KABAR_UPLOADS_URL: bucket }, { uploadsDir: publicDir, dataDir: dirname(privateDir) })) : undefined;
    // A bucket that does not answer, or refuses the key, is found out here too, not after the tables are copied.
    await target?.list('public');
  } catch (error) {
    console.error(`kabar: --uploads-url: ${(error as Error).message}`);
    return 2;
  }
  try {
    const summary = await migrateSite({ from: values.from, to: values.to, uploads: froms.map((from, i) => ({ from: resolve(from), to: resolve(tos[i]) })) });
    if (target) {
      summary.uploads.push(...(await copyPhotos(publicDir, privateDir, target)));
      summary.ok &&= summary.uploads.every((u) => u.files === u.copied);
    }
    for (const { table, from, to } of summary.tables) console.log(`${from === to ? 'ok  ' : 'DIFF'} ${table.padEnd(20)} ${String(from).padStart(8)} -> ${to}`);
    for (const { from, to, files, copied } of summary.uploads) console.log(`${files === copied ? 'ok  ' : 'DIFF'} ${from} -> ${to}: ${files} files -> ${copied}`);
    console.log(summary.ok ? `kabar: the site is copied to ${describeUrl(values.to)}; start the servers with DATABASE_URL set to it.` : 'kabar: the copy differs from the source (DIFF above): do not switch to it.');
    return summary.ok ? 0 : 1;
  } catch (error) {
    console.error(`kabar: ${error instanceof MigrateError ? error.message : `migration failed, nothing was kept: ${(error as Error).message}`}`);
    if (process.env.DEBUG) console.error(error);
    return 1;
  }
}

process.exitCode = await main();
