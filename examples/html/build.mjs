// No bundler: the page, its script and the package's single file for the feed, copied to dist/.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const kabar = dirname(createRequire(import.meta.url).resolve('kabar/package.json'));
mkdirSync('dist', { recursive: true });
for (const file of ['index.html', 'app.js']) copyFileSync(file, join('dist', file));
copyFileSync(join(kabar, 'dist', 'kabar-feed.js'), join('dist', 'kabar-feed.js'));
