import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakeBackend, comment, page } from '../support/fake-backend.js';
import { $, article, focused, loaded, mountBox } from './helpers.js';

/** The name of what has focus, for readable failures. */
const describe_ = (node: Element | null) => (node ? `${node.tagName.toLowerCase()}#${node.id || node.className}` : 'nothing');

async function tab(times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await sendKeys({ press: 'Tab' });
}

describe('<kabar-comment-box> by keyboard alone', () => {
  afterEach(() => localStorage.removeItem('kabar:identity'));

  it('replies, cancels with Escape, replies again and sends', async () => {
    const backend = new FakeBackend([], `keyboard-${Date.now()}`).list(page([comment('a', null, 'Rina'), comment('b', null, 'Agus')]));
    const el = await mountBox({ backend, source: 'wordpress', thread: '15' });
    await loaded(el);

    // Into the box from the page: the first stop is the first reply button.
    const replyA = article(el, 'a')!.querySelector<HTMLButtonElement>('[part="reply-button"]')!;
    replyA.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focused(el), describe_(focused(el))).to.equal($(el, '#field-body'));
    expect(replyA.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ type: 'Setuju sekali' });

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(focused(el), describe_(focused(el))).to.equal(replyA);
    expect($(el, 'ol[part="thread"]')!.contains($(el, 'form'))).to.equal(false);

    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(focused(el), describe_(focused(el))).to.equal($(el, '#field-body'));
    // The text typed before cancelling is still there.
    expect(($(el, '#field-body') as HTMLTextAreaElement).value).to.equal('Setuju sekali');

    await tab();
    expect(focused(el), describe_(focused(el))).to.equal($(el, '#field-name'));
    await sendKeys({ type: 'Sekar Ayu' });
    await tab();
    await sendKeys({ type: 'sekar@contoh.id' });
    await tab(3); // website, remember, then the send button
    expect(focused(el), describe_(focused(el))).to.equal($(el, '[part="submit-button"]'));
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => backend.comments.length === 1, 'Enter on the button did not send');
    expect(backend.comments[0].comment).to.include({ parentId: 'a', body: 'Setuju sekali', authorName: 'Sekar Ayu', authorEmail: 'sekar@contoh.id' });
    await waitUntil(() => article(el, 'c-new'));
    await el.updateComplete;
    expect(focused(el), describe_(focused(el))).to.equal(article(el, 'c-new'));
  });

  it('sends the main form with Enter from the last field', async () => {
    const backend = new FakeBackend([], `keyboard-enter-${Date.now()}`);
    const el = await mountBox({ backend });
    await loaded(el);
    $(el, '#field-body')!.focus();
    await sendKeys({ type: 'Komentar pertama' });
    await tab(2); // the preview toggle, then the name
    await sendKeys({ type: 'Sekar Ayu' });
    await tab();
    await sendKeys({ type: 'sekar@contoh.id' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => backend.comments.length === 1, 'Enter in a field did not send');
    expect(backend.comments[0].comment.body).to.equal('Komentar pertama');
  });
});
