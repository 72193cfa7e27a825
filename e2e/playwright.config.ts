import { defineConfig } from '@playwright/test';

import { CHROMIUM } from './support/chromium.js';

/**
 * Browser tests: Debian's Chromium against the built app (started by global-setup.ts with a
 * throwaway slapd and the Apache SSO proxy). Run by `npm test` after Jest, or alone with
 * `npm run test:browser`.
 */
export default defineConfig({
  testDir: './specs',
  outputDir: '../.tmp/e2e-results',
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  // Two cores here: one worker per core; each spec file keeps to its own app (see global-setup.ts).
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  // Generous: two shared cores, three app processes and Chromium; a test waits only as long as it must.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['./support/summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      // A host name other than localhost for the CSP/plain-http test, resolved to loopback only.
      args: ['--host-resolver-rules=MAP helpdesk.localtest 127.0.0.1'],
    },
  },
});
