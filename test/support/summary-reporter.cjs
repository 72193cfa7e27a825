// Prints one plain closing line, "N passed, N failed, N skipped", that any CI can read. It is
// written when the process exits so that it comes after Jest's own summary. Under `npm test`
// the browser tests run next: JEST_SUMMARY names a file that gets the same counts, and the
// browser tests' reporter (e2e/support/summary-reporter.ts) prints the line for both.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
    const counts = { passed: numPassedTests, failed: numFailedTests + numRuntimeErrorTestSuites, skipped: numPendingTests + numTodoTests };
    const line = `summary: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`;
    if (process.env.JEST_SUMMARY) {
      mkdirSync(dirname(process.env.JEST_SUMMARY), { recursive: true });
      writeFileSync(process.env.JEST_SUMMARY, JSON.stringify(counts));
    }
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
