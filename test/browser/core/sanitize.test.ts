import { expect } from '@open-wc/testing';
import DOMPurify from 'dompurify';
import { html, render } from 'lit';
import { htmlToText, safeHtml, safeImageUrl, safeUrl, sanitizeHtml, sanitizerReady } from '../../../src/core/sanitize.js';
import { assertClean, expectHarmless, mount, ran, resetXss } from './xss-harness.js';

// The renderer and, without the native Sanitizer API, DOMPurify load on first use: once, before the tests.
before(() => sanitizerReady());

const svgWithScript = btoa(`<svg xmlns="http://www.w3.org/2000/svg" onload="parent.__xss('svg-data')"><script>parent.__xss('svg-data')</script></svg>`);

/** Known XSS vectors; each calls window.__xss(name) if it ever runs. */
const vectors: Array<[name: string, payload: string]> = [
  // script elements
  ['script tag', `<script>__xss('script')</script>`],
  ['script with data: src', `<SCRIPT SRC="data:text/javascript,__xss('script-src')"></SCRIPT>`],
  ['split script tag', `<scr<script>ipt>__xss('split')</scr</script>ipt>`],
  ['script with slash attribute', `<script/x>__xss('script-slash')</script>`],
  ['double angle script', `<<script>__xss('double-lt');//<</script>`],
  ['attribute breaking into script', `<img """><script>__xss('quote-break')</script>">`],
  // event handlers
  ['img onerror', `<img src=x onerror="__xss('img-onerror')">`],
  ['img onerror upper case, unquoted', `<IMG SRC=x ONERROR=__xss('img-upper')>`],
  ['body onload', `<body onload="__xss('body-onload')">text</body>`],
  ['svg onload', `<svg onload="__xss('svg-onload')"></svg>`],
  ['details ontoggle', `<details open ontoggle="__xss('details')">x</details>`],
  ['input autofocus onfocus', `<input autofocus onfocus="__xss('autofocus')">`],
  ['video source onerror', `<video><source onerror="__xss('video-source')"></video>`],
  ['audio onerror', `<audio src=x onerror="__xss('audio')"></audio>`],
  ['paragraph onclick', `<p onclick="__xss('onclick')">click me</p>`],
  ['safe link with onmouseover', `<a href="https://example.org/" onmouseover="__xss('a-hover')">ok</a>`],
  ['marquee onstart', `<marquee onstart="__xss('marquee')">x</marquee>`],
  ['slash instead of space before handler', `<div/onmouseover="__xss('slash-attr')">x</div>`],
  ['style tag with animation handler', `<style>@keyframes k{}</style><p style="animation-name:k" onanimationstart="__xss('anim')">x</p>`],
  // javascript:, data:, vbscript: URLs, plain and obfuscated
  ['javascript: href', `<a href="javascript:__xss('js-href')">x</a>`],
  ['mixed-case javascript:', `<a href="JaVaScRiPt:__xss('js-case')">x</a>`],
  ['decimal entities', `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss('js-dec')">x</a>`],
  ['hex entities without semicolons', `<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A__xss('js-hex')">x</a>`],
  ['tab inside the scheme', `<a href="jav&#x09;ascript:__xss('js-tab')">x</a>`],
  ['newline inside the scheme', `<a href="java&#10;script:__xss('js-newline')">x</a>`],
  ['leading spaces and control characters', `<a href=" &#1; javascript:__xss('js-lead')">x</a>`],
  ['&colon; entity', `<a href="javascript&colon;__xss('js-colon')">x</a>`],
  ['data:text/html link', `<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoJ2RhdGEnKTwvc2NyaXB0Pg==">x</a>`],
  ['vbscript: link', `<a href="vbscript:msgbox('x')">x</a>`],
  ['javascript: image', `<img src="javascript:__xss('img-js')">`],
  ['data: SVG image', `<img src="data:image/svg+xml;base64,${svgWithScript}">`],
  ['javascript: in srcset', `<img src="x" srcset="x 1x, javascript:__xss('srcset') 2x">`],
  ['iframe javascript: src', `<iframe src="javascript:parent.__xss('iframe-js')"></iframe>`],
  ['iframe srcdoc', `<iframe srcdoc="<script>parent.__xss('srcdoc')</script>"></iframe>`],
  ['object data', `<object data="javascript:parent.__xss('object')"></object>`],
  ['embed src', `<embed src="data:text/html,<script>parent.__xss('embed')</script>">`],
  // SVG and MathML
  ['script inside svg', `<svg><script>__xss('svg-script')</script></svg>`],
  ['svg xlink:href', `<svg><a xlink:href="javascript:__xss('svg-xlink')"><text x="0" y="20">x</text></a></svg>`],
  ['svg animate onbegin', `<svg><animate onbegin="__xss('svg-animate')" attributeName="x" dur="1s"></animate></svg>`],
  ['svg set to a handler', `<svg><set attributeName="onmouseover" to="__xss('svg-set')"></set></svg>`],
  ['svg foreignObject', `<svg><foreignObject><img src=x onerror="__xss('svg-foreign')"></foreignObject></svg>`],
  ['svg use with data:', `<svg><use href="data:image/svg+xml;base64,${svgWithScript}#x"></use></svg>`],
  ['mathml maction xlink', `<math><maction actiontype="statusline" xlink:href="javascript:__xss('math-xlink')">x</maction></math>`],
  ['mathml href', `<math href="javascript:__xss('math-href')"><mi>x</mi></math>`],
  // forms
  ['form action', `<form action="javascript:__xss('form')"><input type="submit" value="go"></form>`],
  ['button formaction', `<button formaction="javascript:__xss('formaction')">x</button>`],
  ['isindex action', `<isindex action="javascript:__xss('isindex')" type="image">`],
  ['form clobbering sanitiser internals', `<form><input name="attributes"><input name="removeChild"><img src=x onerror="__xss('clobber-form')"></form>`],
  // document-level tags
  ['base href', `<base href="javascript:/a/"><a href="x">relative</a>`],
  ['meta refresh', `<meta http-equiv="refresh" content="0;url=javascript:__xss('meta')">`],
  ['link stylesheet', `<link rel="stylesheet" href="data:text/css,*{color:red}">`],
  // CSS
  ['CSS expression', `<div style="width: expression(__xss('expression'))">x</div>`],
  ['style element with javascript: url', `<style>body{background:url("javascript:__xss('css-url')")}</style>`],
  ['style attribute url()', `<p style="background-image:url(javascript:__xss('style-url'))">x</p>`],
  ['CSS behavior', `<div style="behavior:url(x.htc)">x</div>`],
  // mutation XSS and namespace confusion
  ['noscript title', `<noscript><p title="</noscript><img src=x onerror=__xss('noscript')>"></p></noscript>`],
  ['svg style a id', `<svg></p><style><a id="</style><img src=1 onerror=__xss('svg-style')>">`],
  ['template content', `<template><img src=x onerror="__xss('template')"></template>`],
  ['declarative shadow root', `<div><template shadowrootmode="open"><img src=x onerror="__xss('dsd')"></template></div>`],
  ['form in math (mglyph style)', `<form><math><mtext></form><form><mglyph><style></math><img src onerror="__xss('form-math')">`],
  ['mglyph in table', `<math><mtext><table><mglyph><style><img src=x onerror="__xss('mglyph')">`],
  ['textarea namespace confusion', `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=__xss('textarea-ns') src=1>">`],
  ['xmp title', `<xmp><p title="</xmp><img src=x onerror=__xss('xmp')>">`],
  ['noembed title', `<noembed><img title="</noembed><img src=x onerror=__xss('noembed')>"></noembed>`],
  ['style in svg', `<svg><style><img src=x onerror=__xss('svg-style-img')></style></svg>`],
  ['listing entity round trip', `<listing>&lt;img src=x onerror=__xss('listing')&gt;</listing>`],
  ['comment breakout', `<!--<img src="--><img src=x onerror=__xss('comment')//">`],
  // DOM clobbering
  ['id clobbering a global', `<a id="__kabarClobbered" href="https://example.org/">x</a>`],
  ['name clobbering document', `<img name="getElementById" src=x><img name="cookie" src=x>`],
  ['form id location', `<form id="location"><input name="href" value="javascript:__xss('location')"></form>`],
  ['class and id', `<p id="main" class="kabar-hidden">x</p>`],
];

describe('sanitizeHtml', () => {
  beforeEach(resetXss);
  after(resetXss);

  it('the harness sees payloads that run (without the sanitiser)', async () => {
    // Built without the sanitiser on purpose: proves that mount() would catch each kind of payload.
    const range = document.createRange();
    range.selectNode(document.body);
    await mount(
      range.createContextualFragment(
        `<img src=x onerror="__xss('control-img')"><script>__xss('control-script')</script>` +
          `<a href="javascript:__xss('control-link')">x</a><p onmouseover="__xss('control-hover')">x</p>` +
          `<iframe srcdoc="<script>parent.__xss('control-srcdoc')</script>"></iframe>`,
      ),
    );
    expect([...new Set(ran)].sort()).to.deep.equal(['control-hover', 'control-img', 'control-link', 'control-script', 'control-srcdoc']);
  });

  it('the tree walk rejects what must not survive', () => {
    const styled = document.createElement('span');
    styled.setAttribute('style', 'color: red');
    const link = document.createElement('a');
    link.href = 'javascript:void 0';
    link.rel = 'ugc nofollow noopener';
    for (const node of [styled, link, document.createElement('script'), document.createElementNS('http://www.w3.org/2000/svg', 'svg')])
      expect(() => assertClean(wrap(node)), node.nodeName).to.throw();
  });

  it(`is tested against at least 40 vectors (${vectors.length})`, () => {
    expect(vectors.length).to.be.at.least(40);
  });

  for (const [name, payload] of vectors) {
    it(`neutralises: ${name}`, async () => {
      await expectHarmless(sanitizeHtml(payload));
    });
  }

  it('leaves no clobbered globals behind', async () => {
    await mount(sanitizeHtml(`<a id="__kabarClobbered" name="__kabarClobbered" href="https://example.org/">x</a><form id="location"></form>`));
    expect('__kabarClobbered' in window).to.equal(false);
    expect(typeof document.getElementById).to.equal('function');
    expect(document.querySelector('form')).to.equal(null);
  });

  it('wraps a table once, even one already in a wrapper of the same name', () => {
    const wrapper = wrap(sanitizeHtml('<div class="table-scroll"><table><tr><td>a</td></tr></table></div>'));
    expect(wrapper.querySelectorAll('.table-scroll')).to.have.length(1);
    expect(wrapper.querySelector('.table-scroll')!.getAttribute('tabindex')).to.equal('0');
  });

  it('keeps article content: paragraphs, headings, lists, emphasis, quotes, code, tables, figures', async () => {
    const source =
      `<h2>Judul</h2><p>Teks <strong>tebal</strong>, <em>miring</em>, <b>b</b> <i>i</i> <u>u</u> <s>s</s> <del>d</del> <ins>n</ins> H<sub>2</sub>O x<sup>2</sup></p>` +
      `<blockquote><p>Kutipan</p></blockquote><pre><code>kode &lt;desa&gt;</code></pre><ul><li>satu</li></ul><ol start="3"><li>tiga</li></ol><hr>` +
      `<figure><img src="/foto.jpg" alt="Warga menimbang sampah" width="640" height="480"><figcaption>Bank sampah</figcaption></figure>` +
      `<table><caption>Harga</caption><thead><tr><th scope="col">Barang</th></tr></thead><tbody><tr><td colspan="2">Botol</td></tr></tbody></table>`;
    const fragment = sanitizeHtml(source);
    const wrapper = wrap(fragment);
    assertClean(wrapper);
    expect([...wrapper.querySelectorAll('*')].map((e) => e.localName)).to.deep.equal(
      'h2 p strong em b i u s del ins sub sup blockquote p pre code ul li ol li hr figure img figcaption div table caption thead tr th tbody tr td'.split(' '),
    );
    // The sanitiser's own wrapper, which lets a wide table scroll, by keyboard too.
    expect(wrapper.querySelector('table')!.parentElement!.outerHTML).to.match(/^<div class="table-scroll" tabindex="0"><table>/);
    expect(wrapper.querySelector('code')!.textContent).to.equal('kode <desa>');
    expect(wrapper.querySelector('ol')!.getAttribute('start')).to.equal('3');
    const img = wrapper.querySelector('img')!;
    expect([img.getAttribute('alt'), img.getAttribute('width'), img.getAttribute('height')]).to.deep.equal(['Warga menimbang sampah', '640', '480']);
    expect(img.getAttribute('src')).to.equal(new URL('/foto.jpg', document.baseURI).href);
  });

  it('keeps a real WordPress post body intact', async () => {
    const post = await fixture<WordPressPost>('post-single.json');
    const fragment = sanitizeHtml(post.content.rendered);
    const host = await expectHarmless(fragment);
    expect(host.querySelector('h3')!.textContent).to.equal('Harga per kilogram');
    expect(host.querySelectorAll('li')).to.have.length(3);
    expect(host.textContent).to.include('Bank Sampah “Berseri”').and.include('penabung & jenis');
  });

  it('gives links from a real WordPress comment our rel, whatever rel they came with', async () => {
    const comments = await fixture<Array<{ content: Rendered }>>('comments-post-threaded.json');
    const withLink = comments.find((c) => c.content.rendered.includes('<a '));
    const host = await expectHarmless(sanitizeHtml(withLink!.content.rendered));
    const link = host.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://example.net/jelantah');
    expect(link.getAttribute('rel')).to.equal('ugc nofollow noopener');
  });

  it('marks every link as reader content and never lets a page-chosen rel through', () => {
    const wrapper = wrap(sanitizeHtml(`<a href="https://example.org/" rel="opener">a</a><a href="mailto:redaksi@example.org" rel="me">b</a>`));
    expect([...wrapper.querySelectorAll('a')].map((a) => a.getAttribute('rel'))).to.deep.equal(['ugc nofollow noopener', 'ugc nofollow noopener']);
  });

  it('keeps target=_blank (with noopener) and drops every other target', () => {
    const wrapper = wrap(sanitizeHtml(`<a href="https://example.org/" target="_blank">a</a><a href="https://example.org/" target="_top">b</a><a href="https://example.org/" target="frame1">c</a>`));
    const links = [...wrapper.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('target'))).to.deep.equal(['_blank', null, null]);
    expect(links[0].relList.contains('noopener')).to.equal(true);
  });

  it('lets only http, https and mailto links through, made absolute', () => {
    const hrefs = ['https://example.org/a', 'http://example.org/b', 'mailto:redaksi@example.org', '/relatif', 'ftp://example.org/', 'tel:+62211234', 'file:///etc/passwd', 'blob:https://example.org/x'];
    const wrapper = wrap(sanitizeHtml(hrefs.map((h) => `<a href="${h}">x</a>`).join('')));
    expect([...wrapper.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.org/a',
      'http://example.org/b',
      'mailto:redaksi@example.org',
      new URL('/relatif', document.baseURI).href,
      null,
      null,
      null,
      null,
    ]);
  });

  it('keeps only safe image candidates and plain sizes', () => {
    const wrapper = wrap(
      sanitizeHtml(
        `<img src="https://example.org/a.jpg" srcset="https://example.org/a-300.jpg 300w, https://example.org/a-1024.jpg 1024w" alt="a" width="300" height="200" loading="eager" class="wp-image" style="border:0">` +
          `<img src="https://example.org/b.jpg" srcset="https://example.org/b.jpg 1x, data:image/png;base64,AAAA 2x" width="100%" height="1e3">` +
          `<img src="data:image/png;base64,iVBORw0KGgo=" alt="data">`,
      ),
    );
    const [a, b, c] = [...wrapper.querySelectorAll('img')];
    expect([...a.attributes].map((x) => x.name).sort()).to.deep.equal(['alt', 'height', 'src', 'srcset', 'width']);
    expect(a.getAttribute('srcset')).to.equal('https://example.org/a-300.jpg 300w, https://example.org/a-1024.jpg 1024w');
    expect([b.hasAttribute('srcset'), b.hasAttribute('width'), b.hasAttribute('height')]).to.deep.equal([false, false, false]);
    expect(c.hasAttribute('src')).to.equal(false);
    expect(c.getAttribute('alt')).to.equal('data');
  });

  it('leaves a host page’s own DOMPurify untouched', () => {
    sanitizeHtml('<a href="https://example.org/" class="x">x</a>');
    const theirs = DOMPurify.sanitize('<a href="ftp://example.org/" class="x">x</a><p style="color:red">y</p>');
    expect(theirs).to.equal('<a href="ftp://example.org/" class="x">x</a><p style="color:red">y</p>');
  });
});

describe('safeUrl and safeImageUrl', () => {
  it('accepts http, https and mailto and resolves relative URLs', () => {
    expect(safeUrl('https://example.org/a b')).to.equal('https://example.org/a%20b');
    expect(safeUrl('mailto:a@example.org')).to.equal('mailto:a@example.org');
    expect(safeUrl('/x')).to.equal(new URL('/x', document.baseURI).href);
    expect(safeUrl('//example.org/x')).to.equal(`${location.protocol}//example.org/x`);
  });

  it('refuses everything else', () => {
    for (const url of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'tel:1', 'http://[bad', '', null, undefined])
      expect(safeUrl(url), String(url)).to.equal(undefined);
  });

  it('refuses plain http images on an https page (mixed content), allows them on an http page', () => {
    expect(safeImageUrl('http://0.gravatar.com/avatar/x', 'https:')).to.equal(undefined);
    expect(safeImageUrl('https://0.gravatar.com/avatar/x', 'https:')).to.equal('https://0.gravatar.com/avatar/x');
    expect(safeImageUrl('http://0.gravatar.com/avatar/x', 'http:')).to.equal('http://0.gravatar.com/avatar/x');
  });

  it('never gives data:, javascript: or mailto: as an image', () => {
    for (const url of ['data:image/png;base64,iVBORw0KGgo=', 'javascript:alert(1)', 'mailto:a@example.org'])
      expect(safeImageUrl(url, 'http:'), url).to.equal(undefined);
  });
});

describe('htmlToText', () => {
  beforeEach(resetXss);

  it('decodes the entities of real WordPress titles and excerpts', async () => {
    const post = await fixture<WordPressPost>('post-single.json');
    expect(htmlToText(post.title.rendered)).to.equal('Bank Sampah “Berseri” & Koperasi Warga: Dari Limbah Jadi Rupiah');
    expect(htmlToText(post.excerpt.rendered)).to.equal('Botol, kardus, dan minyak jelantah kini bisa ditabung — dan dicairkan menjelang Lebaran.');
    const page = await fixture<WordPressPost[]>('posts-embed-page1.json');
    const excerpt = htmlToText(page[0].excerpt.rendered);
    expect(excerpt).to.match(/^Bu Marni, apa kabar\?/).and.match(/“Perut kenyang, kepala \[…\]$/);
    for (const item of page) expect(htmlToText(item.title.rendered)).to.equal(item.title.rendered.trim());
  });

  it('collapses whitespace and separates blocks, keeps no-break spaces', () => {
    expect(htmlToText('<p>Satu\n\n  dua</p><p>tiga</p>\t<br>empat')).to.equal('Satu dua tiga empat');
    expect(htmlToText('Rp&nbsp;5.000')).to.equal('Rp\u00a05.000');
    expect(htmlToText('  plain   text\n')).to.equal('plain text');
  });

  it('drops script and style contents and runs nothing', async () => {
    expect(htmlToText(`<script>__xss('text-script')</script>Judul<style>p{}</style>`)).to.equal('Judul');
    expect(htmlToText(`<img src=x onerror="__xss('text-img')" alt="📢"> Pengumuman`)).to.equal('📢 Pengumuman');
    await mount(document.createTextNode(htmlToText(`<svg onload="__xss('text-svg')"><a>x</a></svg>&lt;b&gt;`)));
    expect(ran).to.deep.equal([]);
  });

  it('keeps markup-looking text as text', () => {
    expect(htmlToText('Kode &lt;desa&gt; &amp; &#8220;kutipan&#8221; &hellip;')).to.equal('Kode <desa> & “kutipan” …');
  });
});

describe('safeHtml directive', () => {
  let container: HTMLElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => container.remove());

  const view = (input: string | undefined) => html`<div class="body">${safeHtml(input)}</div>`;

  it('renders sanitised HTML and keeps the same nodes when re-rendered with the same input', () => {
    render(view('<p>Halo <img src=x onerror="__xss(1)"></p>'), container);
    const first = container.querySelector('p')!;
    expect(first.textContent).to.equal('Halo ');
    assertClean(container.querySelector('.body')!);
    first.dataset.marker = 'kept';
    render(view('<p>Halo <img src=x onerror="__xss(1)"></p>'), container);
    expect(container.querySelector('p')).to.equal(first);
  });

  it('sanitises again when the input changes, and renders nothing for no input', () => {
    render(view('<p>Satu</p>'), container);
    const first = container.querySelector('p');
    render(view('<p>Dua</p>'), container);
    expect(container.querySelector('p')).not.to.equal(first);
    expect(container.textContent).to.equal('Dua');
    render(view(undefined), container);
    expect(container.querySelector('.body')!.children).to.have.length(0);
  });

  it('refuses attribute position', () => {
    expect(() => render(html`<div title=${safeHtml('<b>x</b>')}></div>`, container)).to.throw();
  });
});

function wrap(fragment: Node): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.append(fragment);
  return wrapper;
}

interface Rendered {
  rendered: string;
}
interface WordPressPost {
  title: Rendered;
  excerpt: Rendered;
  content: Rendered;
}

/** The body of a recorded WordPress answer. */
async function fixture<T>(name: string): Promise<T> {
  const response = await fetch(new URL(`../../../fixtures/wordpress/${name}`, import.meta.url));
  return ((await response.json()) as { response: { body: T } }).response.body;
}
