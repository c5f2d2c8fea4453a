import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LIMITS,
  countParagraphs,
  countWords,
  hasMixedScriptWord,
  isPlainShownText,
  isEmail,
  isHttpUrl,
  heldAsSpam,
  looksLikeBot,
  spamReason,
  sniffImageType,
  validateComment,
  validateStory,
} from '../../src/core/rules/rules.js';

const twoParagraphs = 'Warga Kampung Nelayan membersihkan pantai setiap Minggu pagi.\n\nSampah plastik dipilah dan dijual ke bank sampah desa.';
const validStory = {
  name: 'Siti Rahma',
  email: 'siti@contoh.id',
  title: 'Gotong royong di pantai',
  body: twoParagraphs,
  consent: true,
};

describe('shared rules', () => {
  it('counts paragraphs as blocks of text separated by blank lines', () => {
    assert.equal(countParagraphs('Satu paragraf saja.'), 1);
    assert.equal(countParagraphs(twoParagraphs), 2);
    assert.equal(countParagraphs('Satu\nbaris baru bukan paragraf baru.'), 1);
    assert.equal(countParagraphs('A\r\n\r\nB\n \t\nC'), 3);
    assert.equal(countParagraphs('Teks.\n\n---\n\n***'), 1, 'blocks without letters do not count');
    assert.equal(countParagraphs(''), 0);
  });

  it('counts words in any script', () => {
    assert.equal(countWords('Warga   desa, bergotong-royong!'), 3);
    assert.equal(countWords(''), 0);
  });

  it('checks e-mail addresses and http(s) URLs', () => {
    assert.ok(isEmail('nama@contoh.id'));
    assert.ok(!isEmail('nama@contoh'));
    assert.ok(!isEmail('nama contoh@contoh.id'));
    assert.ok(isHttpUrl('https://blog.contoh.id/cerita'));
    assert.ok(!isHttpUrl('javascript:alert(1)'));
    assert.ok(!isHttpUrl('ftp://contoh.id'));
    assert.ok(!isHttpUrl('contoh.id'));
  });

  it('knows an image by its bytes, not its name', () => {
    assert.equal(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'image/png');
    assert.equal(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
    assert.equal(sniffImageType(new TextEncoder().encode('GIF89a')), 'image/gif');
    assert.equal(sniffImageType(new TextEncoder().encode('just text, named foto.jpg')), undefined);
  });

  it('accepts a complete story and names every broken field by code', () => {
    assert.deepEqual(validateStory(validStory), {});
    assert.deepEqual(validateStory({}), {
      name: 'required',
      email: 'required',
      title: 'required',
      body: 'required',
      consent: 'consent_required',
    });
    assert.equal(validateStory({ ...validStory, body: 'Satu paragraf.' }).body, 'too_few_paragraphs');
    assert.equal(validateStory({ ...validStory, body: twoParagraphs }, { minParagraphs: 3 }).body, 'too_few_paragraphs');
    assert.equal(validateStory({ ...validStory, email: 'bukan-email' }).email, 'invalid_email');
    assert.equal(validateStory({ ...validStory, title: 'x'.repeat(LIMITS.titleMax + 1) }).title, 'too_long');
    assert.equal(validateStory({ ...validStory, consent: false }).consent, 'consent_required');
  });

  it('asks for the original link only when the story was published elsewhere', () => {
    assert.equal(validateStory({ ...validStory, publishedElsewhere: true }).originalUrl, 'required');
    assert.equal(validateStory({ ...validStory, originalUrl: 'javascript:alert(1)' }).originalUrl, 'invalid_url');
    assert.deepEqual(validateStory({ ...validStory, publishedElsewhere: true, originalUrl: 'https://blog.contoh.id/a' }), {});
  });

  it('checks the photo’s type, size and description', () => {
    const photo = { type: 'image/jpeg', size: 1000 };
    assert.equal(validateStory({ ...validStory, photo }).photoAlt, 'alt_required');
    assert.deepEqual(validateStory({ ...validStory, photo, photoAlt: 'Warga memungut sampah' }), {});
    assert.equal(validateStory({ ...validStory, photo: { type: 'text/plain', size: 10 }, photoAlt: 'x' }).photo, 'photo_type');
    assert.equal(
      validateStory({ ...validStory, photo: { type: 'image/png', size: 2_000_000 }, photoAlt: 'x' }, { maxPhotoBytes: 1_000_000 }).photo,
      'photo_too_large',
    );
    assert.equal(validateStory(validStory, { photo: 'required' }).photo, 'required');
    assert.deepEqual(validateStory({ ...validStory, photo }, { photo: 'none' }), {}, 'a form without photos ignores one');
  });

  it('validates comments', () => {
    assert.deepEqual(validateComment({ authorName: 'Budi', authorEmail: 'budi@contoh.id', body: 'Setuju!' }), {});
    assert.deepEqual(validateComment({}), { body: 'required', authorName: 'required', authorEmail: 'required' });
    assert.equal(
      validateComment({ authorName: 'Budi', authorEmail: 'budi@contoh.id', body: 'x', authorUrl: 'data:text/html,x' }).authorUrl,
      'invalid_url',
    );
  });

  it('tells bots by the honeypot or an implausibly fast send', () => {
    assert.ok(looksLikeBot('http://spam.example', 10_000));
    assert.ok(looksLikeBot('', 500));
    assert.ok(!looksLikeBot('', 10_000));
    assert.ok(!looksLikeBot(undefined, '10000'), 'a form field sends the number as text');
    for (const timing of [undefined, -1, 'soon', '', null, Number.NaN, '-5']) {
      assert.equal(spamReason(undefined, timing), 'no_timing', `a timing of ${String(timing)} is suspicious, not exempt`);
    }
    assert.equal(spamReason('x', 10_000), 'honeypot');
    assert.equal(spamReason('', 500), 'instant', 'sent within a second of the form showing');
    assert.equal(spamReason('', 2_000), 'too_fast');
    assert.equal(spamReason('', 200, 300), 'instant', 'a minimum under a second lowers the instant mark with it');
    // Only the bot signals hold a send as spam; the timing alone marks it for review.
    assert.deepEqual(['honeypot', 'instant', 'too_fast', 'no_timing', undefined].map(heldAsSpam), [true, true, false, false, false]);
    assert.equal(spamReason('', undefined, 0), undefined, 'a minimum of 0 turns every timing check off');
    assert.ok(!looksLikeBot('', 500, 0), 'a minimum of 0 turns the time check off');
    assert.ok(looksLikeBot('', 4_000, 5_000));
  });

  it('refuses text that reorders or hides itself, not the marks or flags that writers use', () => {
    for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u{E0001}', '\u{E0041}', '\u{E007F}']) {
      assert.ok(!isPlainShownText(`teks ${control} lagi`), `U+${control.codePointAt(0)!.toString(16).toUpperCase()}`);
    }
    assert.ok(isPlainShownText('שלום\u200F, مرحبا\u200E.'), 'left-to-right and right-to-left marks place punctuation');
    assert.ok(isPlainShownText('Salam dari \u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}'), 'the Welsh flag');
    assert.ok(!isPlainShownText('\u{1F3F4}\u{E0067}\u{E0062}'), 'tags without their end are hidden text');
    const story = validateStory({ ...validStory, title: 'Judul \u202Eterbalik', community: 'RT\u2066 03', category: 'Berita\u{E0020}', photoAlt: 'Foto\u202D' });
    assert.deepEqual([story.title, story.community, story.category, story.photoAlt], ['invalid_text', 'invalid_text', 'invalid_text', 'invalid_text']);
    assert.equal(validateComment({ authorName: 'Budi', authorEmail: 'budi@contoh.id', body: 'Ya\u2068 ya' }).body, 'invalid_text');
  });

  it('finds words that mix look-alike scripts, not names written in two scripts', () => {
    assert.ok(hasMixedScriptWord('R\u0435d\u0430ks\u0456'), 'Latin R, d, k, s with Cyrillic е, а, і');
    assert.ok(hasMixedScriptWord('Tim R\u0435daksi Kabar'));
    assert.ok(!hasMixedScriptWord('Redaksi Kabar'));
    assert.ok(!hasMixedScriptWord('Иван Petrov'), 'one script per word');
    assert.ok(!hasMixedScriptWord('Nguyễn Thị Ánh'));
    assert.ok(!hasMixedScriptWord('Σοφία'));
  });
});
