import { FIXTURE_USERS, OUS, SERVICE_ACCOUNT } from '../../test/directories/fixtures.js';
import { AdminApi } from '../support/admin-api.js';
import { type AppProcess, startApp } from '../support/app-process.js';
import { rowWith } from '../support/pages.js';
import { expect, servers, signInByApi, test } from '../support/test.js';

// Console states the shared apps never reach, on an app of its own (a new install, then a directory
// whose second scope does not exist): the users page before anyone else is there, the dashboard's
// servers and wording, the log's date filters, and a failed run that held users at the deprovision
// brake. In order: the first test needs the install untouched.

let app: AppProcess;
let api: AdminApi;
const { locked } = FIXTURE_USERS;
const MISSING_SCOPE = `ou=nowhere,${OUS.people.slice(OUS.people.indexOf(',') + 1)}`;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startApp({ name: 'console-states', bootstrapAdminPassword: 'console-states-admin-password' });
  api = await AdminApi.signIn(app.url, app.adminEmail, app.adminPassword);
});

test.afterAll(async () => {
  await app?.stop();
});

/** The shared slapd, people only (or with a scope that does not exist), every disable held for confirmation. */
function settings(searchScopes: string[]) {
  const { ldap } = servers();
  return {
    enabled: true,
    host: '127.0.0.1',
    port: ldap.port,
    encryption: 'starttls',
    caCertificate: ldap.caCertPem,
    bindDn: SERVICE_ACCOUNT.dn,
    bindPassword: SERVICE_ACCOUNT.password,
    backupServers: [{ host: '127.0.0.2', port: ldap.port }],
    searchScopes: searchScopes.map((dn) => ({ dn, filter: '(objectClass=inetOrgPerson)' })),
    sync: { deprovision: 'disable', maxDisablePercent: 0 },
  };
}

test('the users page of a new install says where users come from, apart from "nothing matches"', async ({ page }) => {
  await signInByApi(page, app, app.adminEmail, app.adminPassword);
  await page.goto(`${app.url}/admin/users`);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByText('Only local accounts so far')).toBeVisible();
  await expect(page.getByText('No user matches these filters.')).toHaveCount(0);

  await page.getByLabel('Search users').fill('nobody-by-this-name');
  await expect(page.getByText('No user matches these filters.')).toBeVisible();
  await expect(page.getByText('Only local accounts so far')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(page.getByLabel('Search users')).toHaveValue('');
  await expect(rowWith(page.getByRole('table', { name: 'Users' }), app.adminEmail)).toBeVisible();

  await page.goto(`${app.url}/admin/users?page=3`);
  await expect(page.getByText('There is nobody on page 3: the list ends before it.')).toBeVisible();
  await expect(page.getByText('No user matches these filters.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Go to the first page' }).click();
  await expect(rowWith(page.getByRole('table', { name: 'Users' }), app.adminEmail)).toBeVisible();

  await page.getByRole('link', { name: 'Import users from the directory' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
});

test('the dashboard names the servers from its own answer, without reading the LDAP settings', async ({ page }) => {
  const { ldap } = servers();
  await api.call('PUT', '/api/admin/ldap/settings', settings([OUS.people]));
  expect((await api.importAndWait({ full: true })).status).toBe('succeeded');
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  await signInByApi(page, app, app.adminEmail, app.adminPassword);
  await page.goto(`${app.url}/admin`);
  const directory = page.getByRole('region', { name: 'Directory' });
  await expect(directory).toContainText(`LDAP sign-in is on · 127.0.0.1:${ldap.port} + 1 backup server`);
  await page.waitForLoadState('networkidle');
  expect(asked).toContain('/api/admin/dashboard');
  expect(asked).not.toContain('/api/admin/ldap/settings');

  // the last run reads as the import page says it ("Full run", not the API's "full")
  await expect(page.getByRole('region', { name: 'Last sync' })).toContainText('Full run, started');
});

test("the LDAP log's date filters are wide enough for a whole date and time at 1280 px", async ({ page }) => {
  await signInByApi(page, app, app.adminEmail, app.adminPassword);
  await page.goto(`${app.url}/admin/logs`);
  for (const label of ['From', 'To']) {
    const box = await page.getByLabel(label, { exact: true }).boundingBox();
    expect(box?.width, `the ${label} field's width`).toBeGreaterThanOrEqual(220);
  }
});

test('a run that failed after holding users at the brake shows them and disables them when told', async ({ page }) => {
  test.setTimeout(180_000);
  await test.step('an import, the locked user enabled by hand, then a scope that does not exist', async () => {
    await api.call('PUT', '/api/admin/ldap/settings', settings([OUS.people]));
    expect((await api.importAndWait({ full: true })).status).toBe('succeeded');
    const found = await api.call<{ items: { id: number; status: string }[] }>(
      'GET',
      `/api/admin/users?q=${encodeURIComponent(locked.mail!)}`,
    );
    expect(found.items).toMatchObject([{ status: 'disabled' }]);
    await api.call('PATCH', `/api/admin/users/${found.items[0].id}`, { status: 'active' });
    await api.call('PUT', '/api/admin/ldap/settings', settings([OUS.people, MISSING_SCOPE]));
  });

  await signInByApi(page, app, app.adminEmail, app.adminPassword);
  await page.goto(`${app.url}/admin/import`);
  const dialog = page.getByRole('dialog', { name: 'Confirm disabling users' });

  await test.step('the failed run shows the user it held and offers the confirmation', async () => {
    await page.getByLabel('Full run', { exact: true }).check();
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The run failed' })).toContainText(MISSING_SCOPE, {
      timeout: 30_000,
    });
    await expect(page.getByText('Waiting for your confirmation')).toBeVisible();
    await expect(page.getByText('Before it failed, the run found 1 directory user to disable')).toBeVisible();
    const history = page.getByRole('table', { name: 'Import runs, newest first' });
    await expect(history.getByRole('row').nth(1)).toContainText('1 held for confirmation');
    await page.getByRole('button', { name: 'Review users to disable' }).click();
    await expect(dialog).toContainText(
      '1 directory user would be disabled (no longer found in the directory, or disabled, locked or expired there)',
    );
    await expect(dialog).toContainText('The run then failed (see its error) and nobody has been disabled.');
    await expect(
      rowWith(dialog.getByRole('table', { name: 'Users the run would disable' }), locked.mail!),
    ).toBeVisible();
  });

  await test.step('"Disable them" disables the user the directory locked', async () => {
    await dialog.getByRole('button', { name: 'Disable them' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Disabled (1)' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Users' }).click();
    await expect(rowWith(page.getByRole('table', { name: 'Users' }), locked.mail!)).toContainText(
      'Disabled in the directory',
    );
  });
});

test('setting your own password keeps you signed in here and says that only your other sessions ended', async ({
  page,
  browser,
}) => {
  // a second session of the same admin, which the change must end
  const other = await browser.newPage();
  await signInByApi(other, app, app.adminEmail, app.adminPassword);
  await signInByApi(page, app, app.adminEmail, app.adminPassword);
  await page.goto(`${app.url}/admin/users`);
  await rowWith(page.getByRole('table', { name: 'Users' }), app.adminEmail)
    .getByRole('button', { name: 'Set password' })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('New password').fill(app.adminPassword);
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(
    page.getByText(`Password set for ${app.adminEmail}. Your other sessions have ended; this one continues.`),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL(`${app.url}/admin`);
  expect((await other.request.get(`${app.url}/api/auth/me`)).status()).toBe(401);
  await other.close();
});

test('a URL typed as the host fills Port and Encryption when the field is left', async ({ page }) => {
  await signInByApi(page, app, app.adminEmail, app.adminPassword);
  await page.goto(`${app.url}/admin/directory`);
  const connection = page.getByRole('region', { name: 'Connection' });
  const host = connection.getByLabel('Host', { exact: true }).first();
  await host.fill('ldaps://127.0.0.1:10636');
  await host.blur();
  await expect(host).toHaveValue('127.0.0.1');
  await expect(connection.getByLabel('Port', { exact: true }).first()).toHaveValue('10636');
  await expect(connection.getByLabel('Encryption', { exact: true })).toHaveValue('SSL (LDAPS)');
  // host:port keeps the encryption and takes the port
  await host.fill('dc1.example.com:3389');
  await host.blur();
  await expect(host).toHaveValue('dc1.example.com');
  await expect(connection.getByLabel('Port', { exact: true }).first()).toHaveValue('3389');
  await expect(connection.getByLabel('Encryption', { exact: true })).toHaveValue('SSL (LDAPS)');
});
