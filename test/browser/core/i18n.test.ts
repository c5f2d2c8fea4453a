import { expect, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { I18nController, formatRelativeDate, resolveLocale, supportedLocale } from '../../../src/core/i18n/controller.js';
import { en } from '../../../src/core/i18n/en.js';
import { id } from '../../../src/core/i18n/id.js';
import { mount } from '../support/mount.js';

class I18nProbe extends LitElement {
  readonly i18n = new I18nController(this);
  override render() {
    return html`<p>${this.i18n.t('common.retry')}</p>`;
  }
}
customElements.define('i18n-probe', I18nProbe);

describe('i18n', () => {
  let htmlLang: string | null;
  beforeEach(() => {
    htmlLang = document.documentElement.getAttribute('lang');
  });
  afterEach(() => {
    if (htmlLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', htmlLang);
  });

  it('maps language tags to the catalogues it has', () => {
    expect(supportedLocale('id')).to.equal('id');
    expect(supportedLocale('id-ID')).to.equal('id');
    expect(supportedLocale('in')).to.equal('id');
    expect(supportedLocale('en-GB')).to.equal('en');
    expect(supportedLocale('fr')).to.equal(undefined);
  });

  it('takes the element’s own lang first', async () => {
    document.documentElement.setAttribute('lang', 'en');
    const el = await mount<I18nProbe>(html`<div lang="en"><i18n-probe lang="id"></i18n-probe></div>`);
    const probe = el.querySelector('i18n-probe')!;
    expect(resolveLocale(probe)).to.equal('id');
  });

  it('then the closest [lang] ancestor, also across a shadow root', async () => {
    document.documentElement.setAttribute('lang', 'en');
    const outer = await mount<HTMLDivElement>(html`<div lang="id"><span></span></div>`);
    const host = outer.querySelector('span')!;
    const root = host.attachShadow({ mode: 'open' });
    const probe = document.createElement('i18n-probe') as I18nProbe;
    root.append(probe);
    await probe.updateComplete;
    expect(resolveLocale(probe)).to.equal('id');
    expect(probe.shadowRoot!.textContent).to.contain('Coba lagi');
  });

  it('then <html lang>', async () => {
    document.documentElement.setAttribute('lang', 'id-ID');
    const probe = await mount<I18nProbe>(html`<i18n-probe></i18n-probe>`);
    expect(probe.shadowRoot!.textContent).to.contain('Coba lagi');
  });

  /** Pretends the reader's browser prefers these languages, for one test. */
  function browserLanguages(languages: string[]): void {
    Object.defineProperty(navigator, 'languages', { value: languages, configurable: true });
    Object.defineProperty(navigator, 'language', { value: languages[0] ?? '', configurable: true });
  }
  afterEach(() => {
    // Removing the own properties brings back the real getters of Navigator.prototype.
    delete (navigator as unknown as Record<string, unknown>).languages;
    delete (navigator as unknown as Record<string, unknown>).language;
  });

  it('then the browser’s languages, when nothing is declared', async () => {
    document.documentElement.removeAttribute('lang');
    browserLanguages(['fr-FR', 'id-ID', 'en']);
    const probe = await mount<I18nProbe>(html`<i18n-probe></i18n-probe>`);
    expect(resolveLocale(probe)).to.equal('id');
    expect(probe.shadowRoot!.textContent).to.contain('Coba lagi');
  });

  it('then English, when neither the page nor the browser names a language it has', async () => {
    document.documentElement.removeAttribute('lang');
    browserLanguages(['fr-FR', 'de']);
    const probe = await mount<I18nProbe>(html`<i18n-probe></i18n-probe>`);
    expect(resolveLocale(probe)).to.equal('en');
    expect(probe.shadowRoot!.textContent).to.contain('Try again');
  });

  it('falls through a page language it has no catalogue for to the browser’s', async () => {
    document.documentElement.setAttribute('lang', 'fr');
    browserLanguages(['id']);
    const probe = await mount<I18nProbe>(html`<i18n-probe></i18n-probe>`);
    expect(resolveLocale(probe)).to.equal('id');
    browserLanguages(['ja']);
    expect(resolveLocale(probe)).to.equal('en');
  });

  it('re-renders when an ancestor’s lang changes', async () => {
    const outer = await mount<HTMLDivElement>(html`<div lang="en"><i18n-probe></i18n-probe></div>`);
    const probe = outer.querySelector('i18n-probe') as I18nProbe;
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('Try again');
    outer.setAttribute('lang', 'id');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('Coba lagi');
  });

  it('has the same keys, of the same kind, in both catalogues', () => {
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(id).sort());
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(typeof en[key], key).to.equal(typeof id[key]);
      if (typeof id[key] === 'string') expect(id[key].length, key).to.be.greaterThan(0);
    }
  });

  it('prints relative dates within a week and calendar dates after, in both languages', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(formatRelativeDate('id', '2026-11-27T10:00:00Z', now)).to.equal('2 jam yang lalu');
    expect(formatRelativeDate('en', '2026-11-27T10:00:00Z', now)).to.equal('2 hours ago');
    expect(formatRelativeDate('id', '2026-11-26T12:00:00Z', now)).to.equal('kemarin');
    expect(formatRelativeDate('en', '2026-11-24T12:00:00+07:00', now)).to.equal('3 days ago');
    expect(formatRelativeDate('id', '2026-10-01T08:00:00+07:00', now)).to.equal('1 Oktober 2026');
    expect(formatRelativeDate('en', '2026-10-01T08:00:00+07:00', now)).to.equal('October 1, 2026');
    expect(formatRelativeDate('id', 'not a date', now)).to.equal('');
  });

  it('words field errors by rule code, with values', async () => {
    const probe = await mount<I18nProbe>(html`<i18n-probe lang="id"></i18n-probe>`);
    expect(probe.i18n.fieldError('too_few_paragraphs', { min: 2 })).to.contain('minimal 2 paragraf');
    expect(probe.i18n.fieldError('no_such_code')).to.equal(id['field.invalid']);
    probe.setAttribute('lang', 'en');
    probe.i18n.refresh();
    expect(probe.i18n.fieldError('photo_too_large', { mb: 5 })).to.contain('5 MB');
  });
});
