import { expect, html } from '@open-wc/testing';
import { mount } from '../support/mount.js';
import { sendKeys } from '@web/test-runner-commands';
import type { KabarStoryForm } from '../../../src/elements/story-form/story-form.js';
import { FakeBackend, held, type SentStory, receipt } from '../support/fake-backend.js';
import type { StoryReceipt } from '../../../src/backends/types.js';
import { $, settle, text } from './helpers.js';

/** Where focus is inside the form: the id of the active element in its shadow root. */
const focused = (el: KabarStoryForm) => el.shadowRoot!.activeElement?.id ?? '(outside)';

/** A key, or a chord like `Shift+Tab` (held modifier, key, release). */
async function press(key: string) {
  const [modifier, main] = key.includes('+') ? key.split('+') : [undefined, key];
  if (modifier) await sendKeys({ down: modifier });
  await sendKeys({ press: main });
  if (modifier) await sendKeys({ up: modifier });
}

async function typeText(value: string) {
  await sendKeys({ type: value });
}

describe('<kabar-story-form> by keyboard alone', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('can be filled in and sent with the keyboard, errors first', async () => {
    const backend = new FakeBackend();
    const wrapper = await mount<HTMLDivElement>(html`<div>
      <button id="before">sebelum</button>
      <kabar-story-form lang="id" categories="budaya:Budaya,lingkungan:Lingkungan" .backendAdapter=${backend}></kabar-story-form>
    </div>`);
    const el = wrapper.querySelector('kabar-story-form')!;
    await settle(el);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

    await press('Tab');
    expect(focused(el)).to.equal('name');
    await typeText('Sari Wulandari');
    await press('Tab');
    expect(focused(el)).to.equal('email');
    await typeText('sari@contoh.id');
    await press('Tab');
    expect(focused(el)).to.equal('community');
    await press('Tab');
    expect(focused(el)).to.equal('title');
    await typeText('Bakau untuk pantai kami');
    await press('Tab');
    expect(focused(el)).to.equal('tab-write');
    await press('Tab');
    expect(focused(el)).to.equal('body');
    await typeText('Warga membersihkan pantai setiap Sabtu pagi.');

    // Enter in a text field sends the form: the summary takes focus and names the short story.
    await press('Shift+Tab');
    await press('Shift+Tab');
    expect(focused(el)).to.equal('title');
    await press('Enter');
    await settle(el);
    const summary = $(el, '[part="error-summary"]')!;
    expect(focused(el)).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    expect(text(summary)).to.contain('Cerita: Tulisan minimal 2 paragraf.');
    expect(backend.stories).to.have.length(0);

    // Follow the summary's link to the story, by keyboard.
    await press('Tab');
    expect(text(el.shadowRoot!.activeElement)).to.contain('Cerita');
    await press('Enter');
    await settle(el);
    expect(focused(el)).to.equal('body');
    await press('Control+End');
    await press('Enter');
    await press('Enter');
    await typeText('Kini mereka juga menanam bakau bersama siswa sekolah dasar.');
    await settle(el);
    expect(text($(el, '#body-count'))).to.match(/^2 dari minimal 2 paragraf/);

    await press('Tab');
    expect(focused(el)).to.equal('category');
    await press('ArrowDown');
    await press('Tab');
    expect(focused(el)).to.equal('elsewhere-yes');
    await press('ArrowRight');
    expect(focused(el)).to.equal('elsewhere-no');
    await press('Tab');
    expect(focused(el)).to.equal('photo');
    await press('Tab');
    expect(focused(el)).to.equal('consent');
    await press('Space');
    await press('Tab');
    // The opt-in to "your story was published" by e-mail, left unticked.
    expect(focused(el)).to.equal('field-notify');
    await press('Tab');
    expect(el.shadowRoot!.activeElement?.getAttribute('type')).to.equal('submit');
    await press('Enter');
    await settle(el);

    expect(backend.stories).to.have.length(1);
    const { story } = backend.stories[0];
    expect(story).to.include({ name: 'Sari Wulandari', email: 'sari@contoh.id', title: 'Bakau untuk pantai kami', category: 'budaya' });
    expect(story.body).to.equal(
      'Warga membersihkan pantai setiap Sabtu pagi.\n\nKini mereka juga menanam bakau bersama siswa sekolah dasar.',
    );
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="receipt-title"]'));
  });

  it('sends once on a double Enter', async () => {
    const wait = held<StoryReceipt, SentStory>();
    const backend = new FakeBackend().answerStories(wait.answer);
    const el = await mount<KabarStoryForm>(html`<kabar-story-form lang="id" .backendAdapter=${backend}></kabar-story-form>`);
    const root = el.shadowRoot!;
    const fill = (id: string, value: string) => {
      const field = root.getElementById(id) as HTMLInputElement;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    fill('name', 'Sari');
    fill('email', 'sari@contoh.id');
    fill('title', 'Bakau untuk pantai kami');
    fill('body', 'Paragraf pertama.\n\nParagraf kedua.');
    (root.getElementById('consent') as HTMLInputElement).click();
    await el.updateComplete;
    (root.getElementById('title') as HTMLInputElement).focus();
    await press('Enter');
    await press('Enter');
    await wait.reached;
    await press('Enter');
    await settle(el);
    expect(backend.stories).to.have.length(1);
    wait.release(receipt());
    await settle(el);
    expect(backend.stories).to.have.length(1);
    expect($(el, '[part="receipt"]')).not.to.equal(null);
  });
});
