import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { FIXTURE_USERS } from '../../test/directories/fixtures.js';
import { ROOT } from '../support/app-process.js';
import {
  expectNoSeriousAxeViolations,
  horizontalOverflow,
  namedContentCutOff,
  tablesCutOff,
} from '../support/quality.js';
import { type AppServer, expect, servers, signInByApi, test } from '../support/test.js';

// Issue 11, test 5, on the prepared app (directory, SSO and three mailboxes configured, users
// imported): for every page, no serious or critical axe violation, no console error (the
// fixture in support/test.ts), every table whole at 1280 px (no sideways scrolling in its box),
// usable on a 390 px wide phone (no sideways scrolling; the import history whole, every counter
// in sight), and a 1280x800 screenshot in docs/screenshots/<page>.png.
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const { alice } = FIXTURE_USERS;

interface ConsolePage {
  name: string;
  path: (main: ReturnType<typeof servers>['main']) => string;
  /** Who is signed in: nobody, an agent (alice) or the admin. */
  as: 'nobody' | 'agent' | 'admin';
  /** The page's own h1, once it has loaded. */
  heading: string;
  /** Tables or lists (by accessible name) that show everything at 390 px, without scrolling sideways in their box. */
  wholeOnPhone?: string[];
}

const PAGES: ConsolePage[] = [
  { name: 'sign-in', path: () => '/sign-in', as: 'nobody', heading: 'Sign in' },
  { name: 'my-mailboxes', path: () => '/', as: 'agent', heading: 'My mailboxes' },
  { name: 'not-allowed', path: () => '/admin/users', as: 'agent', heading: 'Not allowed' },
  { name: 'dashboard', path: () => '/admin', as: 'admin', heading: 'Dashboard' },
  { name: 'directory-settings', path: () => '/admin/directory', as: 'admin', heading: 'Directory settings' },
  {
    name: 'import',
    path: () => '/admin/import',
    as: 'admin',
    heading: 'Import',
    wholeOnPhone: ['Import runs, newest first'],
  },
  { name: 'mailboxes', path: () => '/admin/mailboxes', as: 'admin', heading: 'Mailboxes' },
  { name: 'mailbox', path: (main) => `/admin/mailboxes/${main.mailboxIds.Support}`, as: 'admin', heading: 'Support' },
  { name: 'new-mailbox', path: () => '/admin/mailboxes/new', as: 'admin', heading: 'New mailbox' },
  { name: 'users', path: () => '/admin/users', as: 'admin', heading: 'Users' },
  { name: 'ldap-log', path: () => '/admin/logs', as: 'admin', heading: 'LDAP log' },
  { name: 'not-found', path: () => '/admin/no-such-page', as: 'admin', heading: 'Page not found' },
];

async function open(page: Page, app: AppServer, target: ConsolePage, path: string): Promise<void> {
  if (target.as === 'agent') await signInByApi(page, app, alice.uid, alice.password);
  if (target.as === 'admin') await signInByApi(page, app, app.adminEmail, app.adminPassword);
  await page.goto(`${app.url}${path}`);
  await expect(page.getByRole('heading', { level: 1, name: target.heading, exact: true })).toBeVisible();
  // every spinner gone ("Loading the ..." status), so the checks see the loaded page
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
  await page.waitForLoadState('networkidle');
}

for (const target of PAGES) {
  test(`${target.name}: accessible, no console errors, usable at 390 px, screenshot`, async ({ page }) => {
    const { main } = servers();
    const path = target.path(main);
    await open(page, main, target, path);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${target.name}.png`), animations: 'disabled', caret: 'hide' });

    // Soft (the test still fails): one run reports an accessibility, a table-width and a phone-width problem.
    await expectNoSeriousAxeViolations(page);
    expect.soft(await tablesCutOff(page), 'tables cut off at 1280 px').toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: target.heading, exact: true })).toBeVisible();
    await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
    const overflow = await horizontalOverflow(page);
    expect
      .soft(overflow.scrollWidth, `the page scrolls sideways at 390 px: ${overflow.offenders.join('; ')}`)
      .toBeLessThanOrEqual(overflow.width);
    if (target.wholeOnPhone)
      expect.soft(await namedContentCutOff(page, target.wholeOnPhone), 'cut off at 390 px').toEqual([]);
    // the navigation is behind the menu button on a phone, and opens
    if (target.as !== 'nobody') {
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await expect(page.getByRole('link', { name: 'My mailboxes' })).toBeVisible();
    }
  });
}
