import { ALL_FIXTURE_USERS, BASE_DN, fixtureUsersIn, OUS } from '../directories/fixtures.js';
import { tlsMaterial } from '../directories/tls.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { freePort } from '../support/free-port.js';
import {
  BULK_USERS,
  DiagnosticsClient,
  Directories,
  failedStep,
  PERSON,
  SCOPES,
  SECRET,
  startDirectories,
  stepNames,
  target,
  WRONG_PASSWORD,
} from './support/diagnostics-harness.js';

const TIMEOUT_MS = 1_000;

describe('LDAP diagnostics and attribute discovery', () => {
  let d: Directories;

  beforeAll(async () => {
    d = await startDirectories();
  });
  afterAll(() => d?.stop());

  describe.each(testDatabases())('on $name', (db) => {
    let t: TestApp;
    let adminCookie: string;
    let api: DiagnosticsClient;
    const diagnose = (body: object, cookie?: string) => api.diagnose(body, cookie);
    const post = (path: 'test' | 'attributes', body: object, cookie?: string) => api.post(path, body, cookie);

    beforeAll(async () => {
      t = await startTestApp(await db.url());
      adminCookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      api = new DiagnosticsClient(t, adminCookie);
    });
    afterAll(() => t?.close());

    describe('a good configuration', () => {
      it.each(['none', 'ssl', 'starttls'] as const)(
        'over %s: every step ok, users counted per scope, server recognised',
        async (encryption) => {
          const report = await diagnose(target(d.valid, encryption));
          expect(report.ok).toBe(true);
          expect(stepNames(report.steps)).toEqual(['resolve', 'connect', 'tls', 'bind', 'search']);
          expect(report.steps.every((s) => s.ok && s.hint === undefined)).toBe(true);
          expect(report.serverType).toBe('openldap');
          const people = fixtureUsersIn('people').length;
          const staff = fixtureUsersIn('staff').length;
          expect(report.scopes).toEqual([
            { dn: OUS.people, filter: PERSON, users: people, capped: false },
            { dn: OUS.staff, filter: PERSON, users: staff, capped: false },
          ]);
          const search = report.steps[4];
          expect(search.message).toContain(`${people} in ${OUS.people}`);
          expect(search.message).toContain(`${staff} in ${OUS.staff}`);
          expect(search.warnings ?? []).toEqual([]);
          expect(report.steps[2].message).toMatch(
            encryption === 'none' ? /no encryption/ : /established, certificate verified/,
          );
        },
      );

      it('understands a URL as host, and says so', async () => {
        const url = `ldaps://127.0.0.1:${d.valid.ldapsPort}`;
        const body = { ...target(d.valid, 'ssl'), host: url, port: undefined, encryption: undefined };
        const report = await diagnose(body);
        expect(report.ok).toBe(true);
        expect(report.steps[2].message).toMatch(/SSL \(LDAPS\) established/);
        expect(report.notes.join(' ')).toContain(
          `${url} understood as host 127.0.0.1, port ${d.valid.ldapsPort}, encryption ssl`,
        );
      });
    });

    describe('TLS failures fail closed at the tls step, before any bind', () => {
      it.each(['ssl', 'starttls'] as const)(
        'over %s, a certificate from another CA: paste the CA',
        async (encryption) => {
          const { wrongCa } = await tlsMaterial();
          const binds = await d.valid.bindCount();
          const report = await diagnose(target(d.valid, encryption, { caCertificate: wrongCa.pem }));
          expect(report.ok).toBe(false);
          const failed = failedStep(report.steps);
          expect(failed).toMatchObject({ step: 'tls', code: 'TLS' });
          expect(failed.hint).toMatch(/paste the CA certificate/);
          expect(await d.valid.bindCount()).toBe(binds);
        },
      );

      it.each(['ssl', 'starttls'] as const)(
        'over %s, a certificate for another name: hint about the name',
        async (encryption) => {
          const report = await diagnose(target(d.wrongHost, encryption));
          const failed = failedStep(report.steps);
          expect(failed).toMatchObject({ step: 'tls', code: 'TLS' });
          expect(failed.hint).toMatch(/issued for another name/);
          expect(await d.wrongHost.bindCount()).toBe(0);
        },
      );

      it.each(['ssl', 'starttls'] as const)(
        'over %s, an expired certificate: hint about expiry',
        async (encryption) => {
          const report = await diagnose(target(d.expired, encryption));
          const failed = failedStep(report.steps);
          expect(failed).toMatchObject({ step: 'tls', code: 'TLS' });
          expect(failed.hint).toMatch(/expired/);
          expect(await d.expired.bindCount()).toBe(0);
        },
      );

      it('StartTLS against a server without TLS fails at tls and never binds in plain text', async () => {
        const binds = await d.noTls.bindCount();
        const report = await diagnose(target(d.noTls, 'starttls'));
        const failed = failedStep(report.steps);
        expect(failed).toMatchObject({ step: 'tls', code: 'TLS' });
        expect(stepNames(report.steps)).toEqual(['resolve', 'connect', 'tls']);
        expect(await d.noTls.bindCount()).toBe(binds);
      });
    });

    describe('encryption that does not match the port: connect passes, the hint names the port', () => {
      it('SSL against the plain LDAP port: tls fails, "this port probably speaks plain LDAP", not "refused"', async () => {
        const binds = await d.valid.bindCount();
        const report = await diagnose(target(d.valid, 'ssl', { port: d.valid.port }));
        expect(report.steps.find((s) => s.step === 'connect')).toMatchObject({ ok: true });
        const failed = failedStep(report.steps);
        expect(failed).toMatchObject({
          step: 'tls',
          code: 'TLS',
          message: 'the directory server closed the connection at the SSL (LDAPS) handshake',
        });
        expect(failed.hint).toMatch(/this port probably speaks plain LDAP\. Choose StartTLS for this port/);
        expect(failed.hint).not.toMatch(/refused|running/);
        expect(await d.valid.bindCount()).toBe(binds);
      });

      it('StartTLS against the LDAPS port: tls fails, "this port probably speaks SSL"', async () => {
        const binds = await d.valid.bindCount();
        const report = await diagnose(target(d.valid, 'starttls', { port: d.valid.ldapsPort }));
        const failed = failedStep(report.steps);
        expect(failed).toMatchObject({
          step: 'tls',
          code: 'TLS',
          message: 'the directory server closed the connection at the StartTLS request',
        });
        expect(failed.hint).toMatch(/this port probably speaks SSL \(LDAPS\)\. Choose SSL for this port/);
        expect(await d.valid.bindCount()).toBe(binds);
      });

      it('no encryption against the LDAPS port: bind fails with the encryption-does-not-match-the-port hint', async () => {
        const report = await diagnose(target(d.valid, 'none', { port: d.valid.ldapsPort }));
        const failed = failedStep(report.steps);
        expect(failed).toMatchObject({ step: 'bind', code: 'PROTOCOL' });
        expect(failed.hint).toMatch(/the encryption does not match the port/);
      });
    });

    describe('reaching and binding', () => {
      it('a wrong password fails at bind with the invalid-credentials hint', async () => {
        const report = await diagnose(target(d.valid, 'starttls', { bindPassword: WRONG_PASSWORD }));
        const failed = failedStep(report.steps);
        expect(failed).toMatchObject({ step: 'bind', code: 'INVALID_CREDENTIALS' });
        expect(failed.hint).toMatch(/Bind DN and the password/);
      });

      it('a closed port fails at connect with the refused hint', async () => {
        const report = await diagnose(target(d.valid, 'none', { port: await freePort() }));
        const failed = failedStep(report.steps);
        expect(failed).toMatchObject({ step: 'connect', code: 'UNREACHABLE' });
        expect(failed.hint).toMatch(/refused/);
        expect(failed.hint).toMatch(/wrong port/);
      });

      it.each([
        ['none', 'bind'],
        ['starttls', 'tls'],
        ['ssl', 'tls'],
      ] as const)(
        'a listener that never answers, over %s: TIMEOUT at %s, within the timeout',
        async (encryption, step) => {
          const body = target(d.valid, encryption, { port: d.silent.port, caCertificate: null, timeoutMs: TIMEOUT_MS });
          const report = await diagnose(body);
          const failed = failedStep(report.steps);
          expect(failed).toMatchObject({ step, code: 'TIMEOUT' });
          expect(failed.hint).toMatch(/No answer in time/);
          expect(failed.ms).toBeLessThan(TIMEOUT_MS * 3);
        },
        15_000,
      );

      it('refuses an empty host even when the body says disabled, rather than dialling localhost', async () => {
        const res = await post('test', { ...target(d.valid, 'none'), enabled: false, host: '' });
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.message)).toMatch(/host is empty/);
      });

      it('an unknown host name fails at resolve with the DNS hint', async () => {
        const report = await diagnose(target(d.valid, 'none', { host: 'no-such-host.invalid' }));
        const failed = failedStep(report.steps);
        expect(failed).toMatchObject({ step: 'resolve', code: 'DNS' });
        expect(failed.hint).toMatch(/not found in DNS/);
      });
    });

    describe('searching', () => {
      it('a scope DN that does not exist fails at search with the no-such-object hint', async () => {
        const missing = `ou=nowhere,${BASE_DN}`;
        const report = await diagnose(
          target(d.valid, 'none', { searchScopes: [SCOPES[0], { dn: missing, filter: PERSON }] }),
        );
        const failed = failedStep(report.steps);
        expect(failed).toMatchObject({ step: 'search', code: 'NO_SUCH_OBJECT' });
        expect(failed.hint).toMatch(/DN does not exist/);
      });

      it('counts with paging: a scope larger than the server size limit is counted in full', async () => {
        const report = await diagnose(
          target(d.noTls, 'none', { searchScopes: [{ dn: d.bulk.containerDn, filter: PERSON }], pageSize: 500 }),
        );
        expect(report.ok).toBe(true);
        expect(report.scopes).toEqual([{ dn: d.bulk.containerDn, filter: PERSON, users: BULK_USERS, capped: false }]);
        expect(report.steps[4].message).toContain(`${BULK_USERS} in ${d.bulk.containerDn}`);
      });

      it('with Bind DN scope login on, warns that users outside every scope could sign in', async () => {
        const outside = ALL_FIXTURE_USERS.filter((u) => u.ou !== 'people' && u.ou !== 'staff').length;
        expect(outside).toBeGreaterThan(0);
        const body = target(d.valid, 'none', {
          bindDn: BASE_DN,
          bindUsername: 'svc-ldap',
          allowBindDnScopeLogin: true,
        });
        const report = await diagnose(body);
        expect(report.ok).toBe(true);
        expect(stepNames(report.steps)).toEqual(['resolve', 'connect', 'tls', 'bind', 'search']);
        const search = report.steps[4];
        expect(search.ok).toBe(true);
        expect(search.warnings).toHaveLength(1);
        expect(search.warnings![0]).toContain(
          `${outside} users under the Bind DN ${BASE_DN} are outside every search scope`,
        );
        expect(search.warnings![0]).toMatch(/everyone under the Bind DN could sign in/);
      });
    });

    describe('the stored bind password', () => {
      beforeAll(async () => {
        // Stored but disabled, so signing in stays local whatever the directory says.
        const saved = await t
          .http()
          .put('/api/admin/ldap/settings')
          .set('Cookie', adminCookie)
          .send({ ...target(d.valid, 'starttls'), enabled: false });
        expect(saved.status).toBe(200);
        expect(saved.body.settings.bindPassword).toBe('********');
      });

      it('is used when the body changes nothing about the target', async () => {
        const report = await diagnose({});
        expect(report.ok).toBe(true);
        expect(report.steps[3]).toMatchObject({ step: 'bind', ok: true });
      });

      it('is used when the body sends the mask and only changes a scope', async () => {
        const report = await diagnose({ bindPassword: '********', searchScopes: [SCOPES[1]] });
        expect(report.ok).toBe(true);
      });

      it('is never sent to another server, even one that would accept it', async () => {
        const binds = await d.noTls.bindCount();
        const report = await diagnose({ port: d.noTls.port, encryption: 'none' });
        const failed = failedStep(report.steps);
        expect(failed).toMatchObject({ step: 'bind', code: 'INVALID_CREDENTIALS' });
        expect(failed.message).toBe(
          'the port and encryption changed, so the stored bind password is not sent to this target: enter it again to test',
        );
        expect(await d.noTls.bindCount()).toBe(binds);
        // the same target with the password typed in works: the failure above is only the withheld secret
        expect((await diagnose({ port: d.noTls.port, encryption: 'none', bindPassword: SECRET })).ok).toBe(true);
      });

      it('is not sent under another host name either, even for the same machine', async () => {
        const binds = await d.valid.bindCount();
        const report = await diagnose({ host: 'localhost' });
        const failed = failedStep(report.steps);
        expect(failed).toMatchObject({
          step: 'bind',
          code: 'INVALID_CREDENTIALS',
          message: 'the host changed, so the stored bind password is not sent to this target: enter it again to test',
        });
        expect(await d.valid.bindCount()).toBe(binds);
      });

      it('is not sent by Fetch attributes to a changed target either, and the answer says why', async () => {
        const binds = await d.valid.bindCount();
        const res = await post('attributes', { host: 'localhost' });
        expect(res.status).toBe(502);
        expect(res.body.message).toContain(
          'the host changed, so the stored bind password is not sent to this target: enter it again',
        );
        expect(await d.valid.bindCount()).toBe(binds);
      });

      it('is not used for another bind identity either', async () => {
        const report = await diagnose({ bindDn: BASE_DN, bindUsername: 'svc-ldap', bindPassword: '********' });
        expect(failedStep(report.steps)).toMatchObject({ step: 'bind', code: 'INVALID_CREDENTIALS' });
        expect(failedStep(report.steps).message).toMatch(/^the Bind DN and Bind username changed, so the stored/);
      });
    });

    describe('Connect & Fetch Attributes', () => {
      it('lists every attribute of the sample, with counts, operational ones and a proposed mapping', async () => {
        const res = await post('attributes', target(d.valid, 'starttls'));
        expect(res.status).toBe(200);
        const inScope = [...fixtureUsersIn('people'), ...fixtureUsersIn('staff')];
        expect(res.body.sampled).toBe(inScope.length);
        const byName = new Map<string, { name: string; example: string; entries: number }>(
          res.body.attributes.map((a: { name: string }) => [a.name.toLowerCase(), a]),
        );
        const phones = inScope.filter((u) => 'telephoneNumber' in u).length;
        const titles = inScope.filter((u) => 'title' in u).length;
        expect(phones).toBeLessThan(inScope.length);
        expect(byName.get('telephonenumber')).toMatchObject({
          entries: phones,
          example: expect.stringMatching(/^\+1 555/),
        });
        expect(byName.get('title')?.entries).toBe(titles);
        expect(byName.get('mail')?.entries).toBe(inScope.filter((u) => 'mail' in u).length);
        expect(byName.get('entryuuid')).toMatchObject({
          entries: inScope.length,
          example: expect.stringMatching(/^[0-9a-f-]{36}$/),
        });
        expect(byName.has('userpassword')).toBe(false);
        expect(res.body.proposedMapping).toEqual({
          email: 'mail',
          firstName: 'givenName',
          lastName: 'sn',
          jobTitle: 'title',
          phone: 'telephoneNumber',
        });
      });

      it('samples at most sampleSize entries per scope, without failing on a larger scope', async () => {
        const sampleSize = 20;
        const people = fixtureUsersIn('people').length;
        expect(people).toBeLessThan(sampleSize);
        const scopes = [SCOPES[0], { dn: d.bulk.containerDn, filter: PERSON }];
        const res = await post('attributes', target(d.noTls, 'none', { searchScopes: scopes, sampleSize }));
        expect(res.status).toBe(200);
        expect(res.body.sampled).toBeLessThanOrEqual(sampleSize * scopes.length);
        expect(res.body.sampled).toBe(people + sampleSize);
      });

      it('adds the Bind DN scope when Bind DN scope login is on', async () => {
        const body = target(d.valid, 'none', {
          bindDn: BASE_DN,
          bindUsername: 'svc-ldap',
          allowBindDnScopeLogin: true,
          sampleSize: 1000,
        });
        const res = await post('attributes', body);
        expect(res.status).toBe(200);
        const people = fixtureUsersIn('people').length + fixtureUsersIn('staff').length;
        // the Bind DN scope holds everyone again, plus those outside the scopes
        expect(res.body.sampled).toBe(people + ALL_FIXTURE_USERS.length);
      });

      it('explains a failure instead of answering 500', async () => {
        const res = await post('attributes', target(d.valid, 'starttls', { bindPassword: WRONG_PASSWORD }));
        expect(res.status).toBe(502);
        expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS', hint: expect.stringMatching(/password/) });
      });
    });

    describe('throttle', () => {
      it('answers 429 after 20 calls a minute by one admin, and only to that admin', async () => {
        const closed = target(d.valid, 'none', { port: await freePort() });
        const first = await api.newAdmin();
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push((await post(i % 2 ? 'test' : 'attributes', closed, first)).status);
        expect(statuses.filter((s) => s === 429)).toEqual([]);
        const over = await post('test', closed, first);
        expect(over.status).toBe(429);
        expect(over.body.message).toMatch(/too many directory tests/);
        expect((await post('attributes', closed, first)).status).toBe(429);
        expect((await post('test', closed)).status).toBe(200);
      });
    });

    describe('the LDAP log and the secret', () => {
      it('records diagnostics runs with who ran them and which step failed', async () => {
        const res = await t
          .http()
          .get('/api/admin/logs/ldap?event=diagnostics.run&pageSize=500')
          .set('Cookie', adminCookie);
        expect(res.status).toBe(200);
        expect(res.body.total).toBeGreaterThan(10);
        const items = res.body.items as { event: string; level: string; actor: string; message: string }[];
        expect(items.every((i) => i.event === 'diagnostics.run')).toBe(true);
        expect(items.some((i) => i.level === 'info' && /succeeded/.test(i.message))).toBe(true);
        expect(items.some((i) => i.level === 'warn' && /failed at tls/.test(i.message))).toBe(true);
        expect(items.every((i) => /^diag-admin-\d+@example\.com$/.test(i.actor))).toBe(true);
      });

      it('records attribute fetches, failed ones with their code', async () => {
        const res = await t
          .http()
          .get('/api/admin/logs/ldap?event=diagnostics.attributes&pageSize=500')
          .set('Cookie', adminCookie);
        const items = res.body.items as { level: string; message: string; details: { code?: string } | null }[];
        expect(
          items.some(
            (i) => i.level === 'info' && /fetched \d+ attribute names from \d+ sampled entries/.test(i.message),
          ),
        ).toBe(true);
        expect(items.some((i) => i.level === 'warn' && i.details?.code === 'INVALID_CREDENTIALS')).toBe(true);
      });

      it('the bind password is in no response and no LDAP log entry', async () => {
        expect(api.bodies.length).toBeGreaterThan(20);
        expect(api.bodies.filter((b) => b.includes(SECRET) || b.includes(WRONG_PASSWORD))).toEqual([]);
        const logs = await t.http().get('/api/admin/logs/ldap?pageSize=500').set('Cookie', adminCookie);
        expect(logs.body.total).toBeGreaterThan(10);
        expect(logs.body.total).toBeLessThanOrEqual(500);
        const text = JSON.stringify(logs.body);
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(WRONG_PASSWORD);
      });
    });
  });
});
