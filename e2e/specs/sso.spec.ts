import { FIXTURE_USERS } from '../../test/directories/fixtures.js';
import { ConsoleWatch } from '../support/console-watch.js';
import { expect, servers, test } from '../support/test.js';

// Issue 11, test 4: the Apache httpd of the SSO suite (Basic against the directory, then the
// X-Remote-User header) in front of the prepared app, which trusts 127.0.0.1 as its proxy.
const { bob } = FIXTURE_USERS;

test('opening / through the SSO proxy lands signed in, without the sign-in page', async ({ browser }) => {
  const { main } = servers();
  const context = await browser.newContext({
    httpCredentials: { username: bob.uid, password: bob.password, send: 'always' },
  });
  const page = await context.newPage();
  const watch = await ConsoleWatch.attach(page);
  const visited: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
  try {
    await page.goto(`${main.ssoUrl}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'My mailboxes' })).toBeVisible();
    await expect(page.getByRole('cell', { name: bob.mail })).toBeVisible();
    await expect(page.getByLabel('Mailboxes').getByText('Sales', { exact: true })).toBeVisible();
    expect(
      visited.filter((url) => url.includes('/sign-in')),
      'pages visited',
    ).toEqual([]);
    expect(new URL(page.url()).origin).toBe(main.ssoUrl);
    expect(watch.unexpected(), 'errors in the browser console').toEqual([]);
  } finally {
    await context.close();
  }
});
