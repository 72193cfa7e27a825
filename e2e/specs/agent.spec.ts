import { FIXTURE_USERS } from '../../test/directories/fixtures.js';
import { expect, servers, signInByApi, signInOnPage, test } from '../support/test.js';

// Issue 11, test 2, on the prepared app: directory configured; Support, Sales and Escalation
// mailboxes by directory group. Each test uses its own user, so the per-login throttle of one
// never reaches another.
const { alice, carol, jose } = FIXTURE_USERS;

test('an agent signs in with her directory password and sees exactly her mailboxes', async ({ page }) => {
  const { main } = servers();
  await page.goto(`${main.url}/`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await signInOnPage(page, alice.uid, alice.password);
  await expect(page.getByRole('heading', { level: 1, name: 'My mailboxes' })).toBeVisible();
  await expect(page).toHaveURL(`${main.url}/`);
  // alice is in the support and escalation groups, not in sales (the page lists them by name)
  await expect(page.getByLabel('Mailboxes').getByText(/^(Support|Sales|Escalation)$/)).toHaveText([
    'Escalation',
    'Support',
  ]);
  await expect(page.getByRole('cell', { name: alice.mail })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'My mailboxes' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Directory settings' })).toHaveCount(0);
});

test('a wrong password shows the one message, and signing in still works after it', async ({ page }) => {
  const { main } = servers();
  await page.goto(`${main.url}/sign-in`);
  await signInOnPage(page, jose.uid, 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('Invalid login or password');
  await expect(page).toHaveURL(/\/sign-in/);
  await signInOnPage(page, jose.uid, jose.password);
  await expect(page.getByRole('heading', { level: 1, name: 'My mailboxes' })).toBeVisible();
});

test('the attempt past the failure limit shows when to try again', async ({ page }) => {
  const { main, loginMaxFailures } = servers();
  await page.goto(`${main.url}/sign-in`);
  for (let attempt = 1; attempt <= loginMaxFailures; attempt += 1) {
    await signInOnPage(page, carol.uid, `wrong-${attempt}`);
    await expect(page.getByRole('alert')).toHaveText(/Invalid login or password/);
    // the page clears the password after a refusal: wait for that before the next attempt
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  }
  // even the right password is refused now, and the page says when to come back
  await signInOnPage(page, carol.uid, carol.password);
  await expect(page.getByRole('alert')).toContainText(/Try again in \d+ (minutes?|seconds) \(at \d{2}:\d{2}/);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an agent who opens an admin address sees the "Not allowed" page', async ({ page }) => {
  const { main } = servers();
  await signInByApi(page, main, alice.uid, alice.password);
  await page.goto(`${main.url}/admin/users`);
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Back to your mailboxes' })).toBeVisible();
});
