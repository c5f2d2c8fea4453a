/**
 * `npm run backup -- <file>` and `npm run restore -- <file>`, with the same
 * DATABASE and KABAR_UPLOADS as the server. A relative <file> is taken from
 * the folder npm was run in.
 */
import { resolve } from 'node:path';
import { backup, restore } from './backup.js';
import { dataPaths } from './operations-config.js';

const [command, file, ...rest] = process.argv.slice(2);
if ((command !== 'backup' && command !== 'restore') || !file || rest.length) {
  console.error('usage: npm run backup -- <file.tar[.gz]>   |   npm run restore -- <file.tar[.gz]>');
  process.exit(2);
}

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);
const paths = dataPaths(process.env);
const target = resolve(process.env.INIT_CWD ?? process.cwd(), file);

try {
  if (command === 'backup') {
    const done = await backup(paths, target);
    console.log(`kabar: backup written to ${done.file} (${size(done.bytes)}: database ${size(done.databaseBytes)}, ${done.uploads + done.heldPhotos} photos, ${done.heldPhotos} of them private)`);
    if (done.missingPhotos.length) {
      console.error(`kabar: ${done.missingPhotos.length} photos the database refers to were in neither photo folder, so not in the backup: ${done.missingPhotos.join(', ')}`);
    }
  } else {
    const done = await restore(paths, target);
    console.log(`kabar: restored the backup of ${done.createdAt} into ${paths.databasePath} (${done.uploads} photos)`);
    for (const aside of done.keptAside) console.log(`  kept what was there before: ${aside}`);
  }
} catch (error) {
  console.error(`kabar: ${command} failed: ${(error as Error).message}.`);
  process.exit(1);
}
