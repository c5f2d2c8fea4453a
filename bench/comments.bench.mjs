/**
 * Comment benchmark: a page of 20 comments of hostile markdown against 20
 * ordinary comments of the same length, rendered with the shared comment
 * template in the same Chromium page, median of many rounds. Prints both times
 * and their ratio; the target for the hostile page is under 50 ms. No
 * assertion on timing: this informs, it does not gate.
 */
import { fileURLToPath } from 'node:url';
import { runInChromium } from './render.bench.mjs';

const entry = fileURLToPath(new URL('./browser/comments.ts', import.meta.url));

const result = await runInChromium(entry, 'KabarCommentBench', 'runCommentBench(30)');
const ms = (value) => `${value.toFixed(2)} ms`.padStart(10);
console.log(`comments: a page of ${result.comments} comments, median of ${result.rounds} rounds each, in Chromium`);
console.log(`  hostile markdown ${ms(result.hostileMs)}   ordinary markdown ${ms(result.ordinaryMs)}   ratio ${result.ratio.toFixed(2)} x   (target: hostile page under 50 ms)`);
