/** Readers' markdown past the shared bounds is refused with a field error, the rule the widgets render by. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LIMITS, checkMarkdown, validateComment, validateStory } from '../../../src/core/rules/rules.js';
import { testServer, thread, validComment, validStory, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await testServer();
});
after(() => server.close());

const deepQuotes = `${'>'.repeat(2_000)} halo`;

test('the rule: nesting of quotes and lists, and the number of lines, are bounded', () => {
  assert.equal(checkMarkdown('Biasa saja.\n\n> kutipan\n> > balasan\n\n- satu\n  - dua'), undefined);
  assert.equal(checkMarkdown(`${'> '.repeat(LIMITS.markdownMaxDepth)}pas`), undefined);
  assert.equal(checkMarkdown(`${'> '.repeat(LIMITS.markdownMaxDepth + 1)}lewat`), 'too_complex');
  assert.equal(checkMarkdown(deepQuotes), 'too_complex');
  assert.equal(checkMarkdown(`${'- '.repeat(LIMITS.markdownMaxDepth + 1)}daftar`), 'too_complex');
  assert.equal(checkMarkdown(`${' '.repeat(2 * (LIMITS.markdownMaxDepth + 1))}- menjorok`), 'too_complex');
  assert.equal(checkMarkdown('a\n'.repeat(LIMITS.markdownMaxLines)), 'too_complex');
  assert.equal(checkMarkdown('['.repeat(LIMITS.markdownMaxMarkers)), undefined);
  assert.equal(checkMarkdown('['.repeat(LIMITS.markdownMaxMarkers + 1)), 'too_complex');
  assert.equal(checkMarkdown('**tebal** dan _miring_ dengan [tautan](https://contoh.id) serta `kode`.\n'.repeat(20)), undefined);
  assert.equal(validateComment({ authorName: 'A', authorEmail: 'a@b.id', body: deepQuotes }).body, 'too_complex');
  const story = { name: 'A', email: 'a@b.id', title: 'Judul cerita', consent: true };
  assert.equal(validateStory({ ...story, body: `Satu.\n\n${deepQuotes}` }).body, 'too_complex');
});

test('the server refuses a comment of thousands of nested quotes with a field error', async () => {
  const answer = await server.api('POST', thread('uji-markdown'), { json: validComment({ body: deepQuotes }) });
  assert.equal(answer.status, 422);
  assert.equal(answer.body.error.fields.body, 'too_complex');
});

test('the server refuses a story whose body nests too deeply', async () => {
  const body = `Paragraf pertama cerita warga.\n\n${'> '.repeat(LIMITS.markdownMaxDepth + 1)}terlalu dalam`;
  const answer = await server.api('POST', '/stories', { json: validStory({ body }) });
  assert.equal(answer.status, 422);
  assert.equal(answer.body.error.fields.body, 'too_complex');
});

/** The red-team comment: a 1,150-column GFM table in 5,000 characters, which a parser fills to 228,850 cells. */
function wideTable(): string {
  const columns = 1_150;
  const lines = [`|${'a|'.repeat(columns)}`, `|${'-|'.repeat(columns)}`];
  while (lines.join('\n').length + 3 <= LIMITS.commentMaxChars) lines.push('|b|');
  return lines.join('\n');
}

test('the rule: tables are bounded in columns and in cells as a parser fills them', () => {
  const table = (columns: number, rows: number) =>
    [`| ${'kolom | '.repeat(columns)}`, `|${' --- |'.repeat(columns)}`, ...Array.from({ length: rows }, () => '| isi |')].join('\n');
  assert.equal(checkMarkdown(`Harga cabai:\n\n${table(4, 10)}\n\nSekian.`), undefined);
  assert.equal(checkMarkdown(table(LIMITS.markdownMaxTableColumns, 1)), undefined);
  assert.equal(checkMarkdown(table(LIMITS.markdownMaxTableColumns + 1, 1)), 'too_complex');
  // Short rows still cost the header's width each: 10 columns by 40 rows is past the cells' bound.
  assert.equal(checkMarkdown(table(10, Math.ceil(LIMITS.markdownMaxTableCells / 10))), 'too_complex');
  // Tables without outer pipes, and inside a quote, count too.
  assert.equal(checkMarkdown(`${'a|'.repeat(30)}a\n${'-|'.repeat(30)}-`), 'too_complex');
  assert.equal(checkMarkdown(`> ${'|a'.repeat(30)}|\n> ${'|-'.repeat(30)}|`), 'too_complex');
  // A rule line or a dash in text is no table.
  assert.equal(checkMarkdown('Satu - dua | tiga\n\n---\n\n- butir | pipa'), undefined);
  const comment = wideTable();
  assert.ok(comment.length <= LIMITS.commentMaxChars && comment.length > 4_900);
  assert.equal(validateComment({ authorName: 'A', authorEmail: 'a@b.id', body: comment }).body, 'too_complex');
});

test('the server refuses the 1,150-column table comment with a field error', async () => {
  const answer = await server.api('POST', thread('uji-tabel'), { json: validComment({ body: wideTable() }) });
  assert.equal(answer.status, 422);
  assert.equal(answer.body.error.fields.body, 'too_complex');
});
