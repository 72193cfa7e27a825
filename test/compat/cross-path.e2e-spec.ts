import { rawRequest } from '../sso/raw-http.js';
import { SSO_ON } from '../sso/sso-app.js';
import { type TestDatabase, testDatabases } from '../support/databases.js';
import { CompatApp, type UserRow } from './compat-app.js';
import { type CompatServer, DIRECTORY_TARGETS, type DirectoryTarget, START_TIMEOUT_MS } from './directory-targets.js';

/** What makes two accounts the same account: every field a path writes, and the status with its reason. */
const SAME = ['email', 'firstName', 'lastName', 'jobTitle', 'phone', 'ldapDn', 'role', 'status', 'disabledBy'] as const;

/**
 * Issue 12: sign-in, SSO and import read an entry with one reader and write its account with one
 * writer, so each fixture entry gives the same account (same fields, same status) on every path,
 * on each real directory and both databases. One directory per target for the whole suite; per
 * database, one app per path on a fresh database, so each path creates its accounts itself.
 * Entries a path refuses leave no account there; the import's account of such an entry (a
 * disabled one, say) is checked by the import suites.
 */
describe.each(DIRECTORY_TARGETS)('$name: one account from sign-in, SSO and import', (target: DirectoryTarget) => {
  let server: CompatServer;

  beforeAll(async () => {
    server = await target.start();
  }, START_TIMEOUT_MS);
  afterAll(() => server?.stop());

  it.each(testDatabases())(
    'on $name, each fixture entry: the same account from every path that lets it in, none from a path that refuses it',
    async (db) => {
      const imported = await withApp(db, async (app) => {
        const run = await app.sync({ full: true });
        expect(run).toMatchObject({ status: 'succeeded', error: null });
        expect(run.counters.failed).toBe(0);
        return accounts(app);
      });

      for (const path of ['signIn', 'sso'] as const) {
        await withApp(db, async (app) => {
          const port = path === 'sso' ? await listen(app) : 0;
          const admitted: string[] = [];
          for (const entry of target.entries) {
            const status =
              path === 'signIn'
                ? (await app.login(entry.login, entry.password)).status
                : (await rawRequest({ port, path: '/api/auth/me', headers: { 'X-Remote-User': entry.login } })).status;
            if (status === 200) admitted.push(entry.dn);
          }
          // who gets in is the directory's word on each entry, as the fixture states it
          const expected = target.entries.filter((e) => (path === 'signIn' ? e.signsIn : e.ssoIn)).map((e) => e.dn);
          expect([path, admitted]).toEqual([path, expected]);

          const written = await accounts(app);
          for (const entry of target.entries) {
            const key = entry.dn.toLowerCase();
            const account = written.get(key);
            if (!admitted.includes(entry.dn)) {
              expect([path, entry.dn, account]).toEqual([path, entry.dn, undefined]);
              continue;
            }
            const fromImport = imported.get(key);
            expect([path, entry.dn, account && same(account)]).toEqual([
              path,
              entry.dn,
              fromImport && same(fromImport),
            ]);
            expect(account?.authSource).toBe(path === 'sso' ? 'sso' : 'ldap');
          }
          // and an import over what the path wrote finds nothing to change: it would write the same
          const after = await app.sync({ full: true });
          expect(after.counters).toMatchObject({ updated: 0, disabled: 0, enabled: 0, failed: 0 });
          expect(after.counters.unchanged).toBe(admitted.length);
        });
      }
    },
    180_000,
  );

  /**
   * One app on a fresh database for one path, closed after it: Passport keeps one strategy per
   * name for the whole process, so two apps alive at once would share the later one's.
   */
  async function withApp<T>(db: TestDatabase, use: (app: CompatApp) => Promise<T>): Promise<T> {
    const app = await CompatApp.start(target, server, await db.url());
    try {
      await app.configure({ sso: SSO_ON });
      return await use(app);
    } finally {
      await app.close();
    }
  }
});

async function listen(app: CompatApp): Promise<number> {
  await app.t.app.listen(0, '127.0.0.1');
  return (app.t.app.getHttpServer().address() as { port: number }).port;
}

/** The directory accounts of one app, by lower-cased DN. */
async function accounts(app: CompatApp): Promise<Map<string, UserRow>> {
  const res = await app.t.http().get('/api/admin/users?pageSize=500').set('Cookie', app.admin);
  const rows = (res.body.items as UserRow[]).filter((user) => user.ldapDn !== null);
  return new Map(rows.map((user) => [user.ldapDn!.toLowerCase(), user]));
}

function same(user: UserRow): Partial<UserRow> {
  return Object.fromEntries(SAME.map((field) => [field, user[field]]));
}
