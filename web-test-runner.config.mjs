import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { forcedColorsPlugin } from './scripts/wtr-forced-colors.mjs';
import { chromeArgs } from './scripts/chromium.mjs';
import { defaultReporter } from '@web/test-runner';
import { builtFileGroups } from './scripts/wtr-built-files.mjs';

const chromeFlags = ['--headless=new', ...chromeArgs];

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  // One page at a time: a test page in a background tab gets no animation frames and no
  // keyboard focus, which made focus, IntersectionObserver and sendKeys tests flaky.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    forcedColorsPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: chromeFlags,
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter('wtr')],
  // The element suites once more, each against its built feature file (see the module).
  groups: await builtFileGroups(process.argv.slice(2)),
};
