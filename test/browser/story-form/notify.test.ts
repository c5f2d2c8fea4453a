import { expect, waitUntil } from '@open-wc/testing';
import { $, check, fillValid, mountForm, submit, text } from './helpers.js';

describe('<kabar-story-form>: "your story was published" by e-mail', () => {
  it('offers it unticked beside the consent, and sends notify only when ticked', async () => {
    const { el, backend } = await mountForm();
    const box = $(el, '#field-notify') as HTMLInputElement;
    expect(box.checked).to.equal(false);
    expect(text(box.closest('label'))).to.match(/^Kabari saya lewat email saat cerita saya terbit/);
    await fillValid(el);
    await check(el, 'field-notify');
    await submit(el);
    await waitUntil(() => backend.stories.length === 1);
    expect(backend.stories[0].story.notify).to.equal(true);
  });

  it('leaves it out for form services and e-mail, which cannot send it', async () => {
    const { el } = await mountForm({ source: 'endpoint' });
    expect($(el, '#field-notify')).to.equal(null);
  });
});
