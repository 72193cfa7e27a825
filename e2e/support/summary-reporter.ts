import { existsSync, readFileSync } from 'node:fs';

import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints the closing plain line CI reads, "summary: N passed, N failed, N skipped". Under
 * `npm test` (JEST_SUMMARY names the file test/support/summary-reporter.cjs wrote) the counts are
 * Jest's and the browser tests' together, so the one last line covers the whole suite.
 */
export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;
  private runError = false;

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // Only the final attempt counts (retries are 0 here, but keep the line honest if they are not).
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    if (result.status === 'passed') this.passed += 1;
    else if (result.status === 'skipped') this.skipped += 1;
    else this.failed += 1;
  }

  onError(): void {
    this.runError = true;
  }

  onEnd(result: FullResult): void {
    // A run that failed outside any test (global setup, a crashed worker) is one failure more.
    if (result.status !== 'passed' && this.failed === 0) this.runError = true;
  }

  async onExit(): Promise<void> {
    const totals = { passed: this.passed, failed: this.failed + (this.runError ? 1 : 0), skipped: this.skipped };
    const jest = jestCounts();
    if (jest) {
      totals.passed += jest.passed;
      totals.failed += jest.failed;
      totals.skipped += jest.skipped;
    }
    process.stdout.write(`summary: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  }
}

function jestCounts(): { passed: number; failed: number; skipped: number } | undefined {
  const file = process.env.JEST_SUMMARY;
  if (!file) return undefined;
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 }; // Jest said nothing: never read as a pass
  return JSON.parse(readFileSync(file, 'utf8')) as { passed: number; failed: number; skipped: number };
}
