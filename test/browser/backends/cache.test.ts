import { expect } from '@open-wc/testing';
import { clearCache, dropCache, readCache, writeCache, type CacheEntry } from '../../../src/backends/cache.js';
import { request } from '../../../src/backends/http.js';
import { json, useFakeNetwork, type FakeFetch } from './fake-fetch.js';

const API = 'https://news.example.org/api/v1';

function entry(body: unknown, storedAt = Date.now()): CacheEntry {
  return { body, headers: [['content-type', 'application/json']], storedAt };
}

function storedKeys(): string[] {
  return Object.keys(sessionStorage).filter((key) => key.startsWith('kabar:http:'));
}

describe('cache', () => {
  const restores: Array<() => void> = [];
  /** Replaces a Storage method for one test. */
  function breakStorage(method: 'getItem' | 'setItem' | 'removeItem', error = new DOMException('full', 'QuotaExceededError')) {
    const proto = Storage.prototype as unknown as Record<string, unknown>;
    const original = proto[method];
    proto[method] = () => {
      throw error;
    };
    restores.push(() => {
      proto[method] = original;
    });
  }

  beforeEach(() => clearCache());
  afterEach(() => {
    restores.splice(0).forEach((restore) => restore());
    clearCache();
  });

  it('keeps entries in sessionStorage, so the next page of the visit finds them', () => {
    writeCache(`${API}/articles`, entry({ n: 1 }));
    expect(storedKeys()).to.deep.equal([`kabar:http:${API}/articles`]);
    // Push the entry out of memory: it comes back from storage.
    for (let i = 0; i < 120; i++) writeCache(`${API}/filler/${i}`, entry(i));
    expect(readCache(`${API}/articles`)?.body).to.deep.equal({ n: 1 });
  });

  it('bounds memory: the least recently used entries go first', () => {
    writeCache(`${API}/first`, entry('first'));
    writeCache(`${API}/second`, entry('second'));
    readCache(`${API}/first`); // now the most recently used
    for (let i = 0; i < 99; i++) writeCache(`${API}/filler/${i}`, entry(i));
    sessionStorage.clear(); // leaves only what memory holds
    expect(readCache(`${API}/first`)?.body).to.equal('first');
    expect(readCache(`${API}/second`)).to.equal(undefined);
  });

  it('keeps large bodies out of sessionStorage but in memory', () => {
    writeCache(`${API}/big`, entry('x'.repeat(300_000)));
    expect(storedKeys()).to.deep.equal([]);
    expect(readCache(`${API}/big`)?.body).to.have.length(300_000);
  });

  it('ignores a corrupted stored entry', () => {
    sessionStorage.setItem(`kabar:http:${API}/broken`, '{"body": ');
    sessionStorage.setItem(`kabar:http:${API}/odd`, '{"nothing": 1}');
    expect(readCache(`${API}/broken`)).to.equal(undefined);
    expect(readCache(`${API}/odd`)).to.equal(undefined);
  });

  it('gives up its own old entries when storage is full, and keeps working', () => {
    writeCache(`${API}/old`, entry('old'));
    const original = Storage.prototype.setItem;
    let refusals = 1;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (refusals-- > 0) throw new DOMException('full', 'QuotaExceededError');
      original.call(this, key, value);
    };
    restores.push(() => {
      Storage.prototype.setItem = original;
    });
    writeCache(`${API}/new`, entry('new'));
    expect(storedKeys()).to.deep.equal([`kabar:http:${API}/new`]);
  });

  it('drops entries by URL prefix', () => {
    writeCache(`${API}/threads/a/comments?page=1`, entry(1));
    writeCache(`${API}/threads/a/comments?page=2`, entry(2));
    writeCache(`${API}/threads/ab/comments`, entry(3));
    dropCache(`${API}/threads/a/comments`);
    expect(readCache(`${API}/threads/a/comments?page=1`)).to.equal(undefined);
    expect(readCache(`${API}/threads/a/comments?page=2`)).to.equal(undefined);
    expect(readCache(`${API}/threads/ab/comments`)?.body).to.equal(3);
  });

  describe('when sessionStorage fails', () => {
    const network = useFakeNetwork();
    let fake: FakeFetch;
    beforeEach(() => {
      fake = network.fetch;
    });

    it('a request still succeeds and is cached in memory when writes throw', async () => {
      breakStorage('setItem');
      fake.answer(json({ n: 1 }));
      const first = await request<{ n: number }>(`${API}/articles`, { cache: true });
      const second = await request<{ n: number }>(`${API}/articles`, { cache: true });
      expect(first.body.n).to.equal(1);
      expect(second.fromCache).to.equal(true);
      expect(fake.calls).to.have.length(1);
    });

    it('a request still succeeds when reads and removals throw', async () => {
      breakStorage('getItem', new DOMException('denied', 'SecurityError'));
      breakStorage('removeItem', new DOMException('denied', 'SecurityError'));
      fake.answer(json({ n: 2 }));
      const answer = await request<{ n: number }>(`${API}/articles`, { cache: true });
      expect(answer.body.n).to.equal(2);
      expect(() => clearCache()).not.to.throw();
    });

    it('a request still succeeds when the sessionStorage property itself throws', async () => {
      const descriptor = Object.getOwnPropertyDescriptor(window, 'sessionStorage')!;
      Object.defineProperty(window, 'sessionStorage', {
        configurable: true,
        get() {
          throw new DOMException('denied', 'SecurityError');
        },
      });
      restores.push(() => Object.defineProperty(window, 'sessionStorage', descriptor));
      fake.answer(json({ n: 3 }));
      const answer = await request<{ n: number }>(`${API}/other`, { cache: true });
      expect(answer.body.n).to.equal(3);
    });
  });
});
