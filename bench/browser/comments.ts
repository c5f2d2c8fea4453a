/**
 * In the browser: renders a page of 20 comments with the shared comment
 * template, once with hostile markdown (deep quotes and lists, long runs of
 * emphasis, brackets and backticks, all inside the length limit), once with
 * ordinary comments of the same length, and once with those ordinary comments
 * as the Kabar server sends them (`body_html`, rendered when written), and
 * reports the median of each.
 */
import { html, render } from 'lit';
import type { Comment } from '../../src/backends/types.js';
import type { I18nController } from '../../src/core/i18n/controller.js';
import { formatRelativeDate } from '../../src/core/i18n/controller.js';
import { id as catalogue } from '../../src/core/i18n/id.js';
import { markdownReady } from '../../src/core/markdown.js';
import { LIMITS } from '../../src/core/rules/rules.js';
import { renderComment } from '../../src/partials/comment.js';
import { ORDINARY } from './comment-texts.js';

const COMMENTS = 20;
const NOW = Date.now();
const MAX = LIMITS.commentMaxChars;

const fit = (text: string) => text.slice(0, MAX);

/** What a hostile reader can send within the length limit. */
const HOSTILE = [
  `${'>'.repeat(2_000)} kutipan`,
  `${'> '.repeat(2_000)}kutipan`,
  Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i % 40)}- butir ${i}`).join('\n'),
  '*a **b '.repeat(700),
  '['.repeat(MAX),
  '`'.repeat(MAX),
  '_'.repeat(MAX),
  '![x]('.repeat(900),
  '<'.repeat(MAX),
  '*'.repeat(MAX),
  // Just inside the bounds, so the parser does run.
  `${'> '.repeat(LIMITS.markdownMaxDepth)}kutipan\n`.repeat(100),
  '['.repeat(LIMITS.markdownMaxMarkers),
  '*a **b '.repeat(LIMITS.markdownMaxMarkers / 3),
  `${'_a '.repeat(LIMITS.markdownMaxMarkers)}`,
  // The 1,150-column table (refused by the rules, shown as text), and the largest table they let through.
  [`|${'a|'.repeat(1_150)}`, `|${'-|'.repeat(1_150)}`, ...Array<string>(200).fill('|b|')].join('\n'),
  [
    `|${'kolom|'.repeat(LIMITS.markdownMaxTableColumns)}`,
    `|${'-|'.repeat(LIMITS.markdownMaxTableColumns)}`,
    ...Array<string>(LIMITS.markdownMaxTableCells / LIMITS.markdownMaxTableColumns - 1).fill(`|${'isi|'.repeat(LIMITS.markdownMaxTableColumns)}`),
  ].join('\n'),
].map(fit);


const i18n = {
  t: (key: keyof typeof catalogue, params?: unknown) => {
    const message = catalogue[key] as string | ((p: unknown) => string);
    return typeof message === 'function' ? message(params) : message;
  },
  relativeDate: (iso: string) => formatRelativeDate('id', iso, NOW),
  fullDate: () => '',
} as unknown as I18nController;

function page(body: (index: number) => string): Comment[] {
  return Array.from({ length: COMMENTS }, (_, i) => ({
    id: `${i}`,
    thread: '/artikel/bench',
    parentId: null,
    author: { name: `Warga ${i}` },
    body: body(i),
    createdAt: new Date(NOW - i * 60_000).toISOString(),
    status: 'approved',
  }));
}

function time(comments: Comment[]): number {
  const container = document.createElement('div');
  document.body.append(container);
  const start = performance.now();
  render(html`${comments.map((comment) => renderComment(comment, { i18n }))}`, container);
  const elapsed = performance.now() - start;
  container.remove();
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** `serverHtml`: ORDINARY as the server renders it (server/render.ts), given by the bench. */
export async function runCommentBench(
  rounds: number,
  serverHtml: string,
): Promise<{ comments: number; rounds: number; hostileMs: number; ordinaryMs: number; renderedMs: number; ratio: number }> {
  // The parser is a lazy module: loaded before timing, as after a first Preview.
  await markdownReady();
  const hostile = page((i) => HOSTILE[i % HOSTILE.length]);
  const ordinary = page(() => ORDINARY);
  const rendered = ordinary.map((c) => ({ ...c, html: serverHtml }));
  const hostileTimes: number[] = [];
  const ordinaryTimes: number[] = [];
  const renderedTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Fresh objects each round: the template keeps what it rendered per object.
    hostileTimes.push(time(hostile.map((c) => ({ ...c }))));
    ordinaryTimes.push(time(ordinary.map((c) => ({ ...c }))));
    renderedTimes.push(time(rendered.map((c) => ({ ...c }))));
  }
  const hostileMs = median(hostileTimes);
  const ordinaryMs = median(ordinaryTimes);
  return { comments: COMMENTS, rounds, hostileMs, ordinaryMs, renderedMs: median(renderedTimes), ratio: hostileMs / ordinaryMs };
}

(globalThis as unknown as { runCommentBench: typeof runCommentBench }).runCommentBench = runCommentBench;
