import type { ConsoleMessage, Page } from '@playwright/test';

/**
 * Everything a page reports as an error: console errors (CSP violations included: Chromium logs
 * them, and an init script names each one), uncaught exceptions and unhandled rejections.
 *
 * Not counted: Chromium's "Failed to load resource" line for the API's own 401/429 answers on
 * /api/auth/ (who-am-I before sign-in, a refused or throttled sign-in), which the pages handle and
 * which Chromium logs for any non-2xx fetch. Everything else counts unless a test allows it.
 */
export class ConsoleWatch {
  readonly errors: string[] = [];
  private readonly allowed: RegExp[] = [];

  static async attach(page: Page): Promise<ConsoleWatch> {
    const watch = new ConsoleWatch();
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(
          `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'} (${event.sourceFile}:${event.lineNumber})`,
        );
      });
    });
    page.on('console', (message) => watch.onConsole(message));
    page.on('pageerror', (error) => watch.errors.push(`uncaught: ${error.stack ?? error.message}`));
    return watch;
  }

  /** Errors this test expects (e.g. net::ERR_FAILED while it cuts the API off). */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  unexpected(): string[] {
    return this.errors.filter((error) => !this.allowed.some((pattern) => pattern.test(error)));
  }

  private onConsole(message: ConsoleMessage): void {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    if (/status of (401|429)\b/.test(message.text()) && /\/api\/auth\//.test(where)) return;
    this.errors.push(`${message.text()}${where ? ` (${where})` : ''}`);
  }
}
