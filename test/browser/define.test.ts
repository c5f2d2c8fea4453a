import { expect } from '@open-wc/testing';
import { defineElement } from '../../src/define.js';
import { VERSION } from '../../src/define-element.js';

describe('the guarded define', () => {
  let warnings: unknown[][];
  const originalWarn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    delete (globalThis as Record<string, unknown>).__kabarDuplicateWarned;
  });
  afterEach(() => {
    console.warn = originalWarn;
  });

  it('defines a free tag', () => {
    class Free extends HTMLElement {}
    defineElement('kabar-test-free', Free);
    expect(customElements.get('kabar-test-free')).to.equal(Free);
    expect(warnings).to.have.length(0);
  });

  it('skips a tag already taken by the same class, quietly', () => {
    class Same extends HTMLElement {}
    defineElement('kabar-test-same', Same);
    expect(() => defineElement('kabar-test-same', Same)).not.to.throw();
    expect(warnings).to.have.length(0);
  });

  it('warns once, and never throws, when other classes hold the tags', () => {
    class Mine extends HTMLElement {}
    class Theirs extends HTMLElement {}
    class Other extends HTMLElement {}
    customElements.define('kabar-test-taken-a', Theirs);
    customElements.define('kabar-test-taken-b', Other);
    expect(() => defineElement('kabar-test-taken-a', Mine)).not.to.throw();
    expect(() => defineElement('kabar-test-taken-b', Mine)).not.to.throw();
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.match(/^kabar: /);
    expect(customElements.get('kabar-test-taken-a')).to.equal(Theirs);
  });

  it('names the Kabar version that holds a tag, and marks the classes it defines with its own', () => {
    class Older extends HTMLElement {}
    class Mine extends HTMLElement {}
    Object.defineProperty(Older, Symbol.for('kabar.version'), { value: '0.0.1' });
    customElements.define('kabar-test-older', Older);
    defineElement('kabar-test-older', Mine);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain('Kabar 0.0.1');
    defineElement('kabar-test-marked', Mine);
    expect((Mine as unknown as Record<symbol, string>)[Symbol.for('kabar.version')]).to.equal(VERSION);
  });
});
