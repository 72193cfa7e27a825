import { test as base, expect, type Page } from '@playwright/test';

import { ConsoleWatch } from './console-watch.js';
import { type AppServer, servers } from './servers.js';

export { expect };

/**
 * `test` with a console watch on the page: a test fails when its page logged an error it did
 * not allow (see ConsoleWatch), after its own steps passed.
 */
export const test = base.extend<{ consoleWatch: ConsoleWatch }>({
  consoleWatch: [
    async ({ page }, use) => {
      const watch = await ConsoleWatch.attach(page);
      await use(watch);
      expect(watch.unexpected(), 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

/** Signs in through the API the console uses (for tests about other pages than the sign-in page). */
export async function signInByApi(page: Page, app: AppServer, login: string, password: string): Promise<void> {
  const res = await page.request.post(`${app.url}/api/auth/login`, {
    data: { login, password },
    headers: { 'X-Requested-With': 'helpdesk-console' },
  });
  expect(res.status(), `sign-in as ${login}`).toBe(200);
}

/** Signs in on the sign-in page, as a person would. */
export async function signInOnPage(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export { type AppServer, servers };
