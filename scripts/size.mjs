/**
 * The size report: gzip -9 of dist/kabar.js, of a floor bundle (lit + marked +
 * dompurify alone, minified the same way, built in this same run) and of our
 * own code, the difference, also as a ratio to the floor.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gzip = (code) => gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export async function floorBundle() {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry: join(root, 'bench/floor.ts'), formats: ['es'], fileName: () => 'floor.js' },
      rolldownOptions: { output: { minify: true, codeSplitting: false } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  return outputs.filter((o) => o.type === 'chunk').map((o) => o.code).join('\n');
}

export async function reportSizes() {
  const bundle = readFileSync(join(root, 'dist/kabar.js'));
  const floor = await floorBundle();
  const bundleGz = gzip(bundle);
  const floorGz = gzip(floor);
  const own = bundleGz - floorGz;
  const row = (label, gz, raw) =>
    `  ${label.padEnd(34)} ${String(gz).padStart(7)} B  ${kb(gz).padStart(8)}${raw === undefined ? '' : `  (${raw} B raw)`}`;
  const lines = [
    'size report (gzip -9):',
    row('dist/kabar.js', bundleGz, bundle.length),
    row('floor: lit + marked + dompurify', floorGz, Buffer.byteLength(floor)),
    `${row('own code (bundle - floor)', own)}  = ${(own / floorGz).toFixed(2)} x floor`,
  ];
  console.log(lines.join('\n'));
  return { bundleGz, floorGz, own };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await reportSizes();
}
