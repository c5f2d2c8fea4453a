/**
 * Reflow (WCAG 1.4.10) against the real server with its production defaults: each demo page,
 * an article page and a partner's page holding every element (another origin, allowed by
 * KABAR_ALLOWED_ORIGINS) at 320 CSS px, and in a 640 px window zoomed to 200 % (a CSS viewport
 * of 320 px at two device pixels per CSS pixel, which is what browser zoom does; 1280 px at
 * 400 % is the same 320 CSS px), in both colour schemes. The page never scrolls sideways: its
 * scroll width equals its client width. The story form is judged with errors shown and a
 * photo with a long name picked, the comment box with a reply open.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { partnerSuite } from './reach.js';

const suite = partnerSuite();

const PAGES = ['/demo/', '/demo/feed.html', '/demo/story.html', '/demo/comments.html', '/demo/wordpress.html', '/artikel/bank-sampah-rw-05-sukamaju'];

/** Puts each story form and comment box on the page into its widest state. */
async function widestStates(page: Page): Promise<void> {
  for (const form of await page.locator('kabar-story-form').all()) {
    if (!(await form.locator('#photo').count())) continue;
    await form.locator('#photo').setInputFiles({
      name: 'foto-kerja-bakti-membersihkan-saluran-air-rw-05-sukamaju-minggu-pagi-bersama-warga.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('Bukan foto, agar kesalahannya ikut tampil.\n'),
    });
    await form.locator('#photo-error').waitFor();
    await form.locator('button[type="submit"]').click();
    await form.locator('[part="error-summary"]').waitFor();
  }
  for (const box of await page.locator('kabar-comment-box').all()) {
    await box.scrollIntoViewIfNeeded();
    const reply = box.locator('[part="reply-button"]').first();
    if (!(await reply.count().catch(() => 0))) {
      await box.locator('[part="reply-button"], [part="error"], [part="empty"], [part="closed"]').first().waitFor({ timeout: 15_000 });
    }
    if (await reply.count()) {
      await reply.click();
      await box.locator('#reply-title').waitFor();
    }
  }
}

/** The page's scroll and client widths, and the elements that stick out past its right edge. */
function widths(page: Page): Promise<{ scroll: number; client: number; wide: string[] }> {
  return page.evaluate(`(() => {
    const d = document.documentElement;
    const wide = [];
    const walk = (root, host) => {
      for (const el of root.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > d.clientWidth + 0.5) wide.push(host + el.localName + (el.id ? '#' + el.id : '') + ' to ' + Math.round(box.right) + ' px');
        if (el.shadowRoot) walk(el.shadowRoot, host + el.localName + '>>');
      }
    };
    walk(document, '');
    return { scroll: d.scrollWidth, client: d.clientWidth, wide: wide.slice(0, 6) };
  })()`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [label, deviceScaleFactor] of [
    ['320 px', 1],
    ['640 px at 200 %', 2],
  ] as const) {
    test(`every demo page, the article page and a partner's page reflow at ${label} (${colorScheme})`, async () => {
      const context = await suite.partner.browser.newContext({ viewport: { width: 320, height: 640 }, deviceScaleFactor, colorScheme });
      try {
        const failures: string[] = [];
        for (const url of [...PAGES.map((path) => `${suite.server.url}${path}`), `${suite.partner.origin}/all`]) {
          const page = await context.newPage();
          const response = await page.goto(url, { waitUntil: 'load' });
          assert.equal(response?.status(), 200, url);
          assert.equal(await page.evaluate('window.innerWidth'), 320, 'a CSS viewport of 320 px');
          const elements = page.locator('kabar-article-feed, kabar-story-form, kabar-comment-box, kabar-comment-count');
          assert.ok((await elements.count()) > 0, `${url} holds Kabar elements`);
          await page.waitForFunction(`[...document.querySelectorAll('kabar-article-feed, kabar-story-form, kabar-comment-box')].every((el) => el.shadowRoot)`);
          await widestStates(page);
          // Lazy parts (comment threads, images) below the fold come in as the reader scrolls.
          await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
          await page.waitForLoadState('networkidle');
          const { scroll, client, wide } = await widths(page);
          if (scroll !== client) failures.push(`${url}: scroll width ${scroll}, client width ${client}; ${wide.join(', ')}`);
          await page.close();
        }
        assert.deepEqual(failures, []);
      } finally {
        await context.close();
      }
    });
  }
}
