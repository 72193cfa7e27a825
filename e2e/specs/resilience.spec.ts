import { FIXTURE_USERS } from '../../test/directories/fixtures.js';
import { expect, servers, signInByApi, signInOnPage, test } from '../support/test.js';

const { alice, plee } = FIXTURE_USERS;

test.describe('a lost connection to the API', () => {
  test('opening the console while the API cannot be reached shows "Cannot reach the server", not a blank page', async ({
    page,
    consoleWatch,
  }) => {
    const { main } = servers();
    await signInByApi(page, main, alice.uid, alice.password);
    await page.goto(`${main.url}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'My mailboxes' })).toBeVisible();
    consoleWatch.allow(/net::ERR_INTERNET_DISCONNECTED/);
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect(page.getByRole('alert')).toContainText('Cannot reach the server', { timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    // and it recovers once the API is back
    await page.unroute('**/api/**');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My mailboxes' })).toBeVisible();
  });

  test('losing the API while using the admin console says so on the page', async ({ page, consoleWatch }) => {
    const { main } = servers();
    await signInByApi(page, main, main.adminEmail, main.adminPassword);
    await page.goto(`${main.url}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'My mailboxes' })).toBeVisible();
    consoleWatch.allow(/net::ERR_INTERNET_DISCONNECTED/);
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.getByRole('link', { name: 'LDAP log' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Cannot reach the server' }).first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole('link', { name: 'Dashboard' })).toBeVisible();
  });
});

test('the console works over plain http on a host name other than localhost, and its CSP blocks nothing it needs', async ({
  page,
}) => {
  const { main } = servers();
  const origin = `http://helpdesk.localtest:${main.port}`;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const document = await page.goto(`${origin}/`);
  const csp = (await document!.request().response())?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).not.toMatch(/upgrade-insecure-requests/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await signInOnPage(page, plee.uid, plee.password);
  await expect(page.getByRole('heading', { level: 1, name: 'My mailboxes' })).toBeVisible();
  await expect(page.getByRole('cell', { name: plee.mail })).toBeVisible();
  // every request stayed on plain http and this host (no upgrade to https, nothing from elsewhere)
  expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  // and by IP address another than 127.0.0.1
  await page.goto(`http://127.0.0.2:${main.port}/sign-in`);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
