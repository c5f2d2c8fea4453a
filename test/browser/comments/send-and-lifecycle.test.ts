import { expect, waitUntil } from '@open-wc/testing';
import type { Comment, Page } from '../../../src/backends/types.js';
import { FakeBackend, accepted, comment, held, page, refuse } from '../support/fake-backend.js';
import { $, article, fillComment, loaded, mountBox, submit, text, typeInto } from './helpers.js';

let labels = 0;
const fresh = () => new FakeBackend([], `fake-life-${Date.now()}-${labels++}`);

/** A few rounds of tasks: long enough for a request that should not start to have started. */
const rounds = async (count = 5) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const body = (el: Element) => ($(el, '#field-body') as HTMLTextAreaElement).value;

describe('<kabar-comment-box>: typing while a comment is on its way', () => {
  it('keeps the new text, and sends it later as a new comment with a new key', async () => {
    const post = held<Comment>();
    const backend = fresh().post(post.answer, accepted('pending', 'c-2'));
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el, 'Komentar pertama.');
    await submit(el);
    await post.reached;
    await typeInto(el, 'field-body', 'Komentar pertama. Satu hal lagi: posko buka sampai Minggu.');
    post.release(await accepted('pending', 'c-1')(backend.comments[0]));
    await waitUntil(() => article(el, 'c-1'), 'the sent comment did not show');
    await el.updateComplete;
    expect(body(el)).to.equal('Komentar pertama. Satu hal lagi: posko buka sampai Minggu.');
    expect(text($(el, '[part="send-status"]'))).to.equal('Komentar Anda menunggu moderasi.');
    await expect(el).to.be.accessible();

    await submit(el);
    await waitUntil(() => article(el, 'c-2'), 'the second comment did not show');
    expect(backend.comments.map((s) => s.comment.body)).to.deep.equal([
      'Komentar pertama.',
      'Komentar pertama. Satu hal lagi: posko buka sampai Minggu.',
    ]);
    expect(backend.comments[1].options.idempotencyKey).to.be.a('string').and.not.equal(backend.comments[0].options.idempotencyKey);
    await el.updateComplete;
    expect(body(el)).to.equal('');
  });
});

describe('<kabar-comment-box>: a key the server already holds', () => {
  it('says an earlier version was received, and the next send takes a new key', async () => {
    const backend = fresh().post(refuse('http', { status: 422, code: 'idempotency_key_reused' }), accepted('pending', 'c-3'));
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el);
    await submit(el);
    await waitUntil(() => $(el, '[part="form-error"]'), 'the refusal was not shown');
    expect(text($(el, '[part="form-error"]'))).to.equal(
      'Versi sebelumnya dari komentar ini sudah kami terima dan menunggu moderasi. Kirim lagi bila versi ini juga perlu dikirim.',
    );
    expect(body(el)).to.equal('Terima kasih atas liputannya.');
    await expect(el).to.be.accessible();

    await submit(el);
    await waitUntil(() => article(el, 'c-3'), 'the resend did not go through');
    expect(backend.comments).to.have.length(2);
    expect(backend.comments[1].options.idempotencyKey).to.be.a('string').and.not.equal(backend.comments[0].options.idempotencyKey);
  });

  it('takes a new key after any other refusal too', async () => {
    const backend = fresh().post(refuse('http', { status: 403 }), accepted('pending', 'c-4'));
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el);
    await submit(el);
    await waitUntil(() => $(el, '[part="form-error"]'), 'the refusal was not shown');
    await submit(el);
    await waitUntil(() => article(el, 'c-4'), 'the resend did not go through');
    expect(backend.comments[1].options.idempotencyKey).to.not.equal(backend.comments[0].options.idempotencyKey);
  });
});

describe('<kabar-comment-box>: taken off the page', () => {
  it('asks for nothing more once removed while loading, and loads again when put back', async () => {
    const first = held<Page<Comment>>();
    const backend = fresh().list(first.answer, page([comment('a', null, 'Rina')]));
    const el = await mountBox({ backend });
    await first.reached;
    const parent = el.parentElement!;
    el.remove();
    first.release(page([comment('x', null, 'Agus')]));
    await rounds();
    expect(backend.lists).to.have.length(1);

    parent.append(el);
    await waitUntil(() => article(el, 'a'), 'back on the page, the thread did not load');
    expect(backend.lists).to.have.length(2);
  });
});

describe('<kabar-comment-box>: what is announced', () => {
  it('announces the count after the reader\u2019s retry, not after the first load', async () => {
    const backend = fresh().list(refuse('network'), page([comment('a', null, 'Rina')]));
    const el = await mountBox({ backend });
    await loaded(el);
    expect(text($(el, '[role="status"]'))).to.contain('Komentar tidak dapat dimuat.');
    $(el, '[part="retry-button"]')!.click();
    await waitUntil(() => article(el, 'a'), 'the retry did not load the thread');
    await el.updateComplete;
    expect(text($(el, '[role="status"]'))).to.equal('1 komentar dimuat.');
  });

  it('announces the count of a page the reader asked for with "load more"', async () => {
    const backend = fresh().list(
      page([comment('a', null, 'Rina')], { hasMore: true, total: 3, totalPages: 2 }),
      page([comment('b', null, 'Nur'), comment('c', null, 'Agus')], { page: 2, total: 3, totalPages: 2 }),
    );
    const el = await mountBox({ backend, perPage: 1 });
    await loaded(el);
    expect(text($(el, '[role="status"]'))).to.equal('');
    $(el, '[part~="load-more"]')!.click();
    await waitUntil(() => article(el, 'c'), 'the next page did not arrive');
    await el.updateComplete;
    expect(text($(el, '[role="status"]'))).to.equal('2 komentar dimuat.');
  });
});
