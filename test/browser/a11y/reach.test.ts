import { expect, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { BackendError } from '../../../src/backends/backend.js';
import '../../../src/kabar.js';
import { article, articles, comment, FakeBackend, page } from '../support/fake-backend.js';
import { settle } from '../support/dom.js';
import { mount } from '../support/mount.js';
import { makePhoto } from '../story-form/photos.js';
import {
  applyTextSpacing,
  backgroundBehind,
  deepActiveElement,
  describe as name,
  drawsItsEdge,
  focusProblems,
  lostOrOverlappingText,
  shadowElements,
  smallChoices,
  stateLook,
  systemColours,
  undersizedTargets,
} from './reach.js';

/**
 * Every element in the states a reader meets, side by side on one narrow page: a feed with
 * chips and numbered pages, one with "load more", one loading and one failed; a card; a
 * comment thread with links, a pending comment, an open reply and a pressed preview; a thread
 * still loading and one more, its preview not pressed; a story form after a failed send with a photo picked; a comment count.
 */

type Rendering = HTMLElement & { updateComplete: Promise<unknown> };
const shadow = (el: Element) => el.shadowRoot as ShadowRoot;

function feedBackend(mode: 'loaded' | 'loading' | 'error' = 'loaded'): FakeBackend {
  const backend = new FakeBackend([...articles(6), article('sticky', 0.5, { sticky: true, sourceLabel: 'Warta Warga' })]);
  backend.categories = [
    { id: '1', slug: 'warga', name: 'Warga' },
    { id: '2', slug: 'budaya', name: 'Budaya' },
  ];
  if (mode === 'loading') backend.hold();
  if (mode === 'error') backend.failure = new BackendError('network');
  return backend;
}

function threadBackend(loading = false): FakeBackend {
  const backend = new FakeBackend();
  backend.list(
    page([
      comment('1', null, 'Rahmat Hidayat', { author: { name: 'Rahmat Hidayat', url: 'https://rahmat.example' }, body: 'Lihat [jadwalnya](https://warga.example/jadwal) di balai RW.' }),
      comment('2', '1', 'Sari Wulandari', { body: 'Terima kasih, [tautan](https://warga.example) dan [peta](https://warga.example/peta).' }),
      comment('3', null, 'Bu Tini', { status: 'pending', body: 'Komentar yang menunggu moderasi.' }),
      comment('4', null, 'Dewi', { author: { name: 'Dewi', url: 'https://dewi.example' } }),
    ]),
  );
  if (loading) backend.hold();
  return backend;
}

async function storyAfterFailedSend(el: Rendering): Promise<void> {
  const root = shadow(el);
  root.querySelector<HTMLInputElement>('#elsewhere-yes')!.click();
  await el.updateComplete;
  const input = root.querySelector<HTMLInputElement>('#photo')!;
  const transfer = new DataTransfer();
  transfer.items.add(await makePhoto(800, 600, 'image/jpeg', 'foto-kerja-bakti-membersihkan-saluran-air-rw-05-sukamaju-minggu-pagi.jpg'));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await waitUntil(() => root.querySelector('#photoAlt'), 'the photo was taken', { timeout: 8000 });
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await settle(el);
  await waitUntil(() => root.querySelector('[part="error-summary"]'), 'the summary showed');
}

async function gallery(): Promise<HTMLElement> {
  const wrapper = await mount<HTMLElement>(html`<div lang="id">
    <button id="before">sebelum</button>
    <kabar-article-feed show-categories category="warga" paging="pages" per-page="2" .backendAdapter=${feedBackend()}></kabar-article-feed>
    <kabar-article-feed per-page="2" layout="list" .backendAdapter=${feedBackend()}></kabar-article-feed>
    <kabar-article-feed per-page="2" .backendAdapter=${feedBackend('loading')}></kabar-article-feed>
    <kabar-article-feed per-page="2" .backendAdapter=${feedBackend('error')}></kabar-article-feed>
    <kabar-article-card article-id="a1" .backendAdapter=${feedBackend()}></kabar-article-card>
    <kabar-comment-box loading="eager" thread="/artikel/contoh" .backendAdapter=${threadBackend()}></kabar-comment-box>
    <kabar-comment-box loading="eager" thread="/artikel/lain" .backendAdapter=${threadBackend(true)}></kabar-comment-box>
    <kabar-comment-box loading="eager" thread="/artikel/ketiga" .backendAdapter=${threadBackend()}></kabar-comment-box>
    <kabar-story-form categories="budaya:Budaya,lingkungan:Lingkungan" .backendAdapter=${new FakeBackend()}></kabar-story-form>
    <p>Baca <kabar-comment-count thread="/artikel/contoh" href="/artikel/contoh#komentar" .backendAdapter=${new FakeBackend()}>komentar</kabar-comment-count> warga.</p>
    <button id="after">sesudah</button>
  </div>`);
  const [pages] = wrapper.querySelectorAll<Rendering>('kabar-article-feed');
  await waitUntil(() => shadow(pages).querySelector('[aria-current="page"]') && shadow(pages).querySelector('[aria-pressed="true"]'), 'the feed showed its pages and chips');
  const box = wrapper.querySelector<Rendering>('kabar-comment-box')!;
  await waitUntil(() => shadow(box).querySelector('.reply-button'), 'the thread showed');
  shadow(box).querySelector<HTMLButtonElement>('.reply-button')!.click();
  await waitUntil(() => shadow(box).querySelector('#reply-title'), 'the reply form opened');
  shadow(box).querySelector<HTMLButtonElement>('[part="preview-button"]')!.click();
  await box.updateComplete;
  await storyAfterFailedSend(wrapper.querySelector<Rendering>('kabar-story-form')!);
  for (const el of wrapper.querySelectorAll<Rendering>('*')) await el.updateComplete;
  return wrapper;
}

/** Tabs from the button before the gallery to the one after it, calling `each` on every stop. */
async function tabThrough(wrapper: HTMLElement, each: (el: Element) => void): Promise<number> {
  wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
  let stops = 0;
  for (; stops < 300; stops++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActiveElement();
    if (!active || active.id === 'after') break;
    each(active);
  }
  return stops;
}

describe('reach beyond axe: targets, text spacing, forced colours and focus', () => {
  before(async () => {
    await setViewport({ width: 320, height: 640 });
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });
  afterEach(async () => {
    await executeServerCommand('emulate-forced-colors', { active: false });
    await emulateMedia({ colorScheme: 'light' });
    localStorage.clear();
  });

  it('leaves no visible target under 24 x 24 px without the spacing exception, at 320 px', async () => {
    const wrapper = await gallery();
    expect(shadowElements(wrapper).length).to.be.greaterThan(200);
    expect(undersizedTargets(wrapper)).to.deep.equal([]);
  });

  it('makes every checkbox and radio a thumb-sized target with its label, as GOV.UK does', async () => {
    const wrapper = await gallery();
    expect(shadowElements(wrapper).filter((el) => el.matches('input[type="radio"], input[type="checkbox"]')).length).to.be.greaterThan(4);
    expect(smallChoices(wrapper)).to.deep.equal([]);
  });

  it('loses no text and overlaps nothing with the text-spacing overrides inside the shadow roots', async () => {
    const wrapper = await gallery();
    const undo = applyTextSpacing(wrapper);
    try {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(lostOrOverlappingText(wrapper)).to.deep.equal([]);
    } finally {
      undo();
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps every control, state and placeholder visible in forced colours (${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const wrapper = await gallery();
      for (const el of wrapper.querySelectorAll('kabar-article-feed, kabar-article-card, kabar-comment-box, kabar-story-form')) el.setAttribute('theme', 'auto');
      await executeServerCommand('emulate-forced-colors', { active: true });
      expect(matchMedia('(forced-colors: active)').matches, 'forced colours are on').to.equal(true);
      const all = shadowElements(wrapper);
      const system = systemColours();
      const problems: string[] = [];

      // Every button and field shows its edge; links stay underlined text.
      for (const el of all.filter((e) => e.matches('button, select, textarea, input:not([type="checkbox"], [type="radio"], [type="file"])'))) {
        if (el.closest('.honeypot') || el.getBoundingClientRect().width <= 1) continue;
        const underlined = getComputedStyle(el).textDecorationLine.includes('underline');
        if (!drawsItsEdge(el) && !underlined) problems.push(`${name(el)} shows no edge`);
      }
      // A chosen page, chip, tab and pressed preview look unlike the others, beyond their weight.
      const pairs: Array<[string, string]> = [
        ['.button--page[aria-current="page"]', '.button--page[aria-current="false"]'],
        ['.chip[aria-pressed="true"]', '.chip[aria-pressed="false"]'],
        ['[role="tab"][aria-selected="true"]', '[role="tab"][aria-selected="false"]'],
        ['.preview-toggle[aria-pressed="true"]', '.preview-toggle[aria-pressed="false"]'],
      ];
      for (const [chosen, other] of pairs) {
        const a = all.find((e) => e.matches(chosen));
        const b = all.find((e) => e.matches(other));
        if (!a || !b) throw new Error(`${chosen} and ${other} are not both on the page`);
        if (stateLook(a) === stateLook(b)) problems.push(`${chosen} looks like ${other}: ${stateLook(a)}`);
        const { color, backgroundColor } = getComputedStyle(a);
        if (!system.has(color) || !system.has(backgroundColor)) problems.push(`${chosen} is drawn in the page's colours, not the system's: ${color} on ${backgroundColor}`);
      }
      // Placeholders while loading stay visible.
      const skeletons = all.filter((e) => e.matches('.skeleton__line, .skeleton__avatar, .card--skeleton .card__media'));
      expect(skeletons.length).to.be.greaterThan(4);
      for (const el of skeletons) {
        const paint = getComputedStyle(el).backgroundColor;
        if (!drawsItsEdge(el)) problems.push(`${name(el)} vanishes: ${paint} on ${backgroundBehind(el)}`);
        else if (!system.has(paint)) problems.push(`${name(el)} is drawn in the page's colours, not the system's: ${paint}`);
      }
      // Errors are more than a colour: a thicker edge and a message; a pending comment has its edge and its note.
      const invalid = all.find((e) => e.matches('input[aria-invalid="true"]'))!;
      const valid = all.find((e) => e.matches('input[aria-invalid="false"]:not([type="checkbox"], [type="radio"], [type="file"])'))!;
      const edge = (el: Element) => parseFloat(getComputedStyle(el).borderTopWidth);
      if (!(edge(invalid) > edge(valid))) problems.push(`${name(invalid)} has the edge of a valid field (${edge(invalid)} px)`);
      const pending = all.find((e) => e.matches('[part~="comment-pending"]'))!;
      if (!drawsItsEdge(pending)) problems.push('the pending comment has no edge');
      expect(pending.querySelector('[part="pending-note"]')?.textContent).to.contain('menunggu moderasi');
      // And the focus ring on every stop of the keyboard's way through.
      await tabThrough(wrapper, (el) => problems.push(...focusProblems(el)));
      expect(problems).to.deep.equal([]);
    });
  }

  it('shows a focus indicator on every stop of the keyboard, in view and uncovered; nothing of ours is sticky', async () => {
    const wrapper = await gallery();
    const problems: string[] = [];
    const stops = await tabThrough(wrapper, (el) => problems.push(...focusProblems(el)));
    expect(stops).to.be.greaterThan(40);
    expect(problems).to.deep.equal([]);
    const pinned = shadowElements(wrapper).filter((el) => ['sticky', 'fixed'].includes(getComputedStyle(el).position));
    expect(pinned.map(name)).to.deep.equal([]);
  });
});
