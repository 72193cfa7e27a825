import { activeDirectory } from '../../src/ldap/flavours/active-directory.js';
import { AD_CONTAINERS, AD_DNS_DOMAIN, AD_DOMAIN, AD_SERVICE_ACCOUNT, AD_USERS } from '../directories/ad-fixtures.js';
import { startSambaAd, type SambaAdServer } from '../directories/samba-ad.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { sqliteUrl } from '../support/databases.js';
import { signInAdminAndConfigure } from '../support/admin-settings.js';

const { alice } = AD_USERS;
// The first start on a machine provisions the template; another suite may hold the host's Samba slot meanwhile.
const START_TIMEOUT_MS = 900_000;

// What AD users type at the sign-in form, on a real Samba AD DC: each form names one user, and a
// down-level name with another domain's prefix is refused (the SQLite database is enough here).
describe('Active Directory login forms', () => {
  let ad: SambaAdServer;
  let t: TestApp;
  let admin: string;
  const login = (l: string) => t.http().post('/api/auth/login').send({ login: l, password: alice.password });

  beforeAll(async () => {
    ad = await startSambaAd();
    t = await startTestApp(await sqliteUrl(), {
      loginThrottle: { perLogin: 100, perLoginWindowSeconds: 900, perClient: 1000, perClientWindowSeconds: 3600 },
    });
    const preset = activeDirectory.preset;
    admin = await signInAdminAndConfigure(t, {
      enabled: true,
      host: '127.0.0.1',
      port: ad.port,
      encryption: 'starttls',
      caCertificate: ad.caCertPem,
      bindDn: AD_SERVICE_ACCOUNT.dn,
      bindUsername: null,
      bindPassword: AD_SERVICE_ACCOUNT.password,
      preset: 'active-directory',
      searchScopes: [{ dn: AD_CONTAINERS.staff, filter: preset.userFilter }],
    });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
    await ad?.stop();
  });

  it(`${AD_DOMAIN}\\alice, alice, alice@${AD_DNS_DOMAIN}, ALICE and a lower-case prefix sign in the same user`, async () => {
    const forms = [
      `${AD_DOMAIN}\\${alice.sAMAccountName}`,
      alice.sAMAccountName,
      alice.userPrincipalName,
      alice.sAMAccountName.toUpperCase(),
      `${AD_DOMAIN.toLowerCase()}\\${alice.sAMAccountName}`,
    ];
    const ids = [];
    for (const form of forms) {
      const res = await login(form);
      expect({ form, status: res.status }).toEqual({ form, status: 200 });
      expect(res.body).toMatchObject({ email: alice.mail, ldapDn: alice.dn, authSource: 'ldap' });
      ids.push(res.body.id as number);
    }
    expect(new Set(ids).size).toBe(1);
  });

  it('OTHER\\alice is refused, with the reason in the log, not stripped to alice', async () => {
    const res = await login(`OTHER\\${alice.sAMAccountName}`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: 'Invalid login or password' });
    const lines = (await t.http().get('/api/admin/logs/ldap?event=login.failed&pageSize=50').set('Cookie', admin)).body
      .items as { message: string }[];
    expect(lines.map((l) => l.message)).toContainEqual(
      expect.stringContaining(`unknown domain prefix OTHER (the directory's NetBIOS domain is ${AD_DOMAIN})`),
    );
  });
});
