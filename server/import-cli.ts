/**
 * `npm run import -- wordpress|disqus|kabar <file>` and `npm run export [-- <file>]`,
 * on the database the server uses (DATABASE, or DATABASE_URL). An import run
 * twice adds nothing; a file it cannot read gets one sentence saying why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { importDisqus } from './imports/disqus.js';
import { exportSite, importKabar } from './imports/kabar.js';
import type { ImportSummary } from './imports/summary.js';
import { importWordPress } from './imports/wordpress.js';
import { ImportError } from './imports/xml.js';
import { openToolStore } from './store/open.js';
import type { Store } from './store/types.js';

const IMPORTERS: Record<string, (store: Store, text: string) => Promise<ImportSummary>> = {
  wordpress: importWordPress,
  disqus: importDisqus,
  kabar: importKabar,
};

const [mode, ...args] = process.argv.slice(2);
const exporting = mode === 'export';
const [kind, file] = exporting ? [undefined, args[0]] : args;
if (!exporting && (mode !== 'import' || !kind || !(kind in IMPORTERS) || !file || args.length > 2)) {
  console.error('usage: npm run import -- wordpress|disqus|kabar <file>   |   npm run export [-- <file>]');
  process.exit(2);
}

let text = '';
if (!exporting) {
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`kabar: ${file} cannot be read (${(error as { code?: string }).code ?? 'error'}).`);
    process.exit(1);
  }
}

const store: Store = await openToolStore();

try {
  if (exporting) {
    const json = `${JSON.stringify(await exportSite(store, process.env.KABAR_PUBLIC_URL ?? 'kabar'), null, 2)}\n`;
    if (file) {
      writeFileSync(file, json);
      console.error(`kabar: exported to ${file} (everything but the spam; copy the uploads folder for the photos).`);
    } else process.stdout.write(json);
  } else {
    const summary = await IMPORTERS[kind!](store, text);
    console.log(`kabar: imported ${summary.articles} articles and ${summary.comments} comments from ${file}${summary.skipped ? `; ${summary.skipped} left out (drafts, pages, spam, trash, deleted)` : ''}.`);
  }
} catch (error) {
  if (error instanceof ImportError) {
    console.error(`kabar: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  store.close();
}
