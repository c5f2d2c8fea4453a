import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { marked } from 'marked';
import { markdown, markdownReady, renderMarkdown } from '../../../src/core/markdown.js';
import { expectHarmless, resetXss } from './xss-harness.js';

// The renderer and, without the native Sanitizer API, DOMPurify load on first use: once, before the tests.
before(() => markdownReady());

const svg = btoa(`<svg xmlns="http://www.w3.org/2000/svg" onload="parent.__xss('md-svg-data')"></svg>`);

/** XSS attempts in a reader's markdown; each calls window.__xss(name) if it ever runs. */
const vectors: Array<[name: string, source: string]> = [
  ['javascript: link', `[klik](javascript:__xss('md-js'))`],
  ['upper-case javascript: link', `[klik](JAVASCRIPT:__xss('md-js-upper'))`],
  ['entity-encoded colon', `[klik](javascript&#58;__xss('md-colon'))`],
  ['entity-encoded first letter', `[klik](&#106;avascript:__xss('md-j'))`],
  ['angle-bracket destination', `[klik](<javascript:__xss('md-angle')>)`],
  ['destination with leading space', `[klik](   javascript:__xss('md-space'))`],
  ['percent-encoded scheme', `[klik](javascript%3A__xss('md-pct'))`],
  ['data: link', `[klik](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoMSk8L3NjcmlwdD4=)`],
  ['vbscript: link', `[klik](vbscript:msgbox(1))`],
  ['javascript: image', `![foto](javascript:__xss('md-img-js'))`],
  ['data: SVG image', `![foto](data:image/svg+xml;base64,${svg})`],
  ['image destination breaking out of src', `![foto](x" onerror="__xss('md-img-src'))`],
  ['image alt breaking out of alt', `![foto" onerror="__xss('md-img-alt')](x)`],
  ['javascript: autolink', `<javascript:__xss('md-autolink')>`],
  ['reference link to javascript:', `[klik][1]\n\n[1]: javascript:__xss('md-ref')`],
  ['collapsed reference to data:', `[klik][]\n\n[klik]: data:text/html,<script>__xss('md-ref-data')</script>`],
  ['reference image to javascript:', `![foto][f]\n\n[f]: javascript:__xss('md-ref-img')`],
  ['title breaking out of the attribute', `[klik](https://example.org/ "a\\" onmouseover=\\"__xss('md-title')")`],
  ['quote in destination', `[klik](https://example.org/"onmouseover="__xss('md-dest'))`],
  ['HTML in link label', `[<img src=x onerror=__xss('md-label')>](https://example.org/)`],
  ['nested link and image to javascript:', `[![foto](javascript:__xss('md-nest-img'))](javascript:__xss('md-nest'))`],
  ['GFM bare URL with quotes', `www.example.org/"onmouseover="__xss('md-www')"`],
  ['raw img onerror', `<img src=x onerror="__xss('md-raw-img')">`],
  ['raw script block', `<script>\n__xss('md-raw-script')\n</script>`],
  ['raw javascript: anchor', `Lihat <a href="javascript:__xss('md-raw-a')">ini</a>`],
  ['raw details ontoggle', `<details open ontoggle="__xss('md-details')">x</details>`],
  ['raw svg onload', `<svg onload="__xss('md-svg')"></svg>`],
  ['raw iframe srcdoc', `<iframe srcdoc="<script>parent.__xss('md-srcdoc')</script>"></iframe>`],
  ['raw style with expression', `<style>p{width:expression(__xss('md-css'))}</style>`],
  ['raw form action', `<form action="javascript:__xss('md-form')"><button>kirim</button></form>`],
  ['raw noscript mutation', `<noscript><p title="</noscript><img src=x onerror=__xss('md-noscript')>"></noscript>`],
  ['raw meta refresh', `<meta http-equiv="refresh" content="0;url=javascript:__xss('md-meta')">`],
  ['script in code span', '`<script>__xss(\'md-code\')</script>`'],
  ['script in fenced code', "```html\n<script>__xss('md-fence')</script>\n```"],
];

describe('renderMarkdown', () => {
  beforeEach(resetXss);
  after(resetXss);

  it(`is tested against XSS attempts in markdown (${vectors.length})`, () => {
    expect(vectors.length).to.be.at.least(30);
  });

  for (const [name, source] of vectors) {
    it(`neutralises: ${name}`, async () => {
      await expectHarmless(renderMarkdown(source));
    });
  }

  it('shows raw HTML as the text the reader typed', async () => {
    const host = await expectHarmless(renderMarkdown('Saya tulis <b>tebal</b> & <script>x</script>'));
    expect(host.querySelector('b, script')).to.equal(null);
    expect(host.textContent.trim()).to.equal('Saya tulis <b>tebal</b> & <script>x</script>');
  });

  it('keeps the words of a link whose scheme is refused', async () => {
    const host = await expectHarmless(renderMarkdown(`[klik di sini](javascript:__xss('md-words'))`));
    expect(host.querySelector('a')).to.equal(null);
    expect(host.textContent.trim()).to.equal('klik di sini');
  });

  it('renders emphasis, lists, quotes, code and line breaks', async () => {
    const host = await expectHarmless(renderMarkdown('**tebal** dan _miring_ ~~coret~~\nbaris baru\n\n> kutipan\n\n- satu\n- dua\n\n1. pertama\n\n`kode`'));
    expect([...host.querySelectorAll('*')].map((e) => e.localName)).to.deep.equal(['p', 'strong', 'em', 'del', 'br', 'blockquote', 'p', 'ul', 'li', 'li', 'ol', 'li', 'p', 'code']);
  });

  it('gives every link rel="ugc nofollow noopener", including autolinks and e-mail', async () => {
    const host = await expectHarmless(renderMarkdown('[situs](https://example.org/a) <https://example.org/b> www.example.org/c redaksi@example.org [ref]\n\n[ref]: http://example.org/d "judul"'));
    const links = [...host.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.org/a',
      'https://example.org/b',
      'http://www.example.org/c',
      'mailto:redaksi@example.org',
      'http://example.org/d',
    ]);
    expect(links.every((a) => a.getAttribute('rel') === 'ugc nofollow noopener')).to.equal(true);
    expect(links[4].title).to.equal('judul');
  });

  it('turns a reader’s image into a link to it, so nothing loads from a server the reader chose', async () => {
    const host = await expectHarmless(renderMarkdown('![Banjir di RW 3](https://example.org/banjir.jpg) ![](https://example.org/tanpa-alt.jpg)'));
    expect(host.querySelector('img')).to.equal(null);
    const links = [...host.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal([
      ['Banjir di RW 3', 'https://example.org/banjir.jpg'],
      ['https://example.org/tanpa-alt.jpg', 'https://example.org/tanpa-alt.jpg'],
    ]);
  });

  it('does not nest a link inside a link for a linked image', async () => {
    const host = await expectHarmless(renderMarkdown('[![foto](https://example.org/f.jpg)](https://example.org/berita)'));
    expect(host.querySelectorAll('a')).to.have.length(1);
    expect(host.querySelector('a')!.textContent).to.equal('foto');
  });

  it('starts a reader’s headings below the page’s own', async () => {
    const host = await expectHarmless(renderMarkdown('# Satu\n\n## Dua\n\n###### Enam'));
    expect([...host.children].map((e) => e.localName)).to.deep.equal(['h2', 'h3', 'h6']);
  });

  it('keeps task lists and tables readable', async () => {
    const host = await expectHarmless(renderMarkdown('- [x] selesai\n- [ ] belum\n\n| a | b |\n|---|:-:|\n| 1 | 2 |'));
    expect([...host.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(['[x] selesai', '[ ] belum']);
    expect(host.querySelector('input')).to.equal(null);
    expect(host.querySelectorAll('table th, table td')).to.have.length(4);
  });

  it('leaves the global marked untouched', () => {
    renderMarkdown('# x');
    expect(marked.parse('<b>x</b>', { async: false })).to.equal('<p><b>x</b></p>\n');
    expect(marked.parse('# x', { async: false })).to.equal('<h1>x</h1>\n');
  });
});

describe('markdown directive', () => {
  let container: HTMLElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => container.remove());

  const view = (source: string | undefined) => html`<div class="body">${markdown(source)}</div>`;

  it('re-renders only when the source changes', () => {
    render(view('Halo **warga**'), container);
    const first = container.querySelector('strong')!;
    expect(first.textContent).to.equal('warga');
    render(view('Halo **warga**'), container);
    expect(container.querySelector('strong')).to.equal(first);
    render(view('Halo **semua**'), container);
    expect(container.querySelector('strong')).not.to.equal(first);
    expect(container.querySelector('strong')!.textContent).to.equal('semua');
    render(view(''), container);
    expect(container.querySelector('.body')!.children).to.have.length(0);
  });
});
