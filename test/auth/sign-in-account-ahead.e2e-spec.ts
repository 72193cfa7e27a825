import { createHash } from 'node:crypto';

import { LoginAttemptsRepository } from '../../src/auth/throttle/login-attempts.repository.js';
import { LoginThrottleService } from '../../src/auth/throttle/login-throttle.service.js';
import { FIXTURE_USERS, OUS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { signInAdminAndConfigure } from '../support/admin-settings.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

const { alice } = FIXTURE_USERS;
const LIMIT = 10;

/** The throttle's key for a directory account, as LoginThrottleService hashes it. */
function accountKey(dn: string): string {
  return createHash('sha256').update(`dn:${dn.trim().toLowerCase()}`).digest('hex');
}

// A login's second attempt takes its entry's throttle attempt with the login's, on the DN its last
// search found (issue 16): the search still decides who binds, and an entry renamed since then is
// counted under its new DN, the old one getting its attempt back.
describe.each(testDatabases())('the account taken ahead at sign-in on $name', (db) => {
  let t: TestApp;
  let ldap: OpenLdapServer;
  const login = (l: string, p: string) => t.http().post('/api/auth/login').send({ login: l, password: p });
  const count = async (dn: string) =>
    (await t.app.get(LoginAttemptsRepository).getMany([accountKey(dn)]))[0]?.failures ?? 0;

  beforeAll(async () => {
    ldap = await startOpenLdap();
    t = await startTestApp(await db.url(), {
      loginThrottle: { perLogin: LIMIT, perLoginWindowSeconds: 900, perClient: 1000, perClientWindowSeconds: 3600 },
    });
    await signInAdminAndConfigure(t, ldapSettingsFor(ldap));
  });
  afterAll(async () => {
    await t?.close();
    await ldap?.stop();
  });

  it('a wrong password after a rename counts on the entry the search found, not on the DN remembered', async () => {
    const renamed = `uid=alice2,${OUS.people}`;
    expect((await login(alice.uid, 'wrong-alice-1')).status).toBe(401);
    expect(await count(alice.dn)).toBe(1);
    await ldap.modrdn(alice.dn, 'uid=alice2', { deleteOldRdn: true });
    try {
      // "alice" went with the old RDN; the mail still names the entry
      expect((await login(alice.mail, 'wrong-alice-2')).status).toBe(401);
      expect((await login(alice.mail, 'wrong-alice-3')).status).toBe(401);
      expect([await count(alice.dn), await count(renamed)]).toEqual([1, 2]);
      // "alice" now names no entry: the attempt taken ahead on the DN it named last time is given back
      expect((await login(alice.uid, 'wrong-alice-4')).status).toBe(401);
      expect([await count(alice.dn), await count(renamed)]).toEqual([1, 2]);
      // a success clears the entry's count, taken ahead as it was
      expect((await login(alice.mail, alice.password)).status).toBe(200);
      await t.app.get(LoginThrottleService).flush();
      expect(await count(renamed)).toBe(0);
    } finally {
      await ldap.modrdn(renamed, 'uid=alice', { deleteOldRdn: true });
    }
  });
});
