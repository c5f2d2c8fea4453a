import { expect, html, waitUntil } from '@open-wc/testing';
import { fakeTimers } from '../support/clock.js';
import { mount } from '../support/mount.js';
import { BackendError } from '../../../src/backends/backend.js';
import type { KabarStoryForm } from '../../../src/elements/story-form/story-form.js';
import { KabarSubmitEvent, KabarSubmittedEvent, type KabarErrorEvent } from '../../../src/core/events.js';
import { FakeBackend, refuse, held, receipt, type SentStory } from '../support/fake-backend.js';
import type { StoryReceipt } from '../../../src/backends/types.js';
import { $, $$, TWO_PARAGRAPHS, blur, check, fieldError, fillValid, mountForm, settle, submit, text, type } from './helpers.js';

const DRAFT_KEY = 'kabar:draft:story:kabar:';

function storedDraft(): { values: Record<string, unknown>; key: string } | undefined {
  const raw = localStorage.getItem(DRAFT_KEY);
  return raw ? JSON.parse(raw) : undefined;
}

describe('<kabar-story-form>', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  describe('fields', () => {
    it('marks the required fields and says what * means', async () => {
      const { el } = await mountForm();
      expect(text($(el, '[part="required-note"]'))).to.equal('Kolom bertanda * wajib diisi.');
      for (const id of ['name', 'email', 'title', 'body', 'consent']) {
        expect(text(el.shadowRoot!.querySelector(`label[for="${id}"]`)), id).to.contain('*');
        expect($(el, `#${id}`)!.hasAttribute('required'), id).to.equal(true);
      }
      expect(text(el.shadowRoot!.querySelector('label[for="community"]'))).not.to.contain('*');
      await expect(el).to.be.accessible();
    });

    it('asks for the original link only when the story was published elsewhere, and then requires it', async () => {
      const { el } = await mountForm();
      expect(text($(el, 'legend'))).to.equal('Sudah pernah dimuat di media lain?');
      expect($(el, '#originalUrl')).to.equal(null);
      await check(el, 'elsewhere-yes');
      expect($(el, '#originalUrl')).not.to.equal(null);
      await blur(el, 'originalUrl');
      expect(fieldError(el, 'originalUrl')).to.equal('Kolom ini wajib diisi.');
      await type(el, 'originalUrl', 'javascript:alert(1)');
      expect(fieldError(el, 'originalUrl')).to.equal('Masukkan tautan lengkap yang diawali http:// atau https://.');
      await type(el, 'originalUrl', 'https://blog.contoh.id/bakau');
      expect(fieldError(el, 'originalUrl')).to.equal('');
    });

    it('offers categories from the backend, or from the attribute, and hides the field without any', async () => {
      const backend = new FakeBackend();
      backend.categories = [{ id: '3', slug: 'lingkungan', name: 'Lingkungan' }];
      const fromBackend = (await mountForm({ backend })).el;
      await settle(fromBackend);
      const options = $$(fromBackend, '#category option').map((option) => text(option));
      expect(options).to.deep.equal(['Tanpa kategori', 'Lingkungan']);

      const fromAttribute = (await mountForm({ categories: 'budaya:Budaya, pendidikan:Pendidikan' })).el;
      await settle(fromAttribute);
      expect($$(fromAttribute, '#category option').map((option) => (option as HTMLOptionElement).value)).to.deep.equal([
        '',
        'budaya',
        'pendidikan',
      ]);

      const none = (await mountForm()).el;
      await settle(none);
      expect($(none, '#category')).to.equal(null);
    });

    it('sends the chosen category, the honeypot and the time the form was open', async () => {
      const { el, backend } = await mountForm({ categories: 'budaya:Budaya,pendidikan:Pendidikan' });
      await settle(el);
      await fillValid(el);
      const select = $(el, '#category') as HTMLSelectElement;
      select.value = 'pendidikan';
      select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await submit(el);
      expect(backend.stories).to.have.length(1);
      const { story } = backend.stories[0];
      expect(story).to.include({
        name: 'Sari Wulandari',
        email: 'sari@contoh.id',
        community: 'Komunitas Pesisir Hijau',
        title: 'Bakau untuk pantai kami',
        body: TWO_PARAGRAPHS,
        category: 'pendidikan',
        consent: true,
        website: '',
      });
      expect(story.originalUrl).to.equal(undefined);
      expect(story.elapsedMs).to.be.a('number').and.to.be.at.least(0);
    });

    it('has a hidden honeypot that people never reach', async () => {
      const { el } = await mountForm();
      const honeypot = $(el, '#website') as HTMLInputElement;
      expect(honeypot.tabIndex).to.equal(-1);
      expect(honeypot.getAttribute('autocomplete')).to.equal('off');
      expect(honeypot.closest('[aria-hidden="true"]')).not.to.equal(null);
    });

    it('links the consent to the privacy page', async () => {
      const { el } = await mountForm({ privacyUrl: 'https://contoh.id/privasi' });
      const link = $(el, 'a[href="https://contoh.id/privasi"]');
      expect(text(link)).to.equal('Kebijakan privasi');
    });
  });

  describe('story editor', () => {
    it('counts paragraphs and words as the writer types', async () => {
      const { el } = await mountForm();
      expect(text($(el, '#body-count'))).to.equal('0 dari minimal 2 paragraf · 0 kata');
      await type(el, 'body', 'Satu paragraf saja.');
      expect(text($(el, '#body-count'))).to.equal('1 dari minimal 2 paragraf · 3 kata');
      await type(el, 'body', TWO_PARAGRAPHS);
      expect(text($(el, '#body-count'))).to.match(/^2 dari minimal 2 paragraf · \d+ kata$/);
      expect($(el, '#body')!.getAttribute('aria-describedby')).to.contain('body-count');
    });

    it('previews the markdown in a tab, sanitised, and goes back to writing', async () => {
      const { el } = await mountForm();
      await type(el, 'body', 'Kami **menanam** bakau.\n\n<img src=x onerror="window.__hit = 1">');
      const [write, preview] = $$(el, '[role="tab"]');
      expect(write.getAttribute('aria-selected')).to.equal('true');
      preview.click();
      await el.updateComplete;
      expect(preview.getAttribute('aria-selected')).to.equal('true');
      const panel = $(el, '#panel-preview')!;
      expect(panel.hidden).to.equal(false);
      expect($(el, '#panel-write')!.hidden).to.equal(true);
      // The markdown renderer loads on the first Preview.
      await waitUntil(() => panel.querySelector('strong'), 'the preview is rendered');
      expect(panel.querySelector('strong')?.textContent).to.equal('menanam');
      expect(panel.querySelector('[onerror]')).to.equal(null);
      await expect(el).to.be.accessible();
      write.click();
      await el.updateComplete;
      expect(($(el, '#body') as HTMLTextAreaElement).value).to.contain('**menanam**');
    });

    it('moves between the tabs with the arrow keys', async () => {
      const { el } = await mountForm();
      const [write] = $$(el, '[role="tab"]');
      write.focus();
      write.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
      await settle(el);
      expect(el.shadowRoot!.activeElement?.id).to.equal('tab-preview');
      expect($(el, '#tab-preview')!.getAttribute('aria-selected')).to.equal('true');
      expect($(el, '#tab-write')!.tabIndex).to.equal(-1);
    });
  });

  describe('validation', () => {
    it('shows a field’s message after the writer leaves it, wired with aria-invalid and aria-describedby', async () => {
      const { el } = await mountForm();
      const email = $(el, '#email')!;
      expect(fieldError(el, 'email')).to.equal('');
      expect(email.getAttribute('aria-invalid')).to.equal('false');
      await type(el, 'email', 'sari@');
      expect(fieldError(el, 'email'), 'not while typing').to.equal('');
      await blur(el, 'email');
      expect(fieldError(el, 'email')).to.equal('Masukkan alamat email yang benar, misalnya nama@contoh.id.');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(email.getAttribute('aria-describedby')!.split(' ')).to.include('email-error');
      await type(el, 'email', 'sari@contoh.id');
      expect(fieldError(el, 'email')).to.equal('');
      expect(email.getAttribute('aria-invalid')).to.equal('false');
    });

    it('holds a message back while a press moved the focus, so the pressed control does not move away', async () => {
      const { el } = await mountForm();
      const pointer = (type: string) => $(el, '#elsewhere-no')!.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true }));
      pointer('pointerdown');
      await blur(el, 'name');
      expect(fieldError(el, 'name'), 'not while the pointer is down').to.equal('');
      pointer('pointerup');
      await check(el, 'elsewhere-no');
      expect(($(el, '#elsewhere-no') as HTMLInputElement).checked).to.equal(true);
      await waitUntil(() => fieldError(el, 'name') === 'Kolom ini wajib diisi.', 'the message shows after the click', { timeout: 5000 });
    });

    it('on submit lists every problem in a focused summary whose links lead to the fields', async () => {
      const { el, backend } = await mountForm();
      await type(el, 'body', 'Satu paragraf saja.');
      await submit(el);
      expect(backend.stories).to.have.length(0);
      const summary = $(el, '[part="error-summary"]')!;
      expect(summary.getAttribute('role')).to.equal('alert');
      expect(el.shadowRoot!.activeElement).to.equal(summary);
      const links = [...summary.querySelectorAll('a')];
      expect(text(summary.querySelector('h2'))).to.equal(`Ada ${links.length} isian yang perlu diperbaiki:`);
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['#name', '#email', '#title', '#body', '#consent']);
      expect(text(links[3])).to.equal('Cerita: Tulisan minimal 2 paragraf. Pisahkan paragraf dengan satu baris kosong.');
      expect(fieldError(el, 'body')).to.equal('Tulisan minimal 2 paragraf. Pisahkan paragraf dengan satu baris kosong.');
      links[3].click();
      await settle(el);
      expect(el.shadowRoot!.activeElement?.id).to.equal('body');
      await expect(el).to.be.accessible();
    });

    it('maps a 422 from the server to the same fields and summary', async () => {
      const backend = new FakeBackend().answerStories(refuse('validation', { status: 422, fields: { title: 'too_short', body: 'too_few_paragraphs' } }));
      const { el } = await mountForm({ backend });
      await fillValid(el);
      await submit(el);
      expect(backend.stories).to.have.length(1);
      expect(fieldError(el, 'title')).to.equal('Isian ini terlalu pendek.');
      expect(fieldError(el, 'body')).to.contain('minimal 2 paragraf');
      expect($(el, '#title')!.getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="error-summary"]'));
      await type(el, 'title', 'Bakau untuk pantai kami, bagian dua');
      expect(fieldError(el, 'title'), 'the server’s verdict goes once the field changes').to.equal('');
      await waitUntil(() => storedDraft()?.values.title === 'Bakau untuk pantai kami, bagian dua', 'the draft follows the edit', {
        timeout: 5000,
      });
    });
  });

  describe('drafts', () => {
    it('saves while typing, visibly, and restores after a reload with a way to discard', async () => {
      const first = (await mountForm()).el;
      await type(first, 'name', 'Sari');
      await type(first, 'body', TWO_PARAGRAPHS);
      await check(first, 'elsewhere-yes');
      await type(first, 'originalUrl', 'https://blog.contoh.id/bakau');
      await waitUntil(() => storedDraft()?.values.originalUrl === 'https://blog.contoh.id/bakau', 'draft saved', { timeout: 5000 });
      await first.updateComplete;
      // Seen, but not announced at every pause in typing.
      expect(text($(first, '[part="draft-saved"]'))).to.match(/^Draf tersimpan \d{2}[.:]\d{2}$/);
      expect($(first, '[part="draft-saved"]')!.closest('[role="status"], [aria-live]')).to.equal(null);
      expect(text($(first, '[role="status"]'))).to.equal('');
      first.remove();

      const { el } = await mountForm();
      expect(text($(el, '[part="draft-notice"]'))).to.contain('Draf Anda sebelumnya dipulihkan.');
      expect(($(el, '#name') as HTMLInputElement).value).to.equal('Sari');
      expect(($(el, '#body') as HTMLTextAreaElement).value).to.equal(TWO_PARAGRAPHS);
      expect(($(el, '#elsewhere-yes') as HTMLInputElement).checked).to.equal(true);
      expect(($(el, '#originalUrl') as HTMLInputElement).value).to.equal('https://blog.contoh.id/bakau');
      await expect(el).to.be.accessible();

      const discard = [...$(el, '[part="draft-notice"]')!.querySelectorAll('button')].find((b) => text(b) === 'Buang draf')!;
      discard.click();
      await settle(el);
      expect(($(el, '#name') as HTMLInputElement).value).to.equal('');
      expect(storedDraft()).to.equal(undefined);
      expect($(el, '[part="draft-notice"]')).to.equal(null);
    });

    it('says the photo is not kept in the draft', async () => {
      const { el } = await mountForm();
      expect(text($(el, '#photo-hint'))).to.contain('Foto tidak ikut tersimpan dalam draf.');
    });

    it('keeps the draft after every failure and clears it only after the backend confirmed', async () => {
      const backend = new FakeBackend().answerStories(
        refuse('http', { status: 400 }),
        refuse('parse', { status: 200, code: 'invalid_json' }),
        () => receipt('abc'),
      );
      const { el } = await mountForm({ backend });
      await fillValid(el);
      await submit(el);
      expect(storedDraft()?.values.title).to.equal('Bakau untuk pantai kami');
      await submit(el);
      expect(backend.stories).to.have.length(2);
      expect(storedDraft()?.values.title).to.equal('Bakau untuk pantai kami');
      expect(text($(el, '[part="failure"]'))).to.contain('Server tidak memastikan bahwa cerita diterima');
      expect($(el, '[part="receipt"]')).to.equal(null);
      await submit(el);
      expect(backend.stories).to.have.length(3);
      expect(storedDraft()).to.equal(undefined);
      expect($(el, '[part="receipt"]')).not.to.equal(null);
    });

    it('sends every retry of one draft with the same idempotency key', async () => {
      const backend = new FakeBackend().answerStories(refuse('parse'), () => receipt());
      const { el } = await mountForm({ backend });
      await fillValid(el);
      await submit(el);
      await submit(el);
      const [first, second] = backend.stories.map((sent) => sent.options.idempotencyKey);
      expect(first).to.be.a('string').and.to.have.length.greaterThan(8);
      expect(second).to.equal(first);
    });
  });

  describe('sending', () => {
    it('sends once on a double click, with the button marked busy while sending', async () => {
      const wait = held<StoryReceipt, SentStory>();
      const backend = new FakeBackend().answerStories(wait.answer);
      const { el } = await mountForm({ backend });
      await fillValid(el);
      const button = $(el, 'button[type="submit"]')!;
      button.click();
      button.click();
      await wait.reached;
      await settle(el);
      button.click();
      await settle(el);
      expect(backend.stories).to.have.length(1);
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(text($(el, '[role="status"]'))).to.equal('Mengirim…');
      await expect(el).to.be.accessible();
      wait.release(receipt());
      await settle(el);
      expect(backend.stories).to.have.length(1);
      expect($(el, '[part="receipt"]')).not.to.equal(null);
    });

    it('shows upload progress with a label', async () => {
      const wait = held<StoryReceipt, SentStory>();
      const backend = new FakeBackend().answerStories((sent) => {
        sent.options.onProgress?.(300, 1200);
        return wait.answer(sent);
      });
      const { el } = await mountForm({ backend });
      await fillValid(el);
      await submit(el);
      const progress = $(el, 'progress') as HTMLProgressElement;
      expect(progress.value).to.equal(300);
      expect(progress.max).to.equal(1200);
      expect(text(progress.labels?.[0])).to.equal('Pengiriman');
      expect(text($(el, '[part="progress"]')!.parentElement)).to.contain('25%');
      await expect(el).to.be.accessible();
      wait.release(receipt());
      await settle(el);
    });

    it('ends with an honest receipt, focused, and can start another story', async () => {
      const { el } = await mountForm();
      const submitted: KabarSubmittedEvent[] = [];
      el.addEventListener('kabar-submitted', (event) => submitted.push(event));
      await fillValid(el);
      await submit(el);
      const title = $(el, '[part="receipt-title"]')!;
      expect(text(title)).to.equal('Terima kasih! Cerita Anda sudah kami terima dan akan ditinjau redaksi.');
      expect(el.shadowRoot!.activeElement).to.equal(title);
      expect(text($(el, '[part="receipt"]'))).to.contain('Nomor tanda terima: story-42');
      expect(text($(el, '[part="receipt"]'))).to.contain('Diterima ');
      expect(submitted).to.have.length(1);
      expect(submitted[0]).to.be.instanceOf(KabarSubmittedEvent);
      expect(submitted[0].detail).to.deep.equal({ kind: 'story', receipt: receipt() });
      expect(submitted[0].bubbles && submitted[0].composed).to.equal(true);
      await expect(el).to.be.accessible();

      const another = [...$(el, '[part="receipt"]')!.querySelectorAll('button')].find((b) => text(b) === 'Kirim cerita lain')!;
      another.click();
      await settle(el);
      expect(($(el, '#name') as HTMLInputElement).value).to.equal('');
      expect(el.shadowRoot!.activeElement?.id).to.equal('name');
    });

    it('goes to success-url after the receipt', async () => {
      const { el } = await mountForm();
      const visited: string[] = [];
      (el as unknown as { navigate(url: string): void }).navigate = (url) => visited.push(url);
      el.setAttribute('success-url', '/terima-kasih');
      await fillValid(el);
      await submit(el);
      expect(visited).to.deep.equal([new URL('/terima-kasih', document.baseURI).href]);
    });

    it('sends nothing when a listener cancels kabar-submit', async () => {
      const { el, backend } = await mountForm();
      const seen: KabarSubmitEvent[] = [];
      el.addEventListener('kabar-submit', (event) => {
        seen.push(event);
        event.preventDefault();
      });
      await fillValid(el);
      await submit(el);
      expect(seen).to.have.length(1);
      expect(seen[0]).to.be.instanceOf(KabarSubmitEvent);
      expect(seen[0].detail.kind).to.equal('story');
      expect(backend.stories).to.have.length(0);
      expect($(el, '[part="receipt"]')).to.equal(null);
    });

    it('says why a send failed, by kind, and fires kabar-error', async () => {
      const backend = new FakeBackend().answerStories(refuse('http', { status: 413 }));
      const { el } = await mountForm({ backend });
      const errors: KabarErrorEvent[] = [];
      el.addEventListener('kabar-error', (event) => errors.push(event));
      await fillValid(el);
      await submit(el);
      const failure = $(el, '[part="failure"]')!;
      expect(failure.getAttribute('role')).to.equal('alert');
      expect(text(failure)).to.equal('Cerita belum terkirim; tulisan Anda tetap tersimpan di sini. Kiriman terlalu besar.');
      expect(errors).to.have.length(1);
      expect(errors[0].detail).to.be.instanceOf(BackendError);
      await expect(el).to.be.accessible();
    });

    it('retries a server error and then succeeds, saying it will try again', async () => {
      const backend = new FakeBackend().answerStories(refuse('http', { status: 503 }), () => receipt());
      const { el } = await mountForm({ backend });
      await fillValid(el);
      // The backoff before the retry passes on a fake clock.
      const clock = fakeTimers();
      try {
        await submit(el);
        expect(text($(el, '[role="status"]'))).to.match(/^Gagal terkirim\. Mencoba lagi dalam \d+ detik…$/);
        expect(backend.stories).to.have.length(1);
        await clock.tickAsync(60_000);
        await settle(el);
        expect($(el, '[part="receipt"]')).to.not.equal(null);
        expect(backend.stories).to.have.length(2);
      } finally {
        clock.restore();
      }
    });

    it('lets the writer try again at once instead of waiting for the retry', async () => {
      const backend = new FakeBackend().answerStories(refuse('network'), () => receipt());
      const { el } = await mountForm({ backend });
      await fillValid(el);
      await submit(el);
      expect(text($(el, '[role="status"]'))).to.match(/^Gagal terkirim\. Mencoba lagi dalam \d+ detik…$/);
      const now = [...el.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Coba lagi')!;
      await expect(el).to.be.accessible();
      now.click();
      await waitUntil(() => $(el, '[part="receipt"]'), 'sent again at once', { timeout: 5000 });
      expect(backend.stories).to.have.length(2);
      expect(backend.stories[1].options.idempotencyKey).to.equal(backend.stories[0].options.idempotencyKey);
    });

    describe('offline', () => {
      let descriptor: PropertyDescriptor | undefined;
      let online = true;
      before(() => {
        descriptor = Object.getOwnPropertyDescriptor(navigator, 'onLine');
        Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
      });
      after(() => {
        if (descriptor) Object.defineProperty(navigator, 'onLine', descriptor);
        else delete (navigator as unknown as Record<string, unknown>).onLine;
      });
      afterEach(() => {
        online = true;
      });

      it('waits while offline, says so, and sends when the connection returns', async () => {
        const { el, backend } = await mountForm();
        await fillValid(el);
        online = false;
        await submit(el);
        expect(backend.stories).to.have.length(0);
        expect(text($(el, '[role="status"]'))).to.equal(
          'Anda sedang luring. Kami akan mengirim begitu koneksi kembali; tulisan Anda aman.',
        );
        expect(storedDraft()?.values.title).to.equal('Bakau untuk pantai kami');
        await expect(el).to.be.accessible();
        online = true;
        window.dispatchEvent(new Event('online'));
        await settle(el);
        expect(backend.stories).to.have.length(1);
        expect($(el, '[part="receipt"]')).not.to.equal(null);
        expect(storedDraft()).to.equal(undefined);
      });
    });
  });

  describe('light DOM fallback', () => {
    it('shows the page author’s own form when it has no backend', async () => {
      const el = await mount<KabarStoryForm>(html`<kabar-story-form lang="id">
        <form action="/kirim" method="post"><button>Kirim lewat formulir biasa</button></form>
      </kabar-story-form>`);
      await el.updateComplete;
      expect($(el, 'slot')).not.to.equal(null);
      expect($(el, 'form')).to.equal(null);
      expect(el.querySelector('form')!.getBoundingClientRect().height).to.be.greaterThan(0);
    });

    it('hides it once the element works', async () => {
      const el = await mount<KabarStoryForm>(html`<kabar-story-form lang="id" backend="/api/v1" categories="budaya:Budaya">
        <form action="/kirim" method="post"><button>Kirim lewat formulir biasa</button></form>
      </kabar-story-form>`);
      await el.updateComplete;
      expect($(el, 'slot')).to.equal(null);
      expect(el.querySelector('form')!.getBoundingClientRect().height).to.equal(0);
    });
  });

  describe('in English', () => {
    it('words everything in English', async () => {
      const { el } = await mountForm({ lang: 'en' });
      expect(text($(el, '[part="required-note"]'))).to.equal('Required fields are marked *.');
      expect(text(el.shadowRoot!.querySelector('label[for="body"]'))).to.equal('Story *');
      await type(el, 'body', 'Just one paragraph.');
      expect(text($(el, '#body-count'))).to.equal('1 of at least 2 paragraphs · 3 words');
      await submit(el);
      expect(fieldError(el, 'body')).to.equal('Write at least 2 paragraphs. Separate paragraphs with a blank line.');
      await fillValid(el);
      await submit(el);
      expect(text($(el, '[part="receipt-title"]'))).to.equal(
        'Thank you! We have received your story and the editors will review it.',
      );
    });
  });
});
