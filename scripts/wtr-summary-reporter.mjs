/**
 * Prints one closing line, `wtr: N passed, N failed, N skipped`, after a
 * web-test-runner run, so CI logs show the count of every runner the same way.
 * It is written when the process exits, after web-test-runner's own progress
 * line, so it really is the last line.
 */
export function summaryReporter(label) {
  return {
    stop({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped += 1;
          else if (test.passed) passed += 1;
          else failed += 1;
        }
        for (const child of suite.suites) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load or threw outside a test counts as a failure, not as zero tests.
        if (!session.passed && session.errors?.length) failed += 1;
      }
      process.once('exit', () => process.stdout.write(`\n${label}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`));
    },
  };
}
