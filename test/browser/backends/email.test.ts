import { expect } from '@open-wc/testing';
import { BackendError } from '../../../src/backends/backend.js';
import { EmailBackend, MAILTO_MAX_LENGTH, buildMailto, storyAsText } from '../../../src/backends/email.js';
import type { StorySubmission } from '../../../src/backends/types.js';

const story: StorySubmission = {
  name: 'Sari Wulandari',
  email: 'sari@contoh.id',
  community: 'Komunitas "Pesisir" & Hijau',
  title: 'Bakau & pantai: 100% warga?',
  body: 'Paragraf pertama.\n\nParagraf kedua, dengan tautan https://contoh.id/?a=1&b=2#x.',
  originalUrl: 'https://blog.contoh.id/bakau?ref=kabar&x=1',
  consent: true,
};

describe('EmailBackend', () => {
  it('builds a mailto URL with the address, the title as subject and the story as body', () => {
    const url = buildMailto(story, 'redaksi+cerita@kabar.contoh.id');
    const parsed = new URL(url);
    expect(parsed.protocol).to.equal('mailto:');
    expect(url.startsWith('mailto:redaksi%2Bcerita@kabar.contoh.id?subject=')).to.equal(true);
    // Exactly two parameters: every & ? # = inside the text is encoded.
    expect([...parsed.searchParams.keys()]).to.deep.equal(['subject', 'body']);
    expect(parsed.searchParams.get('subject')).to.equal('Bakau & pantai: 100% warga?');
    const body = parsed.searchParams.get('body')!;
    expect(body).to.equal(storyAsText(story).replace(/\n/g, '\r\n'));
    expect(body).to.contain('Paragraf pertama.\r\n\r\nParagraf kedua');
    expect(body).to.contain('Nama / Name: Sari Wulandari');
    expect(body).to.contain('Komunitas / Community: Komunitas "Pesisir" & Hijau');
    expect(body).to.contain('Tautan asli / Original link: https://blog.contoh.id/bakau?ref=kabar&x=1');
    // Spaces are %20, never +, which mail programs would show as a plus sign.
    expect(url).not.to.contain('+');
    expect(url).to.contain('%0D%0A');
  });

  it('leaves out what the writer did not give', () => {
    const text = storyAsText({ ...story, community: undefined, originalUrl: undefined });
    expect(text).not.to.contain('Komunitas');
    expect(text).not.to.contain('Tautan asli');
  });

  it('opens the mail link and answers with status sent', async () => {
    const opened: string[] = [];
    const backend = new EmailBackend('redaksi@kabar.contoh.id', (url) => opened.push(url));
    const receipt = await backend.submitStory(story);
    expect(opened).to.deep.equal([buildMailto(story, 'redaksi@kabar.contoh.id')]);
    expect(receipt).to.include({ status: 'sent', id: '' });
  });

  it('does not open a link too long for mail programs: unsupported, too_long_for_mailto', async () => {
    const opened: string[] = [];
    const backend = new EmailBackend('redaksi@kabar.contoh.id', (url) => opened.push(url));
    const long = { ...story, body: 'Kalimat panjang tentang pantai. '.repeat(80) };
    expect(buildMailto(long, 'redaksi@kabar.contoh.id').length).to.be.greaterThan(MAILTO_MAX_LENGTH);
    let error: unknown;
    try {
      await backend.submitStory(long);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).to.be.instanceOf(BackendError);
    expect((error as BackendError).kind).to.equal('unsupported');
    expect((error as BackendError).code).to.equal('too_long_for_mailto');
    expect(opened).to.have.length(0);
  });
});
