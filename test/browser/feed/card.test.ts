import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { BackendError } from '../../../src/backends/backend.js';
import type { KabarArticleSelectEvent, KabarLoadEvent } from '../../../src/core/events.js';
import '../../../src/kabar.js';
import type { KabarArticleCard } from '../../../src/elements/article-card/article-card.js';
import { $, $$ } from '../support/dom.js';
import { mount } from '../support/mount.js';
import { FakeBackend, PICTURE, article } from '../support/fake-backend.js';


/** A card that fetches article 42 from `backend`, on an Indonesian page. */
async function fetchingCard(backend: FakeBackend): Promise<{ el: KabarArticleCard; wrapper: HTMLDivElement }> {
  const el = document.createElement('kabar-article-card');
  el.setAttribute('article-id', '42');
  el.backendAdapter = backend;
  const wrapper = await mount<HTMLDivElement>(html`<div lang="id"></div>`);
  wrapper.append(el);
  return { el, wrapper };
}

describe('<kabar-article-card>', () => {
  it('renders an .article object: one link, time, author, picture with its size', async () => {
    const el = await mount<KabarArticleCard>(html`<kabar-article-card lang="id" .article=${article('x', 3)}></kabar-article-card>`);
    const links = $$(el, 'a');
    expect(links).to.have.length(1);
    expect(links[0].textContent?.trim()).to.equal('Artikel x');
    expect($(el, 'time')?.textContent?.trim()).to.equal('3 jam yang lalu');
    const img = $(el, 'img') as HTMLImageElement;
    expect(img.getAttribute('width')).to.equal('640');
    expect(img.getAttribute('height')).to.equal('360');
    expect(img.alt).to.equal('Foto x');
    await expect(el).to.be.accessible();
  });

  it('comes in default, horizontal and compact variants', async () => {
    for (const variant of ['default', 'horizontal', 'compact']) {
      const el = await mount<KabarArticleCard>(html`<kabar-article-card variant=${variant} .article=${article('v', 1)}></kabar-article-card>`);
      expect($(el, `.card--${variant}`)).not.to.equal(null);
      await expect(el).to.be.accessible();
    }
  });

  it('shows the picture beside the text in a wide horizontal card', async () => {
    const el = await mount(
      html`<div style="width: 700px"><kabar-article-card variant="horizontal" .article=${article('h', 1)}></kabar-article-card></div>`,
    );
    const card = $(el.firstElementChild as Element, '[part~="card"]') as HTMLElement;
    expect(getComputedStyle(card).flexDirection).to.equal('row');
  });

  it('fetches by backend + article-id: skeleton while loading, then the card and kabar-load', async () => {
    const backend = new FakeBackend([article('42', 2)]).hold();
    const { el } = await fetchingCard(backend);
    await el.updateComplete;
    expect($(el, '[aria-busy="true"] [part~="skeleton"]')).not.to.equal(null);
    await expect(el).to.be.accessible();
    const load = oneEvent<KabarLoadEvent>(el, 'kabar-load');
    await backend.release();
    const { detail } = await load;
    expect(detail.kind).to.equal('article');
    await waitUntil(() => $(el, '[part~="card-link"]'));
    expect($(el, '[part~="card-link"]')?.textContent?.trim()).to.equal('Artikel 42');
  });

  it('keeps its light-DOM link when the article cannot be fetched, with a retry', async () => {
    const backend = new FakeBackend([]);
    backend.failure = new BackendError('network');
    const el = document.createElement('kabar-article-card');
    el.setAttribute('article-id', '42');
    el.innerHTML = '<a href="https://news.example.org/artikel/42">Baca artikelnya</a>';
    el.backendAdapter = backend;
    const wrapper = await mount<HTMLDivElement>(html`<div lang="id"></div>`);
    wrapper.append(el);
    await waitUntil(() => $(el, '[part~="error"]'));
    expect($(el, '[part~="error"]')?.textContent).to.contain('Tidak dapat menjangkau fake.example');
    const link = el.querySelector('a') as HTMLAnchorElement;
    expect(link.assignedSlot).not.to.equal(null);
    expect(link.checkVisibility()).to.equal(true);
    await expect(el).to.be.accessible();
    backend.failure = undefined;
    backend.items = [article('42', 1)];
    ($(el, '[part~="retry-button"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '[part~="card-link"]'));
  });

  it('stops fetching when it is taken off the page, and fetches again when put back', async () => {
    const backend = new FakeBackend([article('42', 2)]).hold();
    const { el, wrapper } = await fetchingCard(backend);
    await waitUntil(() => backend.articleSignals.length === 1);
    el.remove();
    expect(backend.articleSignals[0]?.aborted).to.equal(true);
    wrapper.append(el);
    await waitUntil(() => backend.articleSignals.length === 2);
    await backend.release();
    await backend.release();
    await waitUntil(() => $(el, '[part~="card-link"]'));
    expect($(el, '[part~="card-link"]')?.textContent?.trim()).to.equal('Artikel 42');
  });

  it('draws only pictures the page may load: no data: or mailto: URLs in src or srcset', async () => {
    const unsafe = article('u', 1, { image: { src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', width: 640, height: 360, alt: 'Foto u' } });
    const blocked = await mount<KabarArticleCard>(html`<kabar-article-card .article=${unsafe}></kabar-article-card>`);
    expect($$(blocked, 'img')).to.have.length(0);
    expect($(blocked, '[part~="card-link"]')?.textContent?.trim()).to.equal('Artikel u');
    await expect(blocked).to.be.accessible();

    const mixed = article('m', 1, { image: { src: PICTURE, srcset: `mailto:foto@example.org 320w, ${PICTURE}?w=640 640w, data:image/png;base64,AAAA 960w`, width: 640, height: 360, alt: 'Foto m' } });
    const el = await mount<KabarArticleCard>(html`<kabar-article-card .article=${mixed}></kabar-article-card>`);
    const img = $(el, 'img') as HTMLImageElement;
    expect(img.getAttribute('src')).to.equal(PICTURE);
    expect(img.getAttribute('srcset')).to.equal(`${PICTURE}?w=640 640w`);
  });

  it('fires a cancelable kabar-article-select', async () => {
    const el = await mount<KabarArticleCard>(html`<kabar-article-card .article=${article('s', 1)}></kabar-article-card>`);
    el.addEventListener('kabar-article-select', (event) => event.preventDefault());
    let prevented: boolean | undefined;
    const link = $(el, 'a') as HTMLAnchorElement;
    link.addEventListener('click', (event) => (prevented = event.defaultPrevented));
    const select = oneEvent<KabarArticleSelectEvent>(el, 'kabar-article-select');
    link.click();
    expect((await select).detail.article.id).to.equal('s');
    expect(prevented).to.equal(true);
  });

  it('marks a sticky article and a source label', async () => {
    const el = await mount<KabarArticleCard>(
      html`<kabar-article-card lang="en" .article=${article('p', 1, { sticky: true, sourceLabel: 'Warta Warga' })}></kabar-article-card>`,
    );
    expect($(el, '[part~="card-badge"]')?.textContent).to.equal('Pinned');
    expect($(el, '[part~="card-source"]')?.textContent).to.equal('Source: Warta Warga');
    await expect(el).to.be.accessible();
  });

  it('never links to a javascript: URL', async () => {
    const el = await mount<KabarArticleCard>(html`<kabar-article-card .article=${article('j', 1, { url: 'javascript:alert(1)' })}></kabar-article-card>`);
    expect($(el, 'a')?.hasAttribute('href')).to.equal(false);
  });
});
