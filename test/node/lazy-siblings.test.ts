/** Where a feature file finds the modules it loads on demand: beside itself, in the same version. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siblingUrl } from '../../src/core/lazy-bundled.js';

test('a feature file loads its lazy modules from beside itself, wherever it is served', () => {
  assert.equal(siblingUrl('kabar-markdown', 'https://berita.contoh.id/kabar-comments.js'), 'https://berita.contoh.id/kabar-markdown.js');
  assert.equal(siblingUrl('kabar-markdown', 'https://berita.contoh.id/dist/kabar-story.js?v=3'), 'https://berita.contoh.id/dist/kabar-markdown.js');
  // A CDN keeps the version in a folder: the sibling is in the same folder.
  assert.equal(siblingUrl('kabar-purify', 'https://cdn.jsdelivr.net/npm/kabar@0.1.0/dist/kabar-comments.js'), 'https://cdn.jsdelivr.net/npm/kabar@0.1.0/dist/kabar-purify.js');
});

test('a versioned address of the reference server asks for the same version of the sibling', () => {
  assert.equal(siblingUrl('kabar-markdown', 'https://berita.contoh.id/kabar-comments@0.1.0.js'), 'https://berita.contoh.id/kabar-markdown@0.1.0.js');
  assert.equal(siblingUrl('kabar-purify', 'http://127.0.0.1:8787/kabar-story@1.2.3-beta.1.js'), 'http://127.0.0.1:8787/kabar-purify@1.2.3-beta.1.js');
});
