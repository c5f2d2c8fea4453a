/**
 * registerLocale in the built files, whose message keys are two-letter names (scripts/i18n-keys.mjs):
 * callers write full keys, and a catalogue registered through one file reaches the elements of
 * every other Kabar file on the page. Needs `npm run build` first (`npm test` builds before it).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Backend } from '../../../src/backends/backend.js';
import type * as Feed from '../../../src/kabar-feed.js';
import type * as Comments from '../../../src/kabar-comments.js';
import { javanese } from './javanese.js';

// Paths in variables: the test loads the files as a page would, not through the type-checker.
const load = <T>(file: string): Promise<T> => import(/* @vite-ignore */ `/dist/${file}`) as Promise<T>;

const emptyThread: Partial<Backend> = {
  listComments: () => Promise.resolve({ items: [], page: 1, perPage: 20, total: 0, totalPages: 1, hasMore: false }),
};

describe('registerLocale in the built files', () => {
  it('takes full keys and reaches the comment box of another file', async () => {
    const feed = await load<typeof Feed>('kabar-feed.js');
    await load<typeof Comments>('kabar-comments.js');

    const box = document.createElement('kabar-comment-box') as HTMLElement & { backendAdapter?: Partial<Backend>; updateComplete: Promise<unknown> };
    box.setAttribute('lang', 'jv');
    box.setAttribute('loading', 'eager');
    box.setAttribute('thread', '/artikel/built');
    box.backendAdapter = emptyThread;
    document.body.append(box);
    const root = () => box.shadowRoot!;
    await waitUntil(() => root().querySelector('button[type="submit"]'), 'the form did not render');
    expect(root().querySelector('[part="form-heading"]')!.textContent.trim()).to.equal('Tinggalkan Balasan');

    feed.registerLocale('jv', javanese);
    await box.updateComplete;

    expect(root().querySelector('[part="form-heading"]')!.textContent.trim()).to.equal('Tilaraken Wangsulan');
    expect(root().querySelector('button[type="submit"]')!.textContent.trim()).to.equal('Kintun Komentar');
    expect(root().textContent).to.contain('Simpan nama, email, dan situs web saya');
    box.remove();
  });
});
