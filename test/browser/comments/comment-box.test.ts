import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { mount } from '../support/mount.js';
import { BackendError } from '../../../src/backends/backend.js';
import type { Comment, Page } from '../../../src/backends/types.js';
import type { KabarCommentBox } from '../../../src/elements/comment-box/comment-box.js';
import type { KabarErrorEvent, KabarLoadEvent, KabarSubmitEvent, KabarSubmittedEvent } from '../../../src/core/events.js';
import { FakeBackend, accepted, comment, held, page, refuse } from '../support/fake-backend.js';
import { $, $$, article, fillComment, focused, idsIn, loaded, mountBox, submit, text, typeInto } from './helpers.js';
import { leave } from '../support/dom.js';

let labels = 0;
/** A backend of its own per test, so drafts and pending comments of one test never meet another's. */
const fresh = () => new FakeBackend([], `fake-${Date.now()}-${labels++}`);

afterEach(() => {
  localStorage.removeItem('kabar:identity');
});

describe('<kabar-comment-box>: the thread', () => {
  it('asks the backend for its thread with per-page and sort', async () => {
    const backend = fresh();
    const el = await mountBox({ backend, thread: 'artikel-7', perPage: 5, sort: 'newest' });
    await loaded(el);
    expect(backend.lists).to.deep.equal([{ thread: 'artikel-7', query: { page: 1, perPage: 5, sort: 'newest' } }]);
  });

  it('defaults the thread to the canonical site and path of the page', async () => {
    const link = Object.assign(document.createElement('link'), { rel: 'canonical', href: 'https://warta.example/artikel/bank-sampah?utm=x' });
    document.head.append(link);
    try {
      const backend = fresh();
      const el = await mountBox({ backend, thread: '' });
      await loaded(el);
      expect(backend.lists[0].thread).to.equal('https://warta.example/artikel/bank-sampah');
    } finally {
      link.remove();
    }
  });

  it('nests replies up to max-depth; deeper ones stay at that depth and say whom they answer', async () => {
    const backend = fresh().list(
      page([
        comment('a', null, 'Rina'),
        comment('b', 'a', 'Agus'),
        comment('c', 'b', 'Nur'),
        comment('d', 'c', 'Bambang'),
        comment('e', 'd', 'Lestari'),
        comment('f', null, 'Andi'),
      ]),
    );
    const el = await mountBox({ backend, maxDepth: 3 });
    await loaded(el);

    const top = $(el, 'ol[part="thread"]');
    expect(idsIn(top)).to.deep.equal(['a', 'f']);
    const level2 = article(el, 'a')!.parentElement!.querySelector(':scope > ol.replies');
    expect(idsIn(level2)).to.deep.equal(['b']);
    expect(level2!.getAttribute('aria-label')).to.equal('Balasan untuk Rina');
    const level3 = article(el, 'b')!.parentElement!.querySelector(':scope > ol.replies');
    expect(idsIn(level3)).to.deep.equal(['c', 'd', 'e']);
    expect($$(el, 'ol.replies ol.replies ol.replies')).to.have.length(0);

    expect(text(article(el, 'c')!.querySelector('[part="answering"]'))).to.equal('');
    expect(text(article(el, 'd')!.querySelector('[part="answering"]'))).to.equal('membalas Nur');
    expect(text(article(el, 'e')!.querySelector('[part="answering"]'))).to.equal('membalas Bambang');
    expect(article(el, 'a')!.getAttribute('aria-label')).to.equal('Komentar dari Rina');
    await expect(el).to.be.accessible();
  });

  it('shows each comment with its author, a machine-readable time, its body and a reply button', async () => {
    const backend = fresh().list(
      page([
        comment('a', null, 'Agus Setiawan', { author: { name: 'Agus Setiawan', url: 'https://agus.example/' }, body: '**Tebal** dan _miring_' }),
        comment('b', null, 'Penyusup', { author: { name: 'Penyusup', url: 'javascript:alert(1)' } }),
      ]),
    );
    const el = await mountBox({ backend });
    await loaded(el);
    const first = article(el, 'a')!;
    const link = first.querySelector('a[part~="author"]')!;
    expect(link.getAttribute('href')).to.equal('https://agus.example/');
    expect(link.getAttribute('rel')).to.equal('ugc nofollow noopener');
    expect(first.querySelector('time')!.getAttribute('datetime')).to.match(/^2025-03-01T08:00/);
    // Markdown without HTML beside it (a backend that sends no body_html): formatted once the renderer has loaded.
    await waitUntil(() => first.querySelector('[part="comment-body"] strong'), 'the body is rendered as markdown');
    expect(first.querySelector('[part="comment-body"] strong')?.textContent).to.equal('Tebal');
    expect(first.querySelector('button[part="reply-button"]')!.getAttribute('aria-label')).to.equal('Balas Agus Setiawan');
    // A script URL is no website: the name stays plain text.
    expect(article(el, 'b')!.querySelector('a')).to.equal(null);
    expect(text(article(el, 'b')!.querySelector('[part="author"]'))).to.equal('Penyusup');
  });

  it('scrolls a wide table inside its comment, by keyboard too, and never widens the page', async () => {
    const header = `| ${Array.from({ length: 20 }, (_, i) => `Kolom-panjang-${i + 1}`).join(' | ')} |`;
    const table = [header, `|${' --- |'.repeat(20)}`, `| ${Array(20).fill('isi').join(' | ')} |`].join('\n');
    const backend = fresh().list(page([comment('t', null, 'Rina', { body: `Harga di pasar:\n\n${table}` }), comment('h', null, 'Agus', { html: `<table><tr>${'<td>sel-yang-lebar</td>'.repeat(30)}</tr></table>` })]));
    const wrapper = await mount<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    const el = document.createElement('kabar-comment-box');
    el.setAttribute('lang', 'id');
    el.setAttribute('thread', '/artikel/contoh');
    el.setAttribute('loading', 'eager');
    el.backendAdapter = backend;
    wrapper.append(el);
    await loaded(el);
    for (const id of ['t', 'h']) {
      const scroller = article(el, id)!.querySelector('[part="comment-body"] .table-scroll') as HTMLElement;
      expect(scroller, id).not.to.equal(null);
      expect(scroller.querySelector(':scope > table')).not.to.equal(null);
      expect(scroller.tabIndex).to.equal(0);
      expect(scroller.scrollWidth, id).to.be.greaterThan(scroller.clientWidth);
      expect(getComputedStyle(scroller).overflowX).to.equal('auto');
    }
    expect(el.scrollWidth).to.be.at.most(320);
    expect(wrapper.scrollWidth).to.be.at.most(320);
    await expect(el).to.be.accessible();
  });

  it('draws initials instead of loading an http picture, and shows an https one', async () => {
    const backend = fresh().list(
      page([
        comment('a', null, 'Bu Sumiati', { author: { name: 'Bu Sumiati', avatar: 'http://0.gravatar.com/avatar/abc?s=48' } }),
        comment('b', null, 'Nur Aini Lubis', { author: { name: 'Nur Aini Lubis', avatar: 'https://warta.example/nur.jpg' } }),
      ]),
    );
    const el = await mountBox({ backend });
    await loaded(el);
    expect(article(el, 'a')!.querySelector('img')).to.equal(null);
    expect(text(article(el, 'a')!.querySelector('[part="avatar"]'))).to.equal('BS');
    const img = article(el, 'b')!.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('https://warta.example/nur.jpg');
    expect(img.getAttribute('alt')).to.equal('');
  });

  it('shows the reader\u2019s own new comments first when the newest come first', async () => {
    const backend = fresh()
      .list(page([comment('b', null, 'Agus'), comment('a', null, 'Rina')]))
      .post(accepted('approved', 'c-9'), accepted('pending', 'c-10'));
    const el = await mountBox({ backend, sort: 'newest' });
    await loaded(el);
    await fillComment(el, 'Yang pertama');
    await submit(el);
    await waitUntil(() => article(el, 'c-9'));
    expect(idsIn($(el, 'ol[part="thread"]'))).to.deep.equal(['c-9', 'b', 'a']);
    await fillComment(el, 'Yang kedua');
    await submit(el);
    await waitUntil(() => article(el, 'c-10'));
    expect(idsIn($(el, 'ol[part="thread"]'))).to.deep.equal(['c-10', 'c-9', 'b', 'a']);
  });

  it('loads more on request and moves focus to the first new comment', async () => {
    const backend = fresh().list(
      page([comment('a', null, 'Rina'), comment('b', null, 'Agus')], { hasMore: true, total: 3, totalPages: 2 }),
      page([comment('c', null, 'Nur')], { page: 2, total: 3, totalPages: 2 }),
    );
    const el = await mountBox({ backend, perPage: 2 });
    await loaded(el);
    const more = $(el, '[part~="load-more"]')!;
    expect(text(more)).to.equal('Muat komentar lainnya');
    more.click();
    await waitUntil(() => article(el, 'c'), 'the next page did not arrive');
    expect(backend.lists[1].query.page).to.equal(2);
    expect(idsIn($(el, 'ol[part="thread"]'))).to.deep.equal(['a', 'b', 'c']);
    await el.updateComplete;
    expect(focused(el)).to.equal(article(el, 'c'));
    expect($(el, '[part~="load-more"]')).to.equal(null);
  });
});

describe('<kabar-comment-box>: states', () => {
  it('loading: a skeleton holds the space, busy, and accessible', async () => {
    const list = held<Page<Comment>>();
    const backend = fresh().list(list.answer);
    const el = await mountBox({ backend });
    await list.reached;
    await el.updateComplete;
    const skeleton = $(el, '[part="skeleton"]')!;
    expect(skeleton.getAttribute('aria-busy')).to.equal('true');
    expect(skeleton.classList.contains('placeholder')).to.equal(true);
    expect(text(skeleton)).to.contain('Memuat komentar…');
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
    list.release(page([]));
    await loaded(el);
  });

  it('empty: invites the first comment', async () => {
    const el = await mountBox({ backend: fresh() });
    await loaded(el);
    expect(text($(el, '[part="empty"]'))).to.equal('Belum ada komentar. Jadilah yang pertama!');
    expect(text($(el, '#reply-title'))).to.equal('Tinggalkan Balasan');
    expect(text($(el, '#form-note'))).to.equal('Alamat email Anda tidak akan dipublikasikan. Kolom bertanda * wajib diisi.');
    const remember = $(el, '#field-remember') as HTMLInputElement;
    expect(remember.checked).to.equal(false);
    expect(text($(el, 'label[for="field-remember"]'))).to.equal(
      'Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.',
    );
    await expect(el).to.be.accessible();
  });

  it('error: says what went wrong by kind, offers a retry that works, and fires kabar-error', async () => {
    const backend = fresh().list(refuse('network'), page([comment('a', null, 'Rina')]));
    const errorSeen = new Promise<KabarErrorEvent>((resolve) =>
      document.addEventListener('kabar-error', (event) => resolve(event as KabarErrorEvent), { once: true }),
    );
    const el = await mountBox({ backend });
    const event = await errorSeen;
    expect(event.detail.kind).to.equal('network');
    await loaded(el);
    expect(text($(el, '[part="error"]'))).to.contain('Komentar tidak dapat dimuat.');
    expect(text($(el, '[part="error"]'))).to.contain('Tidak dapat terhubung.');
    await expect(el).to.be.accessible();
    $(el, '[part="retry-button"]')!.click();
    await waitUntil(() => article(el, 'a'), 'the retry did not load the thread');
  });

  it('loaded: accessible, with one status region that stays quiet: the reader asked for nothing', async () => {
    const el = await mountBox({ backend: fresh().list(page([comment('a', null, 'Rina'), comment('b', 'a', 'Agus')])) });
    await loaded(el);
    expect($$(el, '[role="status"]')).to.have.length(1);
    expect(text($(el, '[role="status"]'))).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('invalid: errors on submit, linked to their fields, focus on the first', async () => {
    const backend = fresh();
    const el = await mountBox({ backend });
    await loaded(el);
    await typeInto(el, 'field-email', 'bukan-email');
    await submit(el);
    const body = $(el, '#field-body')!;
    expect(body.getAttribute('aria-invalid')).to.equal('true');
    expect(body.getAttribute('aria-describedby')).to.contain('field-body-error');
    expect(text($(el, '#field-body-error'))).to.equal('Kolom ini wajib diisi.');
    expect(text($(el, '#field-email-error'))).to.equal('Masukkan alamat email yang benar, misalnya nama@contoh.id.');
    expect($(el, '#field-url')!.getAttribute('aria-invalid')).to.equal('false');
    expect(focused(el)).to.equal(body);
    expect(backend.comments).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('invalid: the 1,150-column table and a right-to-left override are refused in the form, in both languages, and nothing is sent', async () => {
    const backend = fresh();
    const el = await mountBox({ backend });
    await loaded(el);
    const table = [`|${'a|'.repeat(1_150)}`, `|${'-|'.repeat(1_150)}`, ...Array<string>(90).fill('|b|')].join('\n');
    await fillComment(el, table);
    await submit(el);
    expect($(el, '#field-body')!.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#field-body-error'))).to.contain('tabelnya terlalu besar');
    await fillComment(el, 'Setuju \u202Esekali');
    await submit(el);
    expect(text($(el, '#field-body-error'))).to.contain('pengubah arah teks');
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    await submit(el);
    expect(text($(el, '#field-body-error'))).to.contain('direction-changing');
    expect(backend.comments).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('validates a field when it is left, not before', async () => {
    const el = await mountBox({ backend: fresh() });
    await loaded(el);
    const email = $(el, '#field-email') as HTMLInputElement;
    await typeInto(el, 'field-email', 'rina@');
    expect(email.getAttribute('aria-invalid')).to.equal('false');
    await leave(el, 'field-email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
  });

  it('sending: visible status, one send for a double click, accessible', async () => {
    const post = held<Comment>();
    const backend = fresh().post(post.answer);
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el);
    await submit(el);
    await submit(el);
    await post.reached;
    await el.updateComplete;
    expect(backend.comments).to.have.length(1);
    expect(text($(el, '[part="send-status"]'))).to.equal('Mengirim…');
    expect(text($(el, '[role="status"]'))).to.equal('Mengirim…');
    expect($(el, 'form')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    post.release(await accepted('approved', 'c-1')(backend.comments[0]));
    await waitUntil(() => article(el, 'c-1'), 'the published comment did not show');
    await el.updateComplete;
    expect(text($(el, '[role="status"]'))).to.equal('Komentar Anda sudah tampil.');
  });

  it('pending: the new comment shows in place, marked, focused, and accessible', async () => {
    const backend = fresh().list(page([comment('a', null, 'Rina')]));
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el, 'Semoga posko tetap buka.');
    await submit(el);
    await waitUntil(() => article(el, 'c-new'), 'the pending comment did not show');
    await el.updateComplete;
    const mine = article(el, 'c-new')!;
    expect(text(mine.querySelector('[part="pending-note"]'))).to.equal('Komentar Anda menunggu moderasi.');
    expect(mine.getAttribute('part')).to.contain('comment-pending');
    expect(mine.querySelector('[part="reply-button"]')).to.equal(null);
    expect(focused(el)).to.equal(mine);
    expect(($(el, '#field-body') as HTMLTextAreaElement).value).to.equal('');
    expect(text($(el, '[part="send-status"]'))).to.equal('Komentar Anda menunggu moderasi.');
    await expect(el).to.be.accessible();
  });
});

describe('<kabar-comment-box>: nothing lost', () => {
  it('keeps a pending comment across a reload until the thread lists it as approved', async () => {
    const backend = fresh().list(page([comment('a', null, 'Rina')]));
    const first = await mountBox({ backend });
    await loaded(first);
    await fillComment(first);
    await submit(first);
    await waitUntil(() => article(first, 'c-new'));
    first.remove();

    // A reload: a new element on the same backend and thread; the server still does not list it.
    const again = await mountBox({ backend });
    await loaded(again);
    expect(text(article(again, 'c-new')?.querySelector('[part="pending-note"]'))).to.equal('Komentar Anda menunggu moderasi.');
    again.remove();

    // Approved: the thread lists it, and it shows as a normal comment from then on.
    backend.list(page([comment('a', null, 'Rina'), comment('c-new', null, 'Rina Marlina')]));
    const approved = await mountBox({ backend });
    await loaded(approved);
    expect(article(approved, 'c-new')!.querySelector('[part="pending-note"]')).to.equal(null);
    approved.remove();
    backend.list(page([comment('a', null, 'Rina')]));
    const later = await mountBox({ backend });
    await loaded(later);
    expect(article(later, 'c-new')).to.equal(null);
  });

  it('keeps a draft per thread across a reload, and clears it once the server confirmed', async () => {
    const backend = fresh();
    const one = await mountBox({ backend, thread: '/artikel/satu' });
    await loaded(one);
    await typeInto(one, 'field-body', 'Draf untuk artikel satu');
    one.remove();
    const two = await mountBox({ backend, thread: '/artikel/dua' });
    await loaded(two);
    expect(($(two, '#field-body') as HTMLTextAreaElement).value).to.equal('');
    await typeInto(two, 'field-body', 'Draf untuk artikel dua');
    two.remove();

    const oneAgain = await mountBox({ backend, thread: '/artikel/satu' });
    await loaded(oneAgain);
    expect(($(oneAgain, '#field-body') as HTMLTextAreaElement).value).to.equal('Draf untuk artikel satu');
    expect(text(oneAgain.shadowRoot!.querySelector('form'))).to.contain('Draf Anda sebelumnya dipulihkan.');
    await fillComment(oneAgain, 'Draf untuk artikel satu');
    await submit(oneAgain);
    await waitUntil(() => article(oneAgain, 'c-new'));
    oneAgain.remove();

    const oneLater = await mountBox({ backend, thread: '/artikel/satu' });
    await loaded(oneLater);
    expect(($(oneLater, '#field-body') as HTMLTextAreaElement).value).to.equal('');
    oneLater.remove();
    const twoAgain = await mountBox({ backend, thread: '/artikel/dua' });
    await loaded(twoAgain);
    expect(($(twoAgain, '#field-body') as HTMLTextAreaElement).value).to.equal('Draf untuk artikel dua');
  });

  it('sends with an idempotency key, the honeypot and the time the form was open', async () => {
    const backend = fresh();
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el);
    await submit(el);
    await waitUntil(() => backend.comments.length === 1);
    const [{ comment: sent, options }] = backend.comments;
    expect(options.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    expect(sent.elapsedMs).to.be.a('number');
    expect(sent).to.include({ thread: '/artikel/contoh', parentId: null, authorName: 'Rina Marlina', authorEmail: 'rina@contoh.id' });
    expect(sent.website).to.equal(undefined);
  });

  it('remembers name, e-mail and website only when ticked, and forgets them when unticked', async () => {
    const backend = fresh();
    const plain = await mountBox({ backend });
    await loaded(plain);
    await fillComment(plain);
    await submit(plain);
    await waitUntil(() => backend.comments.length === 1);
    plain.remove();
    let next = await mountBox({ backend });
    await loaded(next);
    expect(($(next, '#field-name') as HTMLInputElement).value).to.equal('');
    expect(localStorage.getItem('kabar:identity')).to.equal(null);

    await fillComment(next);
    await typeInto(next, 'field-url', 'https://rina.example/');
    $(next, '#field-remember')!.click();
    await submit(next);
    await waitUntil(() => backend.comments.length === 2);
    next.remove();
    next = await mountBox({ backend, thread: '/artikel/lain' });
    await loaded(next);
    expect(($(next, '#field-name') as HTMLInputElement).value).to.equal('Rina Marlina');
    expect(($(next, '#field-email') as HTMLInputElement).value).to.equal('rina@contoh.id');
    expect(($(next, '#field-url') as HTMLInputElement).value).to.equal('https://rina.example/');
    expect(($(next, '#field-remember') as HTMLInputElement).checked).to.equal(true);

    $(next, '#field-remember')!.click();
    await next.updateComplete;
    expect(localStorage.getItem('kabar:identity')).to.equal(null);
    next.remove();
    next = await mountBox({ backend });
    await loaded(next);
    expect(($(next, '#field-name') as HTMLInputElement).value).to.equal('');
    expect(($(next, '#field-remember') as HTMLInputElement).checked).to.equal(false);
  });

  it('waits visibly while offline and sends when the connection returns', async () => {
    const backend = fresh().post(accepted('approved', 'c-2'));
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      await submit(el);
      await waitUntil(() => text($(el, '[part="send-status"]')).includes('luring'), 'no offline status');
      expect(backend.comments).to.have.length(0);
      await expect(el).to.be.accessible();
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine;
    }
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => article(el, 'c-2'), 'the comment was not sent after the connection returned');
    expect(backend.comments).to.have.length(1);
  });

  it('shows the server\u2019s field errors on their fields', async () => {
    // Adapters hand the element the model's field names, whatever the server called them.
    const backend = fresh().post(refuse('validation', { status: 422, fields: { authorEmail: 'invalid_email', body: 'too_long' } }));
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el);
    await submit(el);
    await waitUntil(() => $(el, '#field-email-error'), 'the field error did not show');
    await el.updateComplete;
    expect($(el, '#field-email')!.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#field-body-error'))).to.equal('Isian ini terlalu panjang.');
    expect(focused(el)).to.equal($(el, '#field-body'));
    expect(($(el, '#field-body') as HTMLTextAreaElement).value).to.equal('Terima kasih atas liputannya.');
    await expect(el).to.be.accessible();
  });
});

describe('<kabar-comment-box>: replying and preview', () => {
  it('moves the form under the comment, focuses the text, and cancels back', async () => {
    const backend = fresh().list(page([comment('a', null, 'Rina'), comment('b', null, 'Agus')]));
    const el = await mountBox({ backend });
    await loaded(el);
    article(el, 'a')!.querySelector<HTMLElement>('[part="reply-button"]')!.click();
    await el.updateComplete;
    const form = $(el, 'form')!;
    expect(article(el, 'a')!.parentElement!.contains(form)).to.equal(true);
    expect(text($(el, '#reply-title'))).to.equal('Tinggalkan Balasan ke Rina');
    expect(focused(el)).to.equal($(el, '#field-body'));
    await expect(el).to.be.accessible();

    $(el, '[part="cancel-reply"]')!.click();
    await el.updateComplete;
    expect($(el, 'ol[part="thread"]')!.contains($(el, 'form'))).to.equal(false);
    expect(focused(el)).to.equal(article(el, 'a')!.querySelector('[part="reply-button"]'));
  });

  it('sends a reply with its parent', async () => {
    const backend = fresh().list(page([comment('a', null, 'Rina')]));
    const el = await mountBox({ backend });
    await loaded(el);
    article(el, 'a')!.querySelector<HTMLElement>('[part="reply-button"]')!.click();
    await el.updateComplete;
    await fillComment(el, 'Setuju, Bu.');
    await submit(el);
    await waitUntil(() => article(el, 'c-new'));
    expect(backend.comments[0].comment.parentId).to.equal('a');
    // Shown where it belongs: under the comment it answers.
    expect(idsIn(article(el, 'a')!.parentElement!.querySelector('[part~="replies"]'))).to.deep.equal(['c-new']);
  });

  it('previews markdown for a Kabar backend, and not for WordPress', async () => {
    const el = await mountBox({ backend: fresh() });
    await loaded(el);
    await typeInto(el, 'field-body', 'Ini **penting**');
    const toggle = $(el, '[part="preview-button"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect($(el, '[part="preview"] strong')?.textContent).to.equal('penting');
    await expect(el).to.be.accessible();

    const wp = await mountBox({ backend: fresh(), source: 'wordpress', thread: '15' });
    await loaded(wp);
    expect($(wp, '[part="preview-button"]')).to.equal(null);
  });
});

describe('<kabar-comment-box>: events and languages', () => {
  it('fires kabar-load with the page', async () => {
    const backend = fresh().list(page([comment('a', null, 'Rina')]));
    const el = mount<KabarCommentBox>(html`<kabar-comment-box loading="eager" thread="x" .backendAdapter=${backend}></kabar-comment-box>`);
    const event: KabarLoadEvent = await oneEvent(document, 'kabar-load');
    expect(event.detail).to.include({ kind: 'comments', page: 1, hasMore: false });
    await el;
  });

  it('lets kabar-submit cancel the send, and fires kabar-submitted with the comment', async () => {
    const backend = fresh();
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el);
    const cancel = (event: Event) => event.preventDefault();
    el.addEventListener('kabar-submit', cancel, { once: true });
    await submit(el);
    expect(backend.comments).to.have.length(0);

    const submitted: Promise<KabarSubmittedEvent> = oneEvent(el, 'kabar-submitted');
    const submitting: Promise<KabarSubmitEvent> = oneEvent(el, 'kabar-submit');
    await submit(el);
    const before = await submitting;
    expect(before.cancelable).to.equal(true);
    expect(before.detail).to.deep.include({ kind: 'comment' });
    const after = await submitted;
    expect(after.detail.kind).to.equal('comment');
    expect(after.detail.kind === 'comment' && after.detail.comment.status).to.equal('pending');
  });

  it('speaks English when the page does', async () => {
    const backend = fresh().list(page([comment('a', null, 'Rina'), comment('b', 'a', 'Agus')]));
    const el = await mountBox({ backend, lang: 'en' });
    await loaded(el);
    expect(text($(el, '#reply-title'))).to.equal('Leave a Reply');
    expect(text($(el, '#form-note'))).to.equal('Your email address will not be published. Required fields are marked *.');
    expect(text($(el, 'label[for="field-remember"]'))).to.equal(
      'Save my name, email, and website in this browser for the next time I comment.',
    );
    expect(text($(el, '[part="submit-button"]'))).to.equal('Post Comment');
    expect(article(el, 'b')!.querySelector('[part="reply-button"]')!.getAttribute('aria-label')).to.equal('Reply to Agus');
    await fillComment(el);
    await submit(el);
    await waitUntil(() => article(el, 'c-new'));
    expect(text(article(el, 'c-new')!.querySelector('[part="pending-note"]'))).to.equal('Your comment is awaiting moderation.');

    const empty = await mountBox({ backend: fresh(), lang: 'en' });
    await loaded(empty);
    expect(text($(empty, '[part="empty"]'))).to.equal('No comments yet. Be the first!');
  });

  it('reports a refused send as kabar-error and keeps the text', async () => {
    const backend = fresh().post(refuse('http', { status: 409, code: 'duplicate' }));
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el);
    const failed: Promise<KabarErrorEvent> = oneEvent(el, 'kabar-error');
    await submit(el);
    expect((await failed).detail).to.be.instanceOf(BackendError);
    await el.updateComplete;
    expect(text($(el, '[part="form-error"]'))).to.equal('Komentar yang sama sudah pernah Anda kirim.');
    expect(($(el, '#field-body') as HTMLTextAreaElement).value).to.equal('Terima kasih atas liputannya.');
  });
});

describe('<kabar-comment-box loading="lazy">', () => {
  /** A stand-in for the browser's observer that the test drives: what the box does when told "near" or "not yet". */
  class StandInObserver {
    static last?: StandInObserver;
    observed: Element[] = [];
    constructor(
      readonly callback: IntersectionObserverCallback,
      readonly options: IntersectionObserverInit = {},
    ) {
      StandInObserver.last = this;
    }
    observe(target: Element) {
      this.observed.push(target);
    }
    disconnect() {
      this.observed = [];
    }
    report(isIntersecting: boolean) {
      const entries = this.observed.map((target) => ({ target, isIntersecting }) as IntersectionObserverEntry);
      this.callback(entries, this as unknown as IntersectionObserver);
    }
  }

  it('asks for nothing until its observer reports it near, watching ahead of the viewport', async () => {
    const real = window.IntersectionObserver;
    window.IntersectionObserver = StandInObserver as unknown as typeof IntersectionObserver;
    try {
      const backend = fresh();
      const el = await mount<KabarCommentBox>(html`<kabar-comment-box thread="/artikel/jauh" .backendAdapter=${backend}></kabar-comment-box>`);
      const observer = StandInObserver.last!;
      expect(observer.observed).to.deep.equal([el]);
      expect(observer.options.rootMargin).to.match(/^[1-9]\d*px/);
      expect($(el, '[part="skeleton"]')).to.not.equal(null);
      expect(el.getBoundingClientRect().height).to.be.greaterThan(100);
      observer.report(false);
      await el.updateComplete;
      expect(backend.lists).to.have.length(0);
      observer.report(true);
      await waitUntil(() => backend.lists.length === 1, 'being near did not load the thread');
      expect(observer.observed).to.deep.equal([]);
      await loaded(el);
    } finally {
      window.IntersectionObserver = real;
    }
  });

  it('with the browser\u2019s own observer: nothing until scrolled near, then the thread', async function () {
    // A test page in a background tab (test files run side by side) renders nothing, so no observer reports.
    if (document.visibilityState !== 'visible') this.skip();
    const backend = fresh();
    const wrapper = await mount<HTMLDivElement>(html`<div>
      <div class="spacer"></div>
      <kabar-comment-box lang="id" thread="/artikel/jauh" .backendAdapter=${backend}></kabar-comment-box>
    </div>`);
    // Far below the fold: five viewports down, well past the look-ahead margin.
    wrapper.querySelector<HTMLElement>('.spacer')!.style.setProperty('height', `${window.innerHeight * 5}px`);
    const el = wrapper.querySelector<KabarCommentBox>('kabar-comment-box')!;
    await el.updateComplete;
    // Give the observer a few rounds of rendering; it reports "not intersecting".
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.lists).to.have.length(0);

    el.scrollIntoView();
    await waitUntil(() => backend.lists.length === 1, 'scrolling near did not load the thread', { timeout: 5000 });
    await loaded(el);
    window.scrollTo(0, 0);
  });
});
