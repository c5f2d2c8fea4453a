/**
 * Comment benchmark: a page of 20 long comments as the Kabar server sends them
 * (`body_html`, rendered by server/render.ts when written, shown through the
 * sanitiser) against the same comments rendered from markdown in the browser,
 * and a page of hostile markdown, all with the shared comment template in the
 * same Chromium page, median of many rounds. Prints the times and ratios; the
 * targets are 25 ms for the page from body_html and 50 ms for the hostile
 * page. No assertion on timing: this informs, it does not gate.
 */
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { runInChromium } from './render.bench.mjs';

const entry = fileURLToPath(new URL('./browser/comments.ts', import.meta.url));

// The server's renderer is TypeScript: tsx loads it here, as it runs the server.
register();
const { renderMarkdownHtml } = await import('../server/render.ts');
const { ORDINARY } = await import('./browser/comment-texts.ts');

const result = await runInChromium(entry, 'KabarCommentBench', `runCommentBench(30, ${JSON.stringify(renderMarkdownHtml(ORDINARY))})`);
const ms = (value) => `${value.toFixed(2)} ms`.padStart(10);
console.log(`comments: a page of ${result.comments} comments, median of ${result.rounds} rounds each, in Chromium`);
console.log(
  `  from body_html ${ms(result.renderedMs)}   same markdown in the browser ${ms(result.ordinaryMs)}   ratio ${(result.renderedMs / result.ordinaryMs).toFixed(2)} x   (target: 25 ms from body_html)`,
);
console.log(`  hostile markdown ${ms(result.hostileMs)}   ordinary markdown ${ms(result.ordinaryMs)}   ratio ${result.ratio.toFixed(2)} x   (target: hostile page under 50 ms)`);
