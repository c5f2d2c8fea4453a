/**
 * In the browser: renders a page of 24 cards with the shared card template
 * (what the feed does) and with hand-written DOM code doing the same work
 * (the same elements, attributes, text, listener and formatting calls), each
 * into a fresh connected container, and reports the median time of each.
 */
import { html, render } from 'lit';
import type { Article } from '../../src/backends/types.js';
import { safeImageUrl, safeUrl } from '../../src/core/sanitize.js';
import { formatRelativeDate } from '../../src/core/i18n/controller.js';
import { id as catalogue } from '../../src/core/i18n/id.js';
import { cardTemplate, imageSizes, safeSrcset, trimWords, type CardI18n, type CardOptions } from '../../src/partials/card.js';

const CARDS = 24;
const NOW = Date.now();
/** https, as real pictures are: the card refuses data: URLs. The page answers them itself. */
const PIXEL = 'https://bench.kabar.test/foto.gif';

function articles(): Article[] {
  return Array.from({ length: CARDS }, (_, i) => ({
    id: String(i + 1),
    url: `https://news.example.org/artikel/${i + 1}`,
    title: `Warga Kampung ${i + 1} Membangun Bank Sampah Bersama Pelajar dan Ibu-Ibu PKK`,
    excerpt:
      'Setiap Sabtu pagi warga membawa plastik, kardus dan minyak jelantah ke balai RW. Hasil penjualannya ditabung dan dicairkan menjelang Lebaran, sementara sisanya dipakai untuk kas kampung dan beasiswa anak-anak.',
    publishedAt: new Date(NOW - (i + 1) * 5 * 3_600_000).toISOString(),
    author: { name: 'Sari Wulandari' },
    image: { src: PIXEL, srcset: `${PIXEL} 300w, ${PIXEL} 640w`, width: 640, height: 360, alt: `Foto kegiatan ${i + 1}` },
    categories: [
      { id: '1', slug: 'lingkungan', name: 'Lingkungan' },
      { id: '2', slug: 'komunitas', name: 'Komunitas' },
    ],
    tags: [],
    ...(i % 5 === 0 ? { sourceLabel: 'Warta Warga' } : {}),
  }));
}

const dateFormat = new Intl.DateTimeFormat('id', { dateStyle: 'long', timeStyle: 'short' });
const i18n: CardI18n = {
  t: ((key: keyof typeof catalogue, params?: never) => {
    const message = catalogue[key] as string | ((p: unknown) => string);
    return typeof message === 'function' ? message(params) : message;
  }) as CardI18n['t'],
  relativeDate: (iso: string) => formatRelativeDate('id', iso, NOW),
  fullDate: (iso: string) => dateFormat.format(new Date(iso)),
};

const onSelect = () => undefined;
/** Dates cost the same Intl calls on both sides; without them the template's own overhead shows. */
let withDates = true;
const options = (index: number): CardOptions => ({ i18n, excerptWords: 30, lazy: index >= 3, sizes: '320px', onSelect, noDate: !withDates });

function withTemplate(items: Article[], container: HTMLElement): void {
  render(html`<ul class="list">${items.map((a, i) => html`<li class="item" data-index=${i}>${cardTemplate(a, options(i))}</li>`)}</ul>`, container);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

/** The same DOM as the template, written by hand. */
function handCard(a: Article, index: number): HTMLElement {
  const body = element('div', { class: 'card__body', part: 'card-body' });
  if (a.sourceLabel) {
    body.append(
      element(
        'p',
        { class: 'card__kicker' },
        element('span', { class: 'card__source', part: 'card-source' }, element('span', { class: 'visually-hidden' }, `${i18n.t('card.source')}: `), a.sourceLabel),
      ),
    );
  }
  const link = element('a', { class: 'card__link', part: 'card-link', href: safeUrl(a.url) ?? '' }, a.title);
  link.addEventListener('click', onSelect);
  body.append(element('h3', { class: 'card__title', part: 'card-title', 'aria-level': '3' }, link));
  const meta = element('p', { class: 'card__meta', part: 'card-meta' });
  if (withDates) {
    meta.append(element('time', { part: 'card-date', datetime: a.publishedAt, title: i18n.fullDate(a.publishedAt) }, i18n.relativeDate(a.publishedAt)));
  }
  meta.append(element('span', { class: 'card__author', part: 'card-author' }, i18n.t('card.by', { name: a.author?.name ?? '' })));
  body.append(meta);
  body.append(element('p', { class: 'card__excerpt', part: 'card-excerpt' }, trimWords(a.excerpt, 30)));
  const categories = element('ul', { class: 'card__categories', part: 'card-categories', 'aria-label': i18n.t('card.categories') });
  for (const term of a.categories) categories.append(element('li', { class: 'card__category', part: 'card-category' }, term.name));
  body.append(categories);
  const image = a.image!;
  const lazy = index >= 3;
  const img = element('img', {
    class: 'card__image',
    part: 'card-image',
    src: safeImageUrl(image.src) ?? '',
    srcset: safeSrcset(image.srcset) ?? '',
    sizes: imageSizes('320px', lazy),
    width: String(image.width),
    height: String(image.height),
    alt: image.alt,
    loading: lazy ? 'lazy' : 'eager',
    decoding: 'async',
  });
  const card = element('article', { class: 'card card--default', part: 'card' }, body, element('div', { class: 'card__media', part: 'card-media' }, img));
  return element('li', { class: 'item', 'data-index': String(index) }, card);
}

function byHand(items: Article[], container: HTMLElement): void {
  const list = element('ul', { class: 'list' });
  items.forEach((a, i) => list.append(handCard(a, i)));
  container.append(list);
}

function time(run: (items: Article[], container: HTMLElement) => void, items: Article[]): number {
  const container = document.createElement('div');
  document.body.append(container);
  const start = performance.now();
  run(items, container);
  const elapsed = performance.now() - start;
  container.remove();
  return elapsed;
}

/** A node as text with sorted attributes, no comments and no whitespace-only text: what a reader's browser gets. */
function shape(node: Node): string {
  if (node instanceof Text) return node.data.trim();
  if (!(node instanceof Element)) return '';
  const attributes = [...node.attributes].map((a) => `${a.name}="${a.value}"`).sort().join(' ');
  return `<${node.localName} ${attributes}>${[...node.childNodes].map(shape).join('')}</${node.localName}>`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Timing {
  templateMs: number;
  domMs: number;
  ratio: number;
  sameDom: boolean;
}

function compare(items: Article[], rounds: number): Timing {
  // Same DOM, or the comparison means nothing.
  const a = document.createElement('div');
  const b = document.createElement('div');
  withTemplate(items, a);
  byHand(items, b);
  const sameDom = shape(a) === shape(b);
  for (let i = 0; i < 30; i++) {
    time(withTemplate, items);
    time(byHand, items);
  }
  const template: number[] = [];
  const dom: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate, so a slow moment of the machine costs both sides alike.
    template.push(time(withTemplate, items));
    dom.push(time(byHand, items));
  }
  const templateMs = median(template);
  const domMs = median(dom);
  return { templateMs, domMs, ratio: templateMs / domMs, sameDom };
}

export function runRenderBench(rounds = 300): { cards: number; rounds: number; full: Timing; noDates: Timing } {
  const items = articles();
  withDates = true;
  const full = compare(items, rounds);
  withDates = false;
  const noDates = compare(items, rounds);
  withDates = true;
  return { cards: CARDS, rounds, full, noDates };
}

(globalThis as unknown as { runRenderBench: typeof runRenderBench }).runRenderBench = runRenderBench;
