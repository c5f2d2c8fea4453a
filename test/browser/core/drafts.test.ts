import { expect } from '@open-wc/testing';
import { DraftStore, newIdempotencyKey, rememberedIdentity } from '../../../src/core/drafts.js';

interface StoryValues {
  title: string;
  body: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('drafts', () => {
  const restores: Array<() => void> = [];
  const scope = '/berita/kirim https://news.example.org/api/v1';

  beforeEach(() => localStorage.clear());
  afterEach(() => {
    restores.splice(0).forEach((restore) => restore());
    localStorage.clear();
  });

  it('survives a reload (a new store for the same form) with its values, time and key', () => {
    const before = new DraftStore<StoryValues>('story', scope);
    const saved = before.save({ title: 'Sungai', body: 'Paragraf satu.' });
    expect(localStorage.getItem(`kabar:draft:story:${scope}`)).to.be.a('string');

    const after = new DraftStore<StoryValues>('story', scope);
    const draft = after.load();
    expect(draft?.values).to.deep.equal({ title: 'Sungai', body: 'Paragraf satu.' });
    expect(draft?.savedAt).to.equal(saved.savedAt);
    expect(new Date(draft!.savedAt).toISOString()).to.equal(draft!.savedAt);
    expect(draft?.key).to.match(UUID);
    expect(after.idempotencyKey).to.equal(before.idempotencyKey);
  });

  it('keeps one idempotency key from the first save until cleared', () => {
    const store = new DraftStore<StoryValues>('story', scope);
    const key = store.idempotencyKey;
    expect(store.save({ title: 'a', body: '' }).key).to.equal(key);
    expect(store.save({ title: 'ab', body: '' }).key).to.equal(key);
    expect(new DraftStore<StoryValues>('story', scope).idempotencyKey).to.equal(key);

    store.clear();
    expect(store.load()).to.equal(undefined);
    expect(new DraftStore<StoryValues>('story', scope).load()).to.equal(undefined);
    const next = store.idempotencyKey;
    expect(next).to.match(UUID);
    expect(next).not.to.equal(key);
  });

  it('keeps drafts of different forms and threads apart', () => {
    new DraftStore<string>('comment', 'api thread-1').save('satu');
    new DraftStore<string>('comment', 'api thread-2').save('dua');
    new DraftStore<string>('comment', 'api thread-1').clear();
    expect(new DraftStore<string>('comment', 'api thread-1').load()).to.equal(undefined);
    expect(new DraftStore<string>('comment', 'api thread-2').load()?.values).to.equal('dua');
  });

  it('is not cleared by loading, saving again or making a new store', () => {
    const store = new DraftStore<string>('comment', 'api t');
    store.save('halo');
    store.load();
    new DraftStore<string>('comment', 'api t').load();
    expect(new DraftStore<string>('comment', 'api t').load()?.values).to.equal('halo');
  });

  it('ignores a corrupted stored draft', () => {
    localStorage.setItem('kabar:draft:story:x', '{"values": ');
    localStorage.setItem('kabar:draft:story:y', '{"values": 1}');
    expect(new DraftStore('story', 'x').load()).to.equal(undefined);
    expect(new DraftStore('story', 'y').load()).to.equal(undefined);
  });

  it('never throws when storage fails, and keeps the draft for the page', () => {
    const setItem = Storage.prototype.setItem;
    const getItem = Storage.prototype.getItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    Storage.prototype.getItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    restores.push(() => {
      Storage.prototype.setItem = setItem;
      Storage.prototype.getItem = getItem;
    });
    const store = new DraftStore<string>('story', scope);
    expect(() => store.save('tetap di sini')).not.to.throw();
    expect(store.load()?.values).to.equal('tetap di sini');
    expect(() => store.clear()).not.to.throw();
    expect(store.idempotencyKey).to.match(UUID);
  });

  it('makes v4 UUIDs without crypto.randomUUID (pages served over plain http)', () => {
    Object.defineProperty(crypto, 'randomUUID', { configurable: true, value: undefined });
    restores.push(() => delete (crypto as { randomUUID?: unknown }).randomUUID);
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).to.equal(50);
    for (const key of keys) expect(key).to.match(UUID);
  });

  describe('rememberedIdentity', () => {
    it('remembers a commenter until forgotten', () => {
      expect(rememberedIdentity.load()).to.equal(undefined);
      rememberedIdentity.save({ name: 'Budi', email: 'budi@example.org', url: 'https://budi.example' });
      expect(rememberedIdentity.load()).to.deep.equal({ name: 'Budi', email: 'budi@example.org', url: 'https://budi.example' });
      expect(localStorage.getItem('kabar:identity')).to.be.a('string');
      rememberedIdentity.save({ name: 'Budi', email: 'budi@example.org' });
      expect(rememberedIdentity.load()).to.deep.equal({ name: 'Budi', email: 'budi@example.org' });
      rememberedIdentity.forget();
      expect(rememberedIdentity.load()).to.equal(undefined);
    });

    it('ignores a stored identity without a name and e-mail', () => {
      localStorage.setItem('kabar:identity', '{"name": 3}');
      expect(rememberedIdentity.load()).to.equal(undefined);
    });
  });
});
