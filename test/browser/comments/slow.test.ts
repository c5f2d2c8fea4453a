import { expect, html, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import type { KabarCommentBox } from '../../../src/elements/comment-box/comment-box.js';
import type { Comment, Page } from '../../../src/backends/types.js';
import { mount } from '../support/mount.js';
import { fallbackShown } from '../support/dom.js';
import { $, $$, loaded } from './helpers.js';
import { FakeBackend, comment, held, page } from '../support/fake-backend.js';


async function boxIn(lang: string, backend: FakeBackend): Promise<KabarCommentBox> {
  const el = await mount<KabarCommentBox>(html`<kabar-comment-box lang=${lang} thread="/artikel/contoh" loading="eager" .backendAdapter=${backend}>
    <a href="/artikel/contoh#komentar">Baca komentar</a>
  </kabar-comment-box>`);
  await el.updateComplete;
  return el;
}

describe('comment box on a slow connection', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  it('after 6 s says the connection is slow with the page author’s link, then shows the thread', async () => {
    const answer = held<Page<Comment>>();
    const backend = new FakeBackend().list(answer.answer);
    const el = await boxIn('id', backend);
    await answer.reached;
    await el.updateComplete;
    expect($(el, '[part="slow"]')).to.equal(null);
    expect($(el, '[part="skeleton"]')).to.not.equal(null);
    expect(fallbackShown(el)).to.equal(false);

    clock.tick(5_900);
    await el.updateComplete;
    expect($(el, '[part="slow"]')).to.equal(null);
    clock.tick(200);
    await el.updateComplete;
    expect($(el, '[part="slow"]')?.textContent?.trim()).to.equal('Koneksi lambat, masih mencoba…');
    expect(fallbackShown(el)).to.equal(true);

    clock.restore();
    answer.release(page([comment('c1', null, 'Rina'), comment('c2', null, 'Budi')]));
    await loaded(el);
    expect($$(el, '[part="comment-item"]').length).to.equal(2);
    expect($(el, '[part="slow"]')).to.equal(null);
    expect(fallbackShown(el)).to.equal(false);
  });

  it('says it in English on an English page, and stops saying it when the thread fails', async () => {
    const answer = held<Page<Comment>>();
    const backend = new FakeBackend().list(answer.answer);
    const el = await boxIn('en', backend);
    await answer.reached;
    clock.tick(6_000);
    await el.updateComplete;
    expect($(el, '[part="slow"]')?.textContent?.trim()).to.equal('Slow connection, still trying…');

    clock.restore();
    answer.fail(new TypeError('Failed to fetch'));
    await waitUntil(() => $(el, '[part="retry-button"]'), 'no retry button');
    expect($(el, '[part="slow"]')).to.equal(null);
    expect(fallbackShown(el)).to.equal(true);
  });
});
