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
