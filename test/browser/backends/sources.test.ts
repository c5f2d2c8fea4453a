import { expect } from '@open-wc/testing';
import { isBackendError } from '../../../src/backends/backend.js';
import { EmailBackend } from '../../../src/backends/email.js';
import { KabarBackend } from '../../../src/backends/kabar.js';
import { resolveBackend } from '../../../src/backends/resolve.js';
import { resolveBackend as resolveForFeed } from '../../../src/backends/resolve-feed.js';

describe('resolving a source to its adapter', () => {
  it('gives one adapter per source and URL, and the kabar adapter for an unknown source', () => {
    const first = resolveBackend('https://berita.contoh.id/api/v1', 'kabar');
    expect(first).to.be.instanceOf(KabarBackend);
    expect(resolveBackend(' https://berita.contoh.id/api/v1 ')).to.equal(first);
    expect(resolveBackend('https://berita.contoh.id/api/v1', 'toString')).to.equal(first);
    expect(resolveBackend('redaksi@contoh.id', 'email')).to.be.instanceOf(EmailBackend);
  });

  it('answers "unsupported" for a source the feed file does not carry, as that adapter would for a feed', async () => {
    const email = resolveForFeed('redaksi@contoh.id', 'email');
    expect(email).not.to.be.instanceOf(EmailBackend);
    const failure: unknown = await email.listArticles({}).catch((error: unknown) => error);
    expect(isBackendError(failure) && failure.kind).to.equal('unsupported');
    const fromAdapter: unknown = await new EmailBackend('redaksi@contoh.id').listArticles({}).catch((error: unknown) => error);
    expect(isBackendError(fromAdapter) && fromAdapter.kind).to.equal('unsupported');
  });
});
