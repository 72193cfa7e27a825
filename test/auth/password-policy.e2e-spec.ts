import { setTimeout as sleep } from 'node:timers/promises';

import { BASE_DN, DEFAULT_PASSWORD, OUS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { signInAdminAndConfigure } from '../support/admin-settings.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

const POLICIES = `ou=policies,${BASE_DN}`;

function policy(cn: string, attributes: string[]): string {
  return [
    `dn: cn=${cn},${POLICIES}`,
    'objectClass: pwdPolicy',
    'objectClass: device',
    `cn: ${cn}`,
    'pwdAttribute: userPassword',
    ...attributes,
  ].join('\n');
}

function person(uid: string, policyCn: string): string {
  return [
    `dn: uid=${uid},${OUS.people}`,
    'objectClass: inetOrgPerson',
    `uid: ${uid}`,
    `cn: ${uid}`,
    `sn: ${uid}`,
    `mail: ${uid}@example.com`,
    `userPassword: ${DEFAULT_PASSWORD}`,
    `pwdPolicySubentry: cn=${policyCn},${POLICIES}`,
  ].join('\n');
}

// The password policy control on the user bind, against slapd's ppolicy overlay. The database
// plays no part here, so one (SQLite) is enough.
describe.each(testDatabases().slice(0, 1))('the directory password policy at sign-in on $name', (db) => {
  let t: TestApp;
  let ldap: OpenLdapServer;
  let admin: string;
  const login = (l: string, p = DEFAULT_PASSWORD) => t.http().post('/api/auth/login').send({ login: l, password: p });
  const blocked = async (about: string) =>
    (
      (await t.http().get('/api/admin/logs/ldap?event=login.blocked&pageSize=100').set('Cookie', admin)).body.items as {
        message: string;
      }[]
    )
      .map((l) => l.message)
      .filter((m) => m.startsWith(`${about} from`));

  beforeAll(async () => {
    ldap = await startOpenLdap();
    await ldap.ldapAdd(
      [
        policy('must-change', ['pwdMustChange: TRUE', 'pwdAllowUserChange: TRUE']),
        policy('expiring', ['pwdMaxAge: 864000', 'pwdExpireWarning: 1728000']),
        policy('grace', ['pwdMaxAge: 1', 'pwdGraceAuthNLimit: 3']),
        policy('expired', ['pwdMaxAge: 1', 'pwdGraceAuthNLimit: 0']),
        person('mreset', 'must-change'),
        person('mexpiring', 'expiring'),
        person('mgrace', 'grace'),
        person('mexpired', 'expired'),
      ].join('\n\n'),
    );
    // the directory admin resets mreset's password: ppolicy then answers his binds with changeAfterReset
    await ldap.ldapAdd(
      [
        `dn: uid=mreset,${OUS.people}`,
        'changetype: modify',
        'replace: userPassword',
        `userPassword: ${DEFAULT_PASSWORD}`,
      ].join('\n'),
    );
    t = await startTestApp(await db.url());
    admin = await signInAdminAndConfigure(t, ldapSettingsFor(ldap));
    await sleep(2100); // past pwdMaxAge (1 s) of the grace and expired policies
  });
  afterAll(async () => {
    await t?.close();
    await ldap?.stop();
  });

  it('a password reset by the directory admin must be changed first: refused, with the reason in the log', async () => {
    expect((await login('mreset')).status).toBe(401);
    expect(await blocked('mreset')).toEqual([
      expect.stringContaining(
        `uid=mreset,${OUS.people}: the password was reset and must be changed first (password policy: changeAfterReset)`,
      ),
    ]);
  });

  it('an expired password without grace sign-ins is refused', async () => {
    expect((await login('mexpired')).status).toBe(401);
    expect(await blocked('mexpired')).toEqual([
      expect.stringContaining('the password has expired (password policy: passwordExpired)'),
    ]);
  });

  it('a password expiring soon signs in, with the warning in the answer and the log', async () => {
    const res = await login('mexpiring');
    expect(res.status).toBe(200);
    expect(res.body.passwordWarning).toEqual({ kind: 'expiring', days: 10, seconds: expect.any(Number) });
    expect(res.body.passwordWarning.seconds).toBeLessThanOrEqual(864000);
    const lines = (await t.http().get('/api/admin/logs/ldap?event=login.succeeded&q=mexpiring').set('Cookie', admin))
      .body.items as { message: string }[];
    expect(lines[0].message).toContain('the password expires within 10 days');
  });

  it('an expired password with grace sign-ins left signs in, with the count', async () => {
    const first = await login('mgrace');
    expect(first.status).toBe(200);
    expect(first.body.passwordWarning).toEqual({ kind: 'grace', remaining: 2 });
    expect((await login('mgrace')).body.passwordWarning).toEqual({ kind: 'grace', remaining: 1 });
  });

  it('a password the policy says nothing about signs in without a warning', async () => {
    const res = await login('alice');
    expect(res.status).toBe(200);
    expect(res.body.passwordWarning).toBeNull();
  });
});
