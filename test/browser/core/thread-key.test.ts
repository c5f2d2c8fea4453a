import { expect } from '@open-wc/testing';
import { defaultThread } from '../../../src/core/thread-key.js';

/** The default thread of a page at `url`, with a canonical link when given. */
function threadOf(url: string, canonical?: string): string {
  const doc = document.implementation.createHTMLDocument('halaman');
  if (canonical !== undefined) doc.head.append(Object.assign(doc.createElement('link'), { rel: 'canonical' }));
  doc.querySelector('link')?.setAttribute('href', canonical ?? '');
  return defaultThread(doc, url);
}

describe('the default comment thread', () => {
  it('is the canonical URL’s site and path, without query or fragment', () => {
    expect(threadOf('https://satu.example/berita/rapat-warga?utm=x#komentar', 'https://satu.example/berita/rapat-warga?ref=1')).to.equal(
      'https://satu.example/berita/rapat-warga',
    );
  });

  it('differs between two sites with the same path', () => {
    expect(threadOf('https://satu.example/berita/rapat-warga')).not.to.equal(threadOf('https://dua.example/berita/rapat-warga'));
  });

  it('resolves a relative canonical link against the page', () => {
    expect(threadOf('https://dua.example/berita/x?y=1', '/berita/kanonik')).to.equal('https://dua.example/berita/kanonik');
  });

  it('falls back to the page’s own address when the canonical link is missing or broken', () => {
    expect(threadOf('https://dua.example/berita/x?y=1')).to.equal('https://dua.example/berita/x');
    expect(threadOf('https://dua.example/berita/x', 'javascript:alert(1)')).to.equal('https://dua.example/berita/x');
    expect(threadOf('https://dua.example/berita/x', 'http://[rusak')).to.equal('https://dua.example/berita/x');
  });
});
