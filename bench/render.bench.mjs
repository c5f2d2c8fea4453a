/**
 * Render benchmark: a page of 24 article cards built with the shared card
 * template (lit) against hand-written DOM code doing the same work, in the
 * same Chromium page, alternating, median of many rounds. Prints both times
 * and their ratio; the ratio is the figure (machines differ, ratios less so).
 * No assertion on timing: this informs, it does not gate.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { chromeArgs } from '../scripts/check-bundle.mjs';
import { ensureChromium } from '../scripts/chromium.mjs';

const entry = fileURLToPath(new URL('./browser/render.ts', import.meta.url));

/**
 * Builds a bench/browser entry into one script and evaluates `expression` in
 * an https Chromium page whose every request is answered here (pictures like
 * real ones, nothing leaves the machine).
 */
export async function runInChromium(entry, name, expression) {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['iife'], name, fileName: () => 'bench.js' },
    },
    esbuild: { target: 'es2022' },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output ?? []);
  const code = chunks.find((chunk) => chunk.type === 'chunk')?.code;
  if (!code) throw new Error(`${entry} did not build`);

  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromeArgs });
  try {
    const page = await browser.newPage();
    // An https page whose every request is answered here: the cards' pictures load
    // like real ones, and nothing leaves the machine.
    const pixel = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
    await page.route('**/*', (route) =>
      route.request().url().endsWith('.gif')
        ? route.fulfill({ contentType: 'image/gif', body: pixel })
        : route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="id"><body></body></html>' }),
    );
    await page.goto('https://bench.kabar.test/');
    await page.addScriptTag({ content: code });
    return await page.evaluate(expression);
  } finally {
    await browser.close();
  }
}

export function renderBench({ rounds = 300 } = {}) {
  return runInChromium(entry, 'KabarRenderBench', `runRenderBench(${Number(rounds)})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await renderBench();
  const ms = (value) => `${value.toFixed(3)} ms`.padStart(10);
  const line = (title, timing) =>
    console.log(
      `  ${title.padEnd(26)} template ${ms(timing.templateMs)}   hand-written ${ms(timing.domMs)}   ratio ${timing.ratio.toFixed(2)} x${timing.sameDom ? '' : '  (WARNING: the two DOMs differ)'}`,
    );
  console.log(`render: a page of ${result.cards} cards, median of ${result.rounds} rounds each, in Chromium`);
  line('full cards', result.full);
  line('without dates (no Intl)', result.noDates);
}
