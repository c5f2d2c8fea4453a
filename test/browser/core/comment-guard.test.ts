import { expect, html, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import type { Comment } from '../../../src/backends/types.js';
import { markdownReady, renderMarkdown } from '../../../src/core/markdown.js';
import { LIMITS } from '../../../src/core/rules/rules.js';
import '../../../src/kabar.js';
import { FakeBackend, page } from '../support/fake-backend.js';
import { mount } from '../support/mount.js';

// The renderer and, without the native Sanitizer API, DOMPurify load on first use: once, before the tests.
before(() => markdownReady());

/** The quote that overflowed the parser's stack: thousands of nested `>`, well inside the length limit. */
const DEEP_QUOTES = `${'>'.repeat(2_000)} halo`;

function comment(id: string, body: string, extra: Partial<Comment> = {}): Comment {
  return {
    id,
    thread: '/artikel/contoh',
    parentId: null,
    author: { name: `Warga ${id}` },
    body,
    createdAt: '2025-03-01T08:00:00Z',
    status: 'approved',
    ...extra,
  };
}

/** A thread of one page holding these comments. */
const onePage = (items: Comment[]) => new FakeBackend([], 'contoh.example').list(page(items));

const bodies = (box: Element) => [...(box.shadowRoot as ShadowRoot).querySelectorAll('[part~="comment-body"]')];

describe('a comment that cannot be rendered', () => {
  let warn: sinon.SinonStub;
  beforeEach(() => (warn = sinon.stub(console, 'warn')));
  afterEach(() => warn.restore());

  it('shows as escaped plain text; the other comments of the thread are untouched', async () => {
    const items = [
      ...Array.from({ length: 7 }, (_, i) => comment(`c${i + 1}`, `Komentar **ke-${i + 1}**`)),
      comment('deep', `${DEEP_QUOTES} <img src=x onerror=alert(1)>`),
    ];
    const box = await mount(html`<kabar-comment-box lang="id" loading="eager" thread="/artikel/contoh" .backendAdapter=${onePage(items)}></kabar-comment-box>`);
    await waitUntil(() => bodies(box).length === 8, 'the thread did not show its eight comments');
    expect(bodies(box).slice(0, 7).map((body) => body.querySelector('strong')?.textContent)).to.deep.equal(
      Array.from({ length: 7 }, (_, i) => `ke-${i + 1}`),
    );
    const deep = bodies(box)[7];
    expect(deep.textContent).to.contain('> halo <img src=x onerror=alert(1)>');
    expect(deep.querySelector('img, blockquote')).to.equal(null);
  });

  it('a comment object without author or date renders what it has, with one warning', async () => {
    const broken = { id: 'b1', thread: '/artikel/contoh', parentId: null, body: 'Tanpa nama' } as unknown as Comment;
    const box = await mount(
      html`<kabar-comment-box lang="id" loading="eager" thread="/artikel/contoh" .backendAdapter=${onePage([broken, comment('ok', 'Baik')])}></kabar-comment-box>`,
    );
    await waitUntil(() => bodies(box).length === 2, 'the thread did not show both comments');
    expect(bodies(box).map((body) => body.textContent?.trim())).to.deep.equal(['Tanpa nama', 'Baik']);
    const warnings = warn.getCalls().map((call) => String(call.args[0]));
    expect(warnings.filter((text) => text.includes('Comment b1'))).to.have.length(1);
    expect(warnings.find((text) => text.includes('Comment b1'))).to.contain('author').and.to.contain('createdAt');
  });
});

describe('markdown bounds in the widgets', () => {
  it('input nested past the shared limit, or with too many lines, is shown as text without parsing', () => {
    const nested = `${'> '.repeat(LIMITS.markdownMaxDepth + 1)}dalam`;
    expect(renderMarkdown(nested).querySelector('blockquote')).to.equal(null);
    expect(renderMarkdown(nested).textContent).to.contain('dalam');
    const atLimit = `${'> '.repeat(LIMITS.markdownMaxDepth)}dalam`;
    expect(renderMarkdown(atLimit).querySelector('blockquote')).not.to.equal(null);
    const lines = Array.from({ length: LIMITS.markdownMaxLines + 1 }, (_, i) => `**baris ${i}**`).join('\n');
    expect(renderMarkdown(lines).querySelector('strong')).to.equal(null);
  });
});
