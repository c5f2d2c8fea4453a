/**
 * Photos in two local folders: the public uploads folder (`KABAR_UPLOADS`,
 * default `uploads/` beside the database) and `private-uploads/` beside the
 * database, outside every public path. A write is whole or absent (temporary
 * name, fsync, rename); publishing and withdrawing are renames from one folder
 * to the other.
 */
// The module object, not named imports: a test can make a write fail half-way through it.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { assertUploadName, UPLOAD_NAME, type Uploads, type Where } from './types.js';

/** Where photos of stories not yet published are kept: beside the database, outside every public path. */
export const heldPhotosDir = (dataDir: string): string => join(dataDir, 'private-uploads');

/** Makes a rename or removal in `dir` survive a power cut; some systems cannot sync a directory, which is harmless. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes a file so that it is either whole or absent: the bytes go to a
 * temporary name, are synced to disk, and only then renamed into place. On
 * any failure the temporary file is removed and the error is thrown.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  let fd: number | undefined;
  try {
    fd = fs.openSync(temporary, 'wx', 0o644);
    for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}

export class LocalUploads implements Uploads {
  private readonly dirs: Record<Where, string>;

  constructor({ publicDir, privateDir }: { publicDir: string; privateDir: string }) {
    this.dirs = { public: publicDir, private: privateDir };
  }

  get location(): string {
    return this.dirs.public;
  }

  private path(where: Where, file: string): string {
    return join(this.dirs[where], assertUploadName(file));
  }

  async put(where: Where, file: string, bytes: Uint8Array): Promise<void> {
    const path = this.path(where, file);
    fs.mkdirSync(this.dirs[where], { recursive: true });
    writeFileAtomic(path, bytes);
  }

  async has(where: Where, file: string): Promise<boolean> {
    return fs.existsSync(this.path(where, file));
  }

  async read(where: Where, file: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    try {
      return new Uint8Array(await fs.promises.readFile(this.path(where, file)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(where: Where): Promise<string[]> {
    const dir = this.dirs[where];
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => UPLOAD_NAME.test(name)) : [];
  }

  async publish(file: string): Promise<void> {
    this.move(file, 'private', 'public');
  }

  async withdraw(file: string): Promise<void> {
    this.move(file, 'public', 'private');
  }

  /** Moves a photo from one folder to the other; one not in `from` is left as it is. */
  private move(file: string, from: Where, to: Where): void {
    const source = this.path(from, file);
    if (!fs.existsSync(source)) return;
    fs.mkdirSync(this.dirs[to], { recursive: true });
    const target = this.path(to, file);
    try {
      fs.renameSync(source, target);
    } catch (error) {
      // Two file systems: copy whole, then remove the first copy.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      writeFileAtomic(target, fs.readFileSync(source));
      fs.rmSync(source, { force: true });
    }
    // Both folders: a withdrawn photo must not come back to the public one after a power cut.
    syncDirectory(this.dirs[to]);
    syncDirectory(this.dirs[from]);
  }

  async remove(file: string): Promise<void> {
    for (const where of ['private', 'public'] as const) fs.rmSync(this.path(where, file), { force: true });
  }

  publicUrl(): undefined {
    return undefined;
  }
}
