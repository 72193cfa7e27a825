import LdapAuthStrategy from 'passport-ldapauth';

import { DEFAULT_PASSWORD, FIXTURE_USERS, OUS, SERVICE_ACCOUNT } from '../directories/fixtures.js';
import { OpenLdapServer, startOpenLdap } from '../directories/openldap.js';
import { startTestApp, TestApp } from '../support/app.js';
import { sqliteUrl } from '../support/databases.js';
import { signInAdminAndConfigure } from '../support/admin-settings.js';

/**
 * Differential test: our sign-in against passport-ldapauth (ldapauth-fork on ldapjs) configured
 * the same way, on the same directory and scopes. Where the two legitimately disagree the row
 * says why; there we assert our decision and that theirs still differs, so the reason stays true.
 */

const SCOPES = [
  { dn: OUS.people, filter: '(objectClass=inetOrgPerson)' },
  { dn: OUS.staff, filter: '(objectClass=inetOrgPerson)' },
];

type Decision = 'accept' | 'reject';

interface Row {
  label: string;
  login: string;
  password: string;
  ours: Decision;
  /** Set when passport-ldapauth decides otherwise, with the reason. */
  theirsDiffer?: string;
}

const { alice, carol, jose, smith, plee, special, nomail, locked, outsider, dana, twinPeople } = FIXTURE_USERS;

const ROWS: Row[] = [
  { label: 'valid uid', login: alice.uid, password: alice.password, ours: 'accept' },
  { label: 'valid mail', login: alice.mail, password: alice.password, ours: 'accept' },
  { label: 'uid in another case', login: 'ALICE', password: alice.password, ours: 'accept' },
  { label: 'wrong password', login: alice.uid, password: 'wrong-password', ours: 'reject' },
  { label: 'whitespace password', login: alice.uid, password: '   ', ours: 'reject' },
  { label: 'empty password', login: alice.uid, password: '', ours: 'reject' },
  { label: 'unknown user', login: 'nobody', password: DEFAULT_PASSWORD, ours: 'reject' },
  { label: 'second scope (ou=staff)', login: carol.uid, password: carol.password, ours: 'accept' },
  {
    label: 'same uid in both scopes: the first scope wins',
    login: twinPeople.uid,
    password: twinPeople.password,
    ours: 'accept',
  },
  { label: 'outside all scopes (ou=outsiders)', login: outsider.uid, password: outsider.password, ours: 'reject' },
  { label: 'Bind DN scope only, not allowed (ou=admins)', login: dana.uid, password: dana.password, ours: 'reject' },
  { label: 'ppolicy-locked account', login: locked.uid, password: locked.password, ours: 'reject' },
  {
    label: 'entry without mail',
    login: nomail.uid,
    password: nomail.password,
    ours: 'reject',
    theirsDiffer:
      'we require an email for the local user (refused, logged "no email attribute"); passport-ldapauth only checks the bind',
  },
  {
    label: 'uid full of filter metacharacters (smith)',
    login: smith.uid,
    password: smith.password,
    ours: 'accept',
    theirsDiffer:
      'ldapauth-fork escapes \\ after ( ) *, re-escaping its own \\28 \\29 \\2a, so it searches for another value and finds nobody',
  },
  { label: 'smith by mail (DN with , + " \\ < > ; =)', login: smith.mail, password: smith.password, ours: 'accept' },
  { label: 'non-ASCII DN (jose)', login: jose.uid, password: jose.password, ours: 'accept' },
  {
    label: 'non-ASCII login (cn of jose, not a login attribute)',
    login: jose.cn,
    password: jose.password,
    ours: 'reject',
  },
  { label: 'multi-valued RDN (plee)', login: plee.uid, password: plee.password, ours: 'accept' },
  { label: 'password with ()*\\ and non-ASCII', login: special.uid, password: special.password, ours: 'accept' },
  { label: 'injection *', login: '*', password: DEFAULT_PASSWORD, ours: 'reject' },
  { label: 'injection a*', login: 'a*', password: DEFAULT_PASSWORD, ours: 'reject' },
  { label: 'injection *)(uid=*))(|(uid=*', login: '*)(uid=*))(|(uid=*', password: DEFAULT_PASSWORD, ours: 'reject' },
  {
    label: 'injection admin)(|(objectClass=*',
    login: 'admin)(|(objectClass=*',
    password: DEFAULT_PASSWORD,
    ours: 'reject',
  },
  { label: 'injection alice)(|(uid=*', login: 'alice)(|(uid=*', password: alice.password, ours: 'reject' },
  { label: 'backslash', login: 'alice\\', password: alice.password, ours: 'reject' },
  { label: 'NUL', login: 'alice\u0000', password: alice.password, ours: 'reject' },
];

interface FakeRequest {
  body: { username: string; password: string };
  query: Record<string, never>;
}

interface StrategyCallbacks {
  success(user: unknown): void;
  fail(info?: unknown, status?: number): void;
  error(err: unknown): void;
  authenticate(req: FakeRequest): void;
}

/** One passport-ldapauth authentication, driven as passport would: through success/fail/error. */
function passportLdapAuth(
  server: OpenLdapServer,
  scope: (typeof SCOPES)[number],
  login: string,
  password: string,
): Promise<{ accepted: boolean; detail: string }> {
  const strategy = new LdapAuthStrategy({
    server: {
      url: server.url,
      bindDN: SERVICE_ACCOUNT.dn,
      bindCredentials: SERVICE_ACCOUNT.password,
      searchBase: scope.dn,
      searchFilter: `(&${scope.filter}(|(uid={{username}})(mail={{username}})))`,
      timeout: 5_000,
      connectTimeout: 5_000,
    },
  });
  return new Promise((resolve) => {
    const attempt = Object.create(strategy) as StrategyCallbacks;
    attempt.success = () => resolve({ accepted: true, detail: `signed in through ${scope.dn}` });
    attempt.fail = (info) => resolve({ accepted: false, detail: `fail ${JSON.stringify(info)}` });
    attempt.error = (err) =>
      resolve({ accepted: false, detail: `error ${err instanceof Error ? err.message : String(err)}` });
    attempt.authenticate({ body: { username: login, password }, query: {} });
  });
}

/** passport-ldapauth has one searchBase: scopes in order, the first that authenticates wins. */
async function theirDecision(
  server: OpenLdapServer,
  login: string,
  password: string,
): Promise<{ decision: Decision; detail: string }> {
  const details: string[] = [];
  for (const scope of SCOPES) {
    const result = await passportLdapAuth(server, scope, login, password);
    if (result.accepted) return { decision: 'accept', detail: result.detail };
    details.push(result.detail);
  }
  return { decision: 'reject', detail: details.join('; ') };
}

describe('sign-in decisions match passport-ldapauth on the same directory and scopes', () => {
  let slapd: OpenLdapServer;
  let t: TestApp;

  beforeAll(async () => {
    slapd = await startOpenLdap();
    t = await startTestApp(await sqliteUrl());
    await signInAdminAndConfigure(t, {
      enabled: true,
      host: slapd.host,
      port: slapd.port,
      encryption: 'none',
      bindDn: SERVICE_ACCOUNT.dn,
      bindPassword: SERVICE_ACCOUNT.password,
      loginAttributes: ['uid', 'mail'],
      searchScopes: SCOPES,
      allowBindDnScopeLogin: false,
      fallbackToLocal: false,
      confirmLockout: true,
    });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await slapd?.stop();
  });

  async function ourDecision(login: string, password: string): Promise<Decision> {
    const res = await t.http().post('/api/auth/login').send({ login, password });
    if (res.status !== 200 && res.status !== 401)
      throw new Error(`POST /api/auth/login answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.status === 200 ? 'accept' : 'reject';
  }

  it.each(ROWS)('$label', async (row) => {
    const ours = await ourDecision(row.login, row.password);
    const theirs = await theirDecision(slapd, row.login, row.password);
    const expectedTheirs: Decision = row.theirsDiffer ? (row.ours === 'accept' ? 'reject' : 'accept') : row.ours;
    expect({ ours, theirs: theirs.decision, theirDetail: theirs.detail }).toMatchObject({
      ours: row.ours,
      theirs: expectedTheirs,
    });
  });
});
