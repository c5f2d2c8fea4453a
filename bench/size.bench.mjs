/**
 * Size benchmark: the gzip -9 size of dist/kabar.js against the floor of
 * lit + marked + dompurify built in the same run (the same report every build
 * prints).
 */
import { ensureBuilt } from '../scripts/build.mjs';
import { reportSizes } from '../scripts/size.mjs';

await ensureBuilt();
await reportSizes();
