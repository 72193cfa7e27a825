// Prints one plain closing line, "N passed, N failed, N skipped", that any CI can read. It is
// written when the process exits so that it comes after Jest's own summary, and also when the
// run never completes (a suite that calls process.exit, e.g. Nest failing to boot): then with
// the counts so far and one failure more. Under `npm test` the browser tests run next:
// JEST_SUMMARY names a file that gets the same counts, and the browser tests' reporter
// (e2e/support/summary-reporter.ts) prints the line for both.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

function counts(results, incomplete) {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
  return {
    passed: numPassedTests,
    failed: numFailedTests + numRuntimeErrorTestSuites + (incomplete ? 1 : 0),
    skipped: numPendingTests + numTodoTests,
  };
}

class SummaryReporter {
  onRunStart(results) {
    this.latest = results;
    this.complete = false;
    process.once('exit', () => {
      const c = counts(this.latest, !this.complete);
      process.stderr.write(`summary: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped\n`);
    });
  }

  onTestResult(_test, _result, aggregated) {
    this.latest = aggregated;
  }

  onRunComplete(_contexts, results) {
    this.latest = results;
    this.complete = true;
    if (process.env.JEST_SUMMARY) {
      mkdirSync(dirname(process.env.JEST_SUMMARY), { recursive: true });
      writeFileSync(process.env.JEST_SUMMARY, JSON.stringify(counts(results, false)));
    }
  }
}
module.exports = SummaryReporter;
