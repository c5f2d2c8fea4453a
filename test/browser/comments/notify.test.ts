import { expect, waitUntil } from '@open-wc/testing';
import { FakeBackend } from '../support/fake-backend.js';
import { $, fillComment, loaded, mountBox, submit, text } from './helpers.js';

let labels = 0;
const fresh = () => new FakeBackend([], `fake-notify-${Date.now()}-${labels++}`);

describe('<kabar-comment-box>: e-mail notices', () => {
  it('offers "Kabari saya lewat email…" unticked, as one large target whose label ticks it', async () => {
    const el = await mountBox({ backend: fresh() });
    await loaded(el);
    const box = $(el, '#field-notify') as HTMLInputElement;
    expect(box.checked).to.equal(false);
    const label = box.closest('label')!;
    expect(text(label)).to.match(/^Kabari saya lewat email saat komentar saya tayang/);
    expect(label.getBoundingClientRect().height).to.be.at.least(44);
    label.querySelector('span')!.click();
    await el.updateComplete;
    expect(box.checked).to.equal(true);
  });

  it('sends notify only when ticked', async () => {
    const backend = fresh();
    const el = await mountBox({ backend });
    await loaded(el);
    await fillComment(el);
    await submit(el);
    await waitUntil(() => backend.comments.length === 1);
    expect(backend.comments[0].comment.notify).to.equal(undefined);

    await fillComment(el, 'Komentar kedua, kali ini minta dikabari.');
    $(el, '#field-notify')!.click();
    await submit(el);
    await waitUntil(() => backend.comments.length === 2);
    expect(backend.comments[1].comment.notify).to.equal(true);
  });

  it('speaks English with lang="en"', async () => {
    const el = await mountBox({ backend: fresh(), lang: 'en' });
    await loaded(el);
    expect(text($(el, '#field-notify')!.closest('label'))).to.match(/^Email me when my comment is published/);
  });

  it('is not offered on a WordPress-backed box, which cannot send it', async () => {
    const el = await mountBox({ backend: fresh(), source: 'wordpress', thread: '12' });
    await loaded(el);
    expect($(el, '#field-notify')).to.equal(null);
    expect($(el, '#field-remember')).to.not.equal(null);
  });
});
