import { FIXTURE_GROUPS, fixtureUsersIn, OUS } from '../../test/directories/fixtures.js';
import { figure, rowWith } from '../support/pages.js';
import { expect, servers, signInOnPage, test } from '../support/test.js';

// Issue 11, test 1: from an empty install (the app printed its bootstrap password on its first
// start; nothing else is configured), everything through the pages.

/** What the OpenLDAP fixtures hold under ou=people: persons (the printer is a device), and those with an email. */
const PEOPLE = fixtureUsersIn('people');
const IMPORTABLE = PEOPLE.filter((user) => user.mail !== undefined);
const { sales } = FIXTURE_GROUPS;
const SALES_IN_PEOPLE = PEOPLE.filter((user) => (user.groups as readonly string[]).includes('sales'));

test('from an empty install the admin sets up the directory, a mailbox and an import, only through the pages', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { fresh, ldap } = servers();

  await test.step('the admin signs in with the bootstrap password', async () => {
    await page.goto(`${fresh.url}/`);
    await expect(page).toHaveURL(/\/sign-in/);
    await signInOnPage(page, fresh.adminEmail, fresh.adminPassword);
    await expect(page).toHaveURL(`${fresh.url}/admin`);
    await expect(page.getByText('LDAP sign-in is off · no server set')).toBeVisible();
    await page.getByRole('link', { name: 'Directory settings', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Directory settings' })).toBeVisible();
    // nothing saved yet: the heading and the save bar say so alike, neither claims a save
    await expect(page.getByText('Not saved yet: the fields show the defaults.')).toBeVisible();
    await expect(page.getByText('Not saved yet.', { exact: true })).toBeVisible();
    await expect(page.getByText('All changes saved.')).toHaveCount(0);
  });

  const field = (label: string) => page.getByLabel(label, { exact: true });
  const steps = page.getByRole('list', { name: 'Connection test steps' });

  await test.step('the OpenLDAP preset and the fixture directory, and Test connection all green', async () => {
    await page.getByRole('button', { name: 'OpenLDAP' }).click();
    await expect(field('Scope 1 filter')).toHaveValue('(objectClass=inetOrgPerson)');
    await field('LDAP sign-in enabled').check();
    await field('Host').fill('127.0.0.1');
    await field('Port').fill(String(ldap.port));
    await expect(field('Encryption')).toHaveValue('StartTLS');
    await field('CA certificate').fill(ldap.caCertPem);
    await field('Bind DN').fill(ldap.serviceDn);
    await field('Bind password').fill(ldap.servicePassword);
    await field('Scope 1 DN').fill(OUS.people);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(steps.getByRole('listitem')).toHaveText([
      /^Resolve: OK/,
      /^Connect: OK/,
      /^TLS: OK/,
      /^Bind: OK/,
      /^Search: OK/,
    ]);
    await expect(page.getByText(/^All steps passed/)).toBeVisible();
    await expect(page.getByText(`Users found: ${PEOPLE.length} in ${OUS.people}`)).toBeVisible();
  });

  await test.step('a wrong bind password shows the credentials hint on the bind step', async () => {
    await field('Bind password').fill('not-the-service-password');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const bind = steps.getByRole('listitem').filter({ hasText: /^Bind: failed/ });
    await expect(bind).toContainText('What to check: Check the Bind username or Bind DN and the password');
    await expect(steps.getByRole('listitem').filter({ hasText: /^Search: not run/ })).toBeVisible();
    await expect(page.getByText('The test stopped at bind.')).toBeVisible();
    await field('Bind password').fill(ldap.servicePassword);
  });

  await test.step('Fetch attributes, apply the proposed mapping, save', async () => {
    await field('Email attribute').fill('');
    await page.getByRole('button', { name: 'Fetch attributes' }).click();
    const attributes = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Attribute' }) });
    await expect(rowWith(attributes, 'givenName')).toBeVisible();
    await expect(rowWith(attributes, 'mail')).toBeVisible();
    await page.getByRole('button', { name: 'Apply proposed mapping' }).click();
    await expect(field('Email attribute')).toHaveValue('mail');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('All changes saved.')).toBeVisible();
    await expect(page.getByText(/^Last saved .* by admin@example\.com\.$/)).toBeVisible();
    await expect(page.getByText(/^Not saved yet/)).toHaveCount(0);
    await page.reload();
    await expect(field('Host')).toHaveValue('127.0.0.1');
    await expect(field('Scope 1 DN')).toHaveValue(OUS.people);
    await expect(field('Bind password')).toHaveValue('stored (kept)');
  });

  await test.step('a mailbox with a memberOf filter whose preview shows the right count', async () => {
    await page.getByRole('link', { name: 'Mailboxes', exact: true }).click();
    await page.getByRole('button', { name: 'New mailbox' }).click();
    await field('Name').fill('Sales');
    await field('Email').fill('sales@example.com');
    // a DN as AD tools print it: the preview says how the filter was rewritten
    await field('LDAP filter').fill('(memberOf=CN=Sales\\, EU,OU=groups,DC=example,DC=com)');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'match' })).toContainText('0 directory users match');
    await expect(page.getByText('The filter was written in RFC 4515 form')).toBeVisible();
    await expect(page.getByText(/CN=Sales\\5c, EU/).first()).toBeVisible();
  });

  await test.step('saved so, the mailbox page keeps the notes; the notice leaves the header free', async () => {
    await page.getByRole('button', { name: 'Save mailbox' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
    const notes = page.getByRole('status').filter({ hasText: 'Saved. What the server changed' });
    await expect(notes).toContainText('RFC 4515');
    await expect(notes).toContainText(/CN=Sales\\5c, EU/);
    await expect(field('LDAP filter')).toHaveValue(/CN=Sales\\5c, EU/);
    const notice = page.locator('.mantine-Notification-root').filter({ hasText: 'The mailbox Sales was created' });
    await expect(notice).toContainText('see the notes under Settings');
    const header = (await page.getByRole('banner').boundingBox())!;
    const box = (await notice.boundingBox())!;
    expect(box.y, 'the notice starts below the header (Sign out stays free)').toBeGreaterThanOrEqual(
      header.y + header.height,
    );
  });

  await test.step('the filter changed to the group DN: the preview counts its members, a clean save clears the notes', async () => {
    await field('LDAP filter').fill(`(memberOf=${sales.dn})`);
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'match' })).toContainText(
      `${SALES_IN_PEOPLE.length} directory users match`,
    );
    const matches = page.getByRole('table', { name: 'Directory users the filter matches' });
    for (const user of SALES_IN_PEOPLE) await expect(rowWith(matches, user.mail!)).toBeVisible();
    await expect(matches.getByRole('row')).toHaveCount(SALES_IN_PEOPLE.length + 1);
    await page.getByRole('button', { name: 'Save mailbox' }).click();
    await expect(page.getByText('The mailbox Sales was saved.')).toBeVisible();
    await expect(field('LDAP filter')).toHaveValue(`(memberOf=${sales.dn})`);
    await expect(page.getByText('Saved. What the server changed')).toHaveCount(0);
  });

  let runUrl = '';
  await test.step('a dry run shows the users to create', async () => {
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('button', { name: 'Dry run' }).click();
    await expect(page.getByRole('heading', { name: 'Dry run: the plan' })).toBeVisible();
    await expect(page.getByRole('heading', { name: `Would create (${IMPORTABLE.length})` })).toBeVisible();
    const toCreate = page.getByRole('table', { name: 'Would create: examples' });
    for (const user of IMPORTABLE) await expect(rowWith(toCreate, user.mail!)).toBeVisible();
  });

  await test.step('Run now: the progress reaches the end, with the counters', async () => {
    await page.getByRole('button', { name: 'Run now' }).click();
    const progress = page.getByRole('region', { name: 'Progress' });
    await expect(progress).toBeVisible();
    await expect(figure(progress, 'Entries seen')).toHaveText(String(PEOPLE.length), { timeout: 30_000 });
    await expect(page.getByText('Succeeded').first()).toBeVisible();
    await expect(figure(page, 'Created')).toHaveText(String(IMPORTABLE.length));
    await expect(page.getByRole('heading', { name: `Created (${IMPORTABLE.length})` })).toBeVisible();
    runUrl = page.url();
    expect(runUrl).toMatch(/\/admin\/import\?run=/);
  });

  await test.step('the users page lists them', async () => {
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    const users = page.getByRole('table', { name: 'Users' });
    for (const user of IMPORTABLE) {
      const row = rowWith(users, user.mail!);
      await expect(row).toContainText('Directory (LDAP)');
      await expect(row).toContainText(user.dn);
    }
    await field('Source').selectOption({ label: 'Directory (LDAP)' });
    await expect(users.getByRole('row')).toHaveCount(IMPORTABLE.length + 1);
  });

  await test.step('the log page filtered by that run shows its lines', async () => {
    await page.goto(runUrl);
    const runId = new URL(runUrl).searchParams.get('run')!;
    await page.getByRole('link', { name: 'Log lines of this run' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'LDAP log' })).toBeVisible();
    await expect(field('Run')).toHaveValue(runId);
    const lines = page.getByRole('table', { name: 'LDAP log lines' });
    await expect(rowWith(lines, 'sync.finished')).toBeVisible();
    await expect(rowWith(lines, 'sync.started')).toBeVisible();
    await expect(rowWith(lines, 'sync.user.created').first()).toBeVisible();
    // only this run's lines: the dry run's plan lines are not among them
    await expect(rowWith(lines, 'sync.plan.create')).toHaveCount(0);
  });

  await test.step('a filter that matches nothing: one plain answer with what to do', async () => {
    await field('Text').fill('no-such-text-anywhere');
    await field('Text').press('Enter');
    await expect(page.getByRole('table', { name: 'LDAP log lines' })).toHaveCount(0);
    const empty = page.getByRole('status').filter({ hasText: 'No log lines match these filters.' });
    await expect(empty).toContainText('"Clear filters" shows the whole log');
    await expect(page.getByText('Nothing found')).toHaveCount(0);
  });

  await test.step('the dashboard names the server with its port', async () => {
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expect(page.getByText(`LDAP sign-in is on · 127.0.0.1:${ldap.port}`, { exact: true })).toBeVisible();
  });
});
