import { expect, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { BackendError } from '../../../src/backends/backend.js';
import type { Article, Comment } from '../../../src/backends/types.js';
import '../../../src/kabar.js';
import { FakeBackend, page } from '../support/fake-backend.js';
import { mount } from '../support/mount.js';
import { axeViolations, describeViolations } from './axe.js';

/** A backend in one of the states a reader can meet: answering, never answering, empty, failing. */
type Mode = 'loaded' | 'loading' | 'empty' | 'error';

/** A backend in that state: every read answers, never answers, answers nothing or fails. */
function stateBackend(mode: Mode): FakeBackend {
  const loaded = mode !== 'empty';
  const backend = new FakeBackend(loaded ? [article('1'), { ...article('2'), sticky: true, sourceLabel: 'Warta Warga' }] : [], 'warta.example');
  backend.categories = [{ id: '1', slug: 'warga', name: 'Warga' }];
  backend.counts = { '/artikel/1': 12 };
  backend.list(page(loaded ? [comment('1', 'approved'), comment('2', 'pending')] : []));
  backend.post(({ comment: sent }) => ({ ...comment('3', 'pending'), body: sent.body }));
  if (mode === 'loading') {
    backend.hold();
    backend.categoriesHeld = new Promise(() => undefined);
  }
  if (mode === 'error') backend.failure = new BackendError('http', { status: 500 });
  return backend;
}

function article(id: string): Article {
  return {
    id,
    url: `https://warta.example/artikel/${id}`,
    title: `Bank sampah kampung ${id}`,
    excerpt: 'Warga memilah sampah setiap Sabtu pagi di balai RW.',
    publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
    author: { name: 'Sari' },
    categories: [{ id: '1', slug: 'warga', name: 'Warga' }],
    tags: [],
  };
}

function comment(id: string, status: Comment['status']): Comment {
  return {
    id,
    thread: '/artikel/1',
    parentId: null,
    author: { name: `Warga ${id}`, url: 'https://warga.example' },
    body: `Komentar **${id}** dengan [tautan](https://warga.example).`,
    createdAt: new Date(Date.now() - 60_000).toISOString(),
    status,
  };
}

const settled = (el: Element) => () => !(el.shadowRoot as ShadowRoot).querySelector('[aria-busy="true"]');

/** Each element in each state it can be put in here, and how to know it got there. */
const cases: Array<{ name: string; mode: Mode; make: (backend: FakeBackend) => Promise<HTMLElement>; after?: (el: HTMLElement) => Promise<void> }> = [];
for (const mode of ['loaded', 'loading', 'empty', 'error'] as const) {
  cases.push({
    name: `feed ${mode}`,
    mode,
    make: (backend) => mount(html`<kabar-article-feed show-categories .backendAdapter=${backend}><a href="/berita">Berita</a></kabar-article-feed>`),
  });
  cases.push({
    name: `comment box ${mode}`,
    mode,
    make: (backend) => mount(html`<kabar-comment-box loading="eager" thread="/artikel/1" .backendAdapter=${backend}></kabar-comment-box>`),
  });
}
for (const mode of ['loaded', 'loading', 'error'] as const) {
  cases.push({
    name: `card ${mode}`,
    mode,
    make: (backend) => mount(html`<kabar-article-card article-id="1" .backendAdapter=${backend}><a href="/berita/1">Berita</a></kabar-article-card>`),
  });
}
cases.push({
  name: 'comment count loaded',
  mode: 'loaded',
  make: (backend) => mount(html`<p>Baca <kabar-comment-count thread="/artikel/1" href="/artikel/1#komentar" .backendAdapter=${backend}>komentar</kabar-comment-count></p>`),
});
cases.push({
  name: 'story form invalid',
  mode: 'loaded',
  make: (backend) => mount(html`<kabar-story-form .backendAdapter=${backend}></kabar-story-form>`),
  after: async (el) => {
    (el.shadowRoot as ShadowRoot).querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  },
});
cases.push({
  name: 'comment box form invalid',
  mode: 'loaded',
  make: (backend) => mount(html`<kabar-comment-box loading="eager" thread="/artikel/1" .backendAdapter=${backend}></kabar-comment-box>`),
  after: async (el) => {
    (el.shadowRoot as ShadowRoot).querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  },
});

/** Fills every field a writer must fill, as typing would, then sends. */
async function fillAndSend(el: HTMLElement): Promise<void> {
  const root = el.shadowRoot as ShadowRoot;
  const type = (field: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };
  for (const field of root.querySelectorAll<HTMLTextAreaElement>('textarea')) {
    type(field, 'Warga membersihkan pantai setiap Minggu pagi.\n\nSampah plastik dipilah dan dijual ke bank sampah desa.');
  }
  for (const field of root.querySelectorAll<HTMLInputElement>('input[type="email"]')) type(field, 'siti@contoh.id');
  for (const field of root.querySelectorAll<HTMLInputElement>('input[type="text"]:not([tabindex="-1"]), input:not([type])')) type(field, 'Siti Rahma');
  // "Published elsewhere?" no, and the consent.
  for (const box of root.querySelectorAll<HTMLInputElement>('input[type="radio"][id$="-no"], input[type="checkbox"][name="consent"]')) box.click();
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
}

const sent = (el: HTMLElement) => () => !!(el.shadowRoot as ShadowRoot).querySelector('[part~="receipt"], [part~="comment-pending"]');

cases.push({
  name: 'story form sent',
  mode: 'loaded',
  make: (backend) => mount(html`<kabar-story-form .backendAdapter=${backend}></kabar-story-form>`),
  after: async (el) => {
    await fillAndSend(el);
    await waitUntil(sent(el), 'the story form never showed its receipt');
  },
});
cases.push({
  name: 'comment box sent',
  mode: 'loaded',
  make: (backend) => mount(html`<kabar-comment-box loading="eager" thread="/artikel/1" .backendAdapter=${backend}></kabar-comment-box>`),
  after: async (el) => {
    await fillAndSend(el);
    await waitUntil(sent(el), 'the comment box never showed the sent comment');
  },
});

describe('colour contrast on any page, under either OS scheme', function () {
  this.timeout(60_000);
  afterEach(async () => {
    document.body.style.background = '';
    document.body.style.color = '';
    await emulateMedia({ colorScheme: 'light' });
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const [pageName, background, color] of [
      ['white', '#ffffff', '#111111'],
      ['black', '#000000', '#f0f0f0'],
    ] as const) {
      it(`every element in every state is readable: OS ${scheme}, ${pageName} page`, async () => {
        await emulateMedia({ colorScheme: scheme });
        document.body.style.background = background;
        document.body.style.color = color;
        const failures: string[] = [];
        for (const { name, mode, make, after } of cases) {
          const mounted = await make(stateBackend(mode));
          const el = (mounted.localName.startsWith('kabar-') ? mounted : mounted.querySelector('[thread]')) as HTMLElement;
          if (mode !== 'loading') await waitUntil(settled(el), `${name} never settled`);
          await after?.(el);
          failures.push(...describeViolations(await axeViolations(mounted, ['color-contrast'])).map((line) => `${name}: ${line}`));
          mounted.parentElement?.remove();
        }
        expect(failures).to.deep.equal([]);
      });
    }
  }

  it('theme="dark" and theme="auto" under a dark OS are readable too', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    document.body.style.background = '#ffffff';
    const failures: string[] = [];
    for (const theme of ['dark', 'auto']) {
      const el = await mount(html`<kabar-comment-box theme=${theme} loading="eager" thread="/artikel/1" .backendAdapter=${stateBackend('loaded')}></kabar-comment-box>`);
      await waitUntil(settled(el), 'the thread never settled');
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(22, 24, 28)');
      failures.push(...describeViolations(await axeViolations(el, ['color-contrast'])));
    }
    expect(failures).to.deep.equal([]);
  });
});
