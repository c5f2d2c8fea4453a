/**
 * Backups of a running server and restores into a stopped one.
 *
 * A backup is one tar file (gzipped when its name ends in `.gz` or `.tgz`):
 *
 *   backup.json   what this is, when it was taken, the schema version
 *   kabar.db      a consistent copy made with SQLite's online backup API
 *   uploads/      the published photos
 *   private-uploads/  the photos of stories still waiting for an editor
 *   admin-token   the generated editors' token, when there is one
 *
 * Copying the database file by hand while the server runs misses what is
 * still in its write-ahead log; the backup API reads one consistent snapshot
 * instead. The photos are exactly those the snapshot refers to, linked at the
 * same consistency point (see `snapshot`), each in the folder the snapshot
 * says: an editor approving or rejecting meanwhile cannot make one go missing.
 */
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as tar from 'tar';
import { heldPhotosDir } from './uploads/local.js';
import type { DataPaths } from './operations-config.js';

const FORMAT = 'kabar-backup';
const VERSION = 1;
const DB_NAME = 'kabar.db';
const UPLOADS = 'uploads';
const HELD = 'private-uploads';
/** The photo folders a backup holds, by their name in the archive. */
const photoFolders = (paths: DataPaths): [string, string][] => [
  [UPLOADS, paths.uploadsDir],
  [HELD, heldPhotosDir(paths.dataDir)],
];
const TOKEN = 'admin-token';
const MANIFEST = 'backup.json';

interface Manifest {
  format: typeof FORMAT;
  version: number;
  created_at: string;
  schema_version: number;
  uploads: number;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  databaseBytes: number;
  /** Published photos in the backup. */
  uploads: number;
  /** Photos in it that only editors see (stories waiting, unpublished articles). */
  heldPhotos: number;
  /** Photos the database refers to that were in neither folder (a damaged site): the backup has all others. */
  missingPhotos: string[];
}

export interface RestoreSummary {
  createdAt: string;
  uploads: number;
  /** What was in the data directory before, moved aside rather than deleted. */
  keptAside: string[];
}

/** Restore refused because a server (or anything else) has the database open. */
export class DatabaseInUseError extends Error {
  constructor(path: string) {
    super(`${path} is in use, most likely by a running Kabar server: stop it first (e.g. systemctl stop kabar), then restore`);
    this.name = 'DatabaseInUseError';
  }
}

const gzipped = (file: string): boolean => /\.(tgz|gz)$/i.test(file);

function integrityProblem(path: string): string | undefined {
  const db = new Database(path, { fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    return result === 'ok' ? undefined : String(result);
  } finally {
    db.close();
  }
}

/** The files of a directory tree, counted (photos are flat today; a tree costs nothing more). */
function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((n, entry) => n + (entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1), 0);
}

/**
 * Copies the live database with SQLite's backup API, then packs it with the
 * photos into `file`. Safe while the server runs and writes.
 */
export async function backup(paths: DataPaths, file: string): Promise<BackupSummary> {
  if (!existsSync(paths.databasePath)) throw new Error(`there is no database at ${paths.databasePath} (set DATABASE to the server's)`);
  mkdirSync(dirname(file), { recursive: true });
  const staging = mkdtempSync(join(dirname(file), '.kabar-backup-'));
  try {
    const copy = join(staging, DB_NAME);
    const photos = await snapshot(paths, copy, staging);
    // One self-contained file in the archive, checked before anyone relies on it.
    const db = new Database(copy, { fileMustExist: true });
    let schemaVersion: number;
    try {
      db.pragma('journal_mode = DELETE');
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
    const problem = integrityProblem(copy);
    if (problem) throw new Error(`the copy of the database failed its integrity check: ${problem}`);

    const entries = [MANIFEST, DB_NAME, UPLOADS, HELD];
    const token = join(paths.dataDir, TOKEN);
    if (existsSync(token)) {
      writeFileSync(join(staging, TOKEN), readFileSync(token), { mode: 0o600 });
      entries.push(TOKEN);
    }
    const manifest: Manifest = { format: FORMAT, version: VERSION, created_at: new Date().toISOString(), schema_version: schemaVersion, uploads: photos.public };
    writeFileSync(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);

    // Written beside the target and renamed: a backup file is either whole or absent.
    const partial = join(staging, `${basename(file)}.partial`);
    await tar.create({ file: partial, cwd: staging, gzip: gzipped(file), portable: true }, entries);
    // It holds e-mail addresses and perhaps the admin token: readable by its owner only.
    chmodSync(partial, 0o600);
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, databaseBytes: statSync(copy).size, uploads: photos.public, heldPhotos: photos.held, missingPhotos: photos.missing };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Every photo a site's records refer to, and whether it is public (its article is published). */
const REFERENCED_PHOTOS = `
  SELECT m.file AS file, EXISTS (SELECT 1 FROM articles a WHERE a.image_file = m.file AND a.unpublished_at IS NULL) AS public
  FROM media m
  WHERE EXISTS (SELECT 1 FROM stories s WHERE s.photo_file = m.file) OR EXISTS (SELECT 1 FROM articles a WHERE a.image_file = m.file)`;

/**
 * One consistency point for the database and its photos: while a write transaction keeps
 * every writer waiting, the database is copied (SQLite's backup API, from a second
 * connection: a reader, which the held write lock does not block) and each photo the copy
 * refers to is hard-linked (copied across file systems) into `staging`, into the folder the
 * copy says it belongs in. Approvals and rejections committed before that point may still be
 * moving or deleting their photos: a photo is looked for in both folders, and one that a
 * later rejection deletes is already linked. Writers wait for the copy and the links, not
 * for the packing.
 */
async function snapshot(paths: DataPaths, copy: string, staging: string): Promise<{ public: number; held: number; missing: string[] }> {
  const folders = { public: paths.uploadsDir, held: heldPhotosDir(paths.dataDir) };
  for (const name of [UPLOADS, HELD]) mkdirSync(join(staging, name));
  const lock = new Database(paths.databasePath, { fileMustExist: true, timeout: 10_000 });
  const source = new Database(paths.databasePath, { fileMustExist: true, timeout: 10_000 });
  try {
    lock.exec('BEGIN IMMEDIATE');
    try {
      // The first step copies 100 pages; the rest then goes in one step, inside one read snapshot.
      await source.backup(copy, { progress: () => Number.MAX_SAFE_INTEGER });
      const referenced = new Database(copy, { fileMustExist: true, readonly: true });
      let rows: Array<{ file: string; public: number }>;
      try {
        rows = referenced.prepare(REFERENCED_PHOTOS).all() as typeof rows;
      } finally {
        referenced.close();
      }
      const found = { public: 0, held: 0, missing: [] as string[] };
      for (const row of rows) {
        const into = join(staging, row.public ? UPLOADS : HELD, row.file);
        if (!linkPhoto(row.file, [folders.public, folders.held], into)) found.missing.push(row.file);
        else found[row.public ? 'public' : 'held']++;
      }
      return found;
    } finally {
      lock.exec('ROLLBACK');
    }
  } finally {
    source.close();
    lock.close();
  }
}

/**
 * Links `file` from whichever folder has it to `into`; a move between the two folders is a
 * rename, so a photo missed in one is looked for again in the other. False when it is in neither.
 */
function linkPhoto(file: string, folders: string[], into: string): boolean {
  for (let round = 0; round < 3; round++) {
    for (const dir of folders) {
      try {
        linkSync(join(dir, file), into);
        return true;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ENOENT') continue;
        if (code !== 'EXDEV' && code !== 'EPERM') throw error;
        try {
          copyFileSync(join(dir, file), into);
          return true;
        } catch (copyError) {
          if ((copyError as { code?: string }).code !== 'ENOENT') throw copyError;
        }
      }
    }
  }
  return false;
}

/**
 * Throws DatabaseInUseError when another connection has the database open.
 * In WAL mode every open connection holds a shared lock, even when idle, so an
 * exclusive lock is refused while a server runs on the file. On success the
 * file is checkpointed into one piece and closed.
 */
export function assertNotInUse(databasePath: string): void {
  if (!existsSync(databasePath)) return;
  const db = new Database(databasePath, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DatabaseInUseError(databasePath);
    throw error;
  } finally {
    db.close();
  }
}

/** Renames, or copies and removes when `to` is on another file system. */
function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true, preserveTimestamps: true });
    rmSync(from, { recursive: true, force: true });
  }
}

function readManifest(staging: string): Manifest {
  const path = join(staging, MANIFEST);
  const manifest = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>) : undefined;
  if (manifest?.format !== FORMAT || !existsSync(join(staging, DB_NAME))) throw new Error('this file is not a Kabar backup (no backup.json or no kabar.db in it)');
  if ((manifest.version ?? 0) > VERSION) throw new Error(`this backup was made by a newer Kabar (format ${manifest.version}); update Kabar first`);
  return manifest as Manifest;
}

/**
 * Puts a backup in place of the data directory's database, photos and token.
 * Refuses while the database is in use. What was there before is renamed
 * aside (`….before-restore-<time>`), never deleted.
 */
export async function restore(paths: DataPaths, file: string): Promise<RestoreSummary> {
  if (!existsSync(file)) throw new Error(`there is no backup file at ${file}`);
  mkdirSync(paths.dataDir, { recursive: true });
  const staging = mkdtempSync(join(paths.dataDir, '.kabar-restore-'));
  try {
    // Only plain files and folders under the names a backup uses; tar itself refuses `..` and absolute paths.
    await tar.extract({
      file,
      cwd: staging,
      strict: true,
      filter: (path, entry) => {
        const type = 'type' in entry ? entry.type : undefined;
        const name = path.replace(/^\.\//, '');
        const known = name === MANIFEST || name === DB_NAME || name === TOKEN || [UPLOADS, HELD].some((folder) => name === folder || name.startsWith(`${folder}/`));
        return known && (type === 'File' || type === 'Directory' || type === 'OldFile');
      },
    });
    const manifest = readManifest(staging);
    const problem = integrityProblem(join(staging, DB_NAME));
    if (problem) throw new Error(`the database in this backup failed its integrity check: ${problem}`);

    assertNotInUse(paths.databasePath);

    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const keptAside: string[] = [];
    const setAside = (path: string): void => {
      if (!existsSync(path)) return;
      const aside = `${path}.before-restore-${stamp}`;
      move(path, aside);
      keptAside.push(aside);
    };
    // The old database with whatever journal files it left (there should be none after the check).
    for (const suffix of ['', '-wal', '-shm']) setAside(`${paths.databasePath}${suffix}`);
    move(join(staging, DB_NAME), paths.databasePath);
    for (const [name, dir] of photoFolders(paths)) {
      setAside(dir);
      if (existsSync(join(staging, name))) move(join(staging, name), dir);
      else mkdirSync(dir, { recursive: true });
    }
    if (existsSync(join(staging, TOKEN))) {
      setAside(join(paths.dataDir, TOKEN));
      move(join(staging, TOKEN), join(paths.dataDir, TOKEN));
    }
    return { createdAt: manifest.created_at, uploads: countFiles(paths.uploadsDir), keptAside };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
