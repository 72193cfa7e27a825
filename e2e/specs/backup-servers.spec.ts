import { OUS, SERVICE_ACCOUNT } from '../../test/directories/fixtures.js';
import { type OpenLdapServer, startOpenLdap } from '../../test/directories/openldap.js';
import { AdminApi } from '../support/admin-api.js';
import { type AppProcess, startApp } from '../support/app-process.js';
import { expect, servers, signInOnPage, test } from '../support/test.js';

// Issue 17 item 1: a backup server added on the directory page, saved, and the connection test
// run against two real slapd, the backup one down. An app of its own, so the shared ones keep one server.

let app: AppProcess;
let backup: OpenLdapServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const { ldap } = servers();
  [app, backup] = await Promise.all([
    startApp({ name: 'backup-servers', bootstrapAdminPassword: 'backup-servers-admin-password' }),
    startOpenLdap(),
  ]);
  const api = await AdminApi.signIn(app.url, app.adminEmail, app.adminPassword);
  await api.call('PUT', '/api/admin/ldap/settings', {
    enabled: true,
    host: '127.0.0.1',
    port: ldap.port,
    encryption: 'starttls',
    caCertificate: ldap.caCertPem,
    bindDn: SERVICE_ACCOUNT.dn,
    bindPassword: SERVICE_ACCOUNT.password,
    searchScopes: [{ dn: OUS.people, filter: '(objectClass=inetOrgPerson)' }],
  });
});

test.afterAll(async () => {
  await Promise.all([app?.stop(), backup?.stop()]);
});

test('the admin adds a backup server, saves, and the connection test shows both servers, the backup down', async ({
  page,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  // the refused save below answers 400 on purpose
  consoleWatch.allow(/status of 400 \(Bad Request\).*\/api\/admin\/ldap\/settings/);
  const { ldap } = servers();
  const field = (label: string) => page.getByLabel(label, { exact: true });

  await page.goto(`${app.url}/`);
  await signInOnPage(page, app.adminEmail, app.adminPassword);
  await expect(page).toHaveURL(`${app.url}/admin`);
  await page.getByRole('link', { name: 'Directory settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Directory settings' })).toBeVisible();
  await expect(field('Host')).toHaveValue('127.0.0.1');

  await test.step('the confirmation names every server as host:port, as the API will read it', async () => {
    await page.getByRole('button', { name: 'Add backup server' }).click();
    await field('Backup server 1 host').fill('ldap://127.0.0.1:13390/');
    await page.getByRole('button', { name: 'Add backup server' }).click();
    await field('Backup server 2 host').fill('::1');
    await field('Backup server 2 port').fill('13999');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the directory connection?' });
    await expect(dialog.getByRole('listitem')).toHaveText(['Backup servers: (none) → 127.0.0.1:13390, [::1]:13999']);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Remove backup server 2' }).click();
    await page.getByRole('button', { name: 'Remove backup server 1' }).click();
    await expect(page.getByText('All changes saved.')).toBeVisible();
  });

  await test.step('a backup server that repeats the host is refused beside its row', async () => {
    await page.getByRole('button', { name: 'Add backup server' }).click();
    await field('Backup server 1 host').fill('127.0.0.1');
    await field('Backup server 1 port').fill(String(ldap.port));
    await page.getByRole('button', { name: 'Change password' }).click();
    await field('Bind password').fill(SERVICE_ACCOUNT.password);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('button', { name: 'Confirm and save' }).click();
    const row = page.getByRole('listitem').filter({ has: field('Backup server 1 host') });
    await expect(row).toContainText(`127.0.0.1:${ldap.port} is listed twice`);
  });

  await test.step('two rows, reordered, the duplicate removed, saved', async () => {
    await page.getByRole('button', { name: 'Add backup server' }).click();
    await field('Backup server 2 host').fill('127.0.0.1');
    await field('Backup server 2 port').fill(String(backup.port));
    await page.getByRole('button', { name: 'Move backup server 2 up' }).click();
    await expect(field('Backup server 1 port')).toHaveValue(String(backup.port));
    await page.getByRole('button', { name: 'Remove backup server 2' }).click();
    await expect(field('Backup server 2 host')).toHaveCount(0);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('button', { name: 'Confirm and save' }).click();
    await expect(page.getByText('All changes saved.')).toBeVisible();
    await page.reload();
    await expect(field('Backup server 1 host')).toHaveValue('127.0.0.1');
    await expect(field('Backup server 1 port')).toHaveValue(String(backup.port));
  });

  await test.step('the dashboard names the server with its port, and the backup server', async () => {
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expect(
      page.getByText(`LDAP sign-in is on · 127.0.0.1:${ldap.port} + 1 backup server`, { exact: true }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Directory settings', exact: true }).click();
    await expect(field('Backup server 1 host')).toHaveValue('127.0.0.1');
  });

  await test.step('the backup slapd goes down; Test connection shows both servers', async () => {
    await backup.kill();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const first = page.getByRole('list', { name: `Connection test steps, 127.0.0.1:${ldap.port} (host)` });
    const second = page.getByRole('list', { name: `Connection test steps, 127.0.0.1:${backup.port} (backup server)` });
    await expect(first.getByRole('listitem')).toHaveText([
      /^Resolve: OK/,
      /^Connect: OK/,
      /^TLS: OK/,
      /^Bind: OK/,
      /^Search: OK/,
    ]);
    await expect(second.getByRole('listitem')).toHaveText([
      /^Resolve: OK/,
      /^Connect: failed/,
      /^TLS: not run/,
      /^Bind: not run/,
      /^Search: not run/,
    ]);
    await expect(page.getByText(`127.0.0.1:${backup.port} (backup server): failed`)).toBeVisible();
    await expect(page.getByText(`The first reachable server, 127.0.0.1:${ldap.port}, passed every step`)).toBeVisible();
    await expect(
      page.getByText(`Warning: 127.0.0.1:${backup.port} (backup server) failed at connect`, { exact: false }),
    ).toBeVisible();
  });
});
