/**
 * `npm run build:wordpress`: the WordPress plugin as an installable zip, dist/kabar-wordpress.zip.
 * The plugin folder `kabar/` holds the PHP of wordpress/, the built kabar*.js files (in
 * assets/, built first when dist/ is stale) and the translations compiled from their .po files.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import gettextParser from 'gettext-parser';
import { ensureBuilt, root } from './build.mjs';
import { bundles } from './bundles.mjs';

export const pluginSource = join(root, 'wordpress');
export const pluginZip = join(root, 'dist', 'kabar-wordpress.zip');

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The plugin's files by their path inside the zip, from a fresh build of the widgets. */
export function pluginFiles() {
  const files = {};
  for (const path of filesUnder(pluginSource)) {
    const name = relative(pluginSource, path).split(sep).join('/');
    if (name.endsWith('.po')) {
      const mo = gettextParser.mo.compile(gettextParser.po.parse(readFileSync(path)));
      files[`kabar/${name.replace(/\.po$/, '.mo')}`] = new Uint8Array(mo);
    }
    files[`kabar/${name}`] = new Uint8Array(readFileSync(path));
  }
  for (const { file } of bundles) files[`kabar/assets/${file}`] = new Uint8Array(readFileSync(join(root, 'dist', file)));
  // Also a licence file beside the code, as WordPress.org asks.
  files['kabar/LICENSE'] = new Uint8Array(readFileSync(join(root, 'LICENSE')));
  return files;
}

export async function buildWordPress() {
  await ensureBuilt();
  const files = pluginFiles();
  const mtime = new Date(Math.max(...filesUnder(pluginSource).map((path) => statSync(path).mtimeMs)));
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { mtime }]])), { level: 9 });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(pluginZip, zip);
  return { path: pluginZip, bytes: zip.length, files: Object.keys(files) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { path, bytes, files } = await buildWordPress();
  console.log(`${relative(root, path)}: ${files.length} files, ${bytes} bytes`);
}
