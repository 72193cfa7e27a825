import { DataSource } from 'typeorm';

import { LdapLogService } from '../../src/logs/ldap-log.service.js';
import { buildOpenApiDocument } from '../../src/openapi.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

const HOUR = 3_600_000;

/** A timestamp as the database stores it (SQLite: UTC text). */
const dbDate = (name: string, date: Date) =>
  name === 'sqlite' ? date.toISOString().replace('T', ' ').replace('Z', '') : date;

describe.each(testDatabases())('console read API on $name', (db) => {
  let t: TestApp;
  let admin: string;
  const get = (path: string) => t.http().get(path).set('Cookie', admin);

  beforeAll(async () => {
    t = await startTestApp(await db.url(), {
      loginThrottle: { perLogin: 3, perLoginWindowSeconds: 900, perClient: 1000, perClientWindowSeconds: 3600 },
    });
    admin = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  describe('OpenAPI document', () => {
    let doc: {
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            responses: Record<string, { content?: Record<string, { schema: object }> }>;
            parameters?: { name: string; in: string }[];
          }
        >
      >;
      components: {
        schemas: Record<string, { properties: Record<string, Record<string, unknown>>; required?: string[] }>;
      };
    };
    beforeAll(async () => {
      const res = await t.http().get('/api/docs-json');
      expect(res.status).toBe(200);
      doc = res.body;
    });

    it('gives every operation a unique readable operationId and a typed 2xx answer (or 204)', () => {
      const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path, method, op })),
      );
      expect(operations.length).toBeGreaterThan(20);
      const ids = operations.map((o) => o.op.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(
        expect.arrayContaining([
          'Users_list',
          'AdminMailboxes_preview',
          'Dashboard_get',
          'Logs_ldap',
          'Auth_me',
          'Sync_list',
        ]),
      );
      for (const { path, method, op } of operations) {
        const ok = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        expect({ path, method, ok: ok.length }).toEqual({ path, method, ok: 1 });
        const [status, response] = ok[0];
        // every answer is JSON but the Prometheus scrape, which is text by its format's definition
        const type = path === '/api/metrics' ? 'text/plain' : 'application/json';
        if (status !== '204')
          expect({ path, method, schema: response.content?.[type]?.schema !== undefined }).toEqual({
            path,
            method,
            schema: true,
          });
      }
    });

    it('describes nullable strings, dates and enums precisely', () => {
      const user = doc.components.schemas.UserView;
      expect(user.properties.ldapDn).toMatchObject({ type: 'string', nullable: true });
      expect(user.properties.createdAt).toMatchObject({ type: 'string', format: 'date-time' });
      expect(user.properties.authSource).toMatchObject({ allOf: [{ $ref: '#/components/schemas/AuthSource' }] });
      expect(doc.components.schemas.AuthSource).toMatchObject({ type: 'string', enum: ['local', 'ldap', 'sso'] });
      expect(user.required).toEqual(expect.arrayContaining(['id', 'email', 'ldapDn', 'disabledBy']));
      expect(doc.components.schemas.SyncRunView.properties.sample).toMatchObject({
        type: 'array',
        items: { $ref: '#/components/schemas/PlannedChangeView' },
      });
      expect(doc.components.schemas.ValidationErrorView.properties.fields).toMatchObject({
        type: 'object',
        additionalProperties: { type: 'array' },
      });
    });

    it('lists the query parameters of the log and the users list', () => {
      const names = (path: string) =>
        (doc.paths[path].get.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => p.name)
          .sort();
      expect(names('/api/admin/logs/ldap')).toEqual(['event', 'from', 'level', 'page', 'pageSize', 'q', 'runId', 'to']);
      expect(names('/api/admin/users')).toEqual(['page', 'pageSize', 'q', 'source', 'status']);
    });

    it('is built without listening, for a script to write it', () => {
      expect(Object.keys(buildOpenApiDocument(t.app).paths)).toEqual(Object.keys(doc.paths));
    });
  });

  describe('400 answers name their fields', () => {
    it('keeps message a list and adds fields by dotted path', async () => {
      const res = await t
        .http()
        .put('/api/admin/ldap/settings')
        .set('Cookie', admin)
        .send({
          port: 0,
          searchScopes: [{ dn: 'ou=people,dc=example,dc=com', filter: '(broken' }],
          sync: { schedule: 'hourly' },
          attributeMap: { email: '1mail' },
          bogus: true,
        });
      expect(res.status).toBe(400);
      expect(Array.isArray(res.body.message)).toBe(true);
      expect(Object.keys(res.body.fields).sort()).toEqual([
        'attributeMap.email',
        'bogus',
        'port',
        'searchScopes.0.filter',
        'sync.schedule',
      ]);
      expect(res.body.fields['searchScopes.0.filter'][0]).toMatch(/not a valid LDAP filter/);
    });

    it('names a nested field once in every message (no "sync.sync.deprovision")', async () => {
      const res = await t
        .http()
        .put('/api/admin/ldap/settings')
        .set('Cookie', admin)
        .send({
          sync: { deprovision: 'x' },
          sso: { header: 'a b', secretHeader: 'c d', logoutUrl: 'javascript:x' },
          attributeMap: { email: '1mail', phone: '2' },
        });
      expect(res.status).toBe(400);
      expect([...res.body.message].sort()).toEqual([
        expect.stringMatching(/^attributeMap\.email must be an attribute name/),
        expect.stringMatching(/^attributeMap\.phone must be an attribute name/),
        expect.stringMatching(/^sso\.header must be a header name/),
        expect.stringMatching(/^sso\.logoutUrl must be/),
        expect.stringMatching(/^sso\.secretHeader must be a header name/),
        expect.stringMatching(/^sync\.deprovision must be disable or none/),
      ]);
    });

    it('puts the settings merge messages beside their fields', async () => {
      const res = await t
        .http()
        .put('/api/admin/ldap/settings')
        .set('Cookie', admin)
        .send({ enabled: true, sso: { trustedProxies: ['0.0.0.0/0'] } });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(
        expect.arrayContaining([expect.stringMatching(/^host \(or srvDomain\) is required/)]),
      );
      expect(Object.keys(res.body.fields).sort()).toEqual(['bindDn', 'host', 'searchScopes', 'sso.trustedProxies']);
    });

    it('answers a bad mailbox filter for the preview with the field', async () => {
      const res = await t
        .http()
        .post('/api/admin/mailboxes/preview')
        .set('Cookie', admin)
        .send({ ldapFilter: '(memberOf=cn=x' });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.fields)).toEqual(['ldapFilter']);
    });

    it('answers a preview with LDAP off with 409 and a plain message', async () => {
      const res = await t
        .http()
        .post('/api/admin/mailboxes/preview')
        .set('Cookie', admin)
        .send({ ldapFilter: '(objectClass=*)' });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/LDAP is not enabled/);
    });
  });

  describe('users list', () => {
    beforeAll(async () => {
      for (const [email, firstName] of [
        ['ann.agent@example.com', 'Ann'],
        ['bo.agent@example.com', 'Bo'],
        ['cy.agent@example.com', 'Cy'],
      ]) {
        await t
          .http()
          .post('/api/admin/users')
          .set('Cookie', admin)
          .send({ email, firstName, password: 'a-long-password-1' })
          .expect(201);
      }
      const ds = t.app.get(DataSource);
      await ds.query(
        "UPDATE users SET auth_source = 'ldap', ldap_dn = 'uid=bo,ou=people,dc=example,dc=com' WHERE email = 'bo.agent@example.com'",
      );
      await ds.query("UPDATE users SET status = 'disabled', disabled_by = ? WHERE email = 'cy.agent@example.com'", [
        'sync',
      ]);
    });
    const emails = async (qs: string) => {
      const res = await get(`/api/admin/users?${qs}`);
      expect(res.status).toBe(200);
      return res.body as {
        items: { email: string; disabledBy: string | null }[];
        total: number;
        page: number;
        pageSize: number;
      };
    };

    it('filters by text (email, names, DN), source and status, and pages', async () => {
      expect((await emails('q=ANN')).items.map((u) => u.email)).toEqual(['ann.agent@example.com']);
      expect((await emails('q=ou%3Dpeople')).items.map((u) => u.email)).toEqual(['bo.agent@example.com']);
      expect((await emails('source=ldap')).items.map((u) => u.email)).toEqual(['bo.agent@example.com']);
      expect((await emails('status=disabled')).items).toEqual([
        expect.objectContaining({ email: 'cy.agent@example.com', disabledBy: 'sync' }),
      ]);
      expect(await emails('q=agent&pageSize=2&page=2')).toMatchObject({
        total: 3,
        page: 2,
        pageSize: 2,
        items: [{ email: 'cy.agent@example.com' }],
      });
      expect((await get('/api/admin/users?source=ad')).body.fields).toEqual({
        source: ['source must be local, ldap or sso'],
      });
    });
  });

  describe("errors in the application's own words", () => {
    it('users: an unknown id is a 404 and a taken email a 409, each with its code', async () => {
      const missing = { statusCode: 404, message: 'user 999999 not found', code: 'USER_NOT_FOUND', error: 'Not Found' };
      expect(await get('/api/admin/users/999999')).toMatchObject({ status: 404, body: missing });
      const patch = await t.http().patch('/api/admin/users/999999').set('Cookie', admin).send({ firstName: 'Nobody' });
      expect(patch).toMatchObject({ status: 404, body: missing });
      const password = await t
        .http()
        .put('/api/admin/users/999999/password')
        .set('Cookie', admin)
        .send({ password: 'a-long-password-1' });
      expect(password).toMatchObject({ status: 404, body: missing });
      const taken = await t
        .http()
        .post('/api/admin/users')
        .set('Cookie', admin)
        .send({ email: ADMIN_EMAIL, password: 'a-long-password-1' });
      expect(taken.status).toBe(409);
      expect(taken.body).toEqual({
        statusCode: 409,
        message: 'a user with this email already exists',
        code: 'USER_EMAIL_TAKEN',
        error: 'Conflict',
      });
    });

    it('sync: an unknown run is a 404, an import while LDAP is off a 400, each with its code', async () => {
      const runId = '0b7f0a52-3c4e-4d7a-9a8e-2f1d5c6b7a80';
      const run = await get(`/api/admin/ldap/runs/${runId}`);
      expect(run.status).toBe(404);
      expect(run.body).toEqual({
        statusCode: 404,
        message: `sync run ${runId} not found`,
        code: 'SYNC_RUN_NOT_FOUND',
        error: 'Not Found',
      });
      const started = await t.http().post('/api/admin/ldap/import').set('Cookie', admin).send({});
      expect(started.status).toBe(400);
      expect(started.body).toEqual({
        statusCode: 400,
        message: 'LDAP is not enabled: enable it in the LDAP settings before importing',
        code: 'LDAP_NOT_ENABLED',
        error: 'Bad Request',
      });
    });
  });

  describe('auth me', () => {
    it('names no directory fields for a local user, and no SSO logout while SSO is off', async () => {
      const res = await get('/api/auth/me');
      expect(res.body).toMatchObject({ email: ADMIN_EMAIL, directoryFields: [], ssoLogoutUrl: null });
    });

    it('names the mapped fields for a directory user', async () => {
      await t.app
        .get(DataSource)
        .query("UPDATE users SET status = 'active', auth_source = 'ldap' WHERE email = 'cy.agent@example.com'");
      const cookie = await t.signIn('cy.agent@example.com', 'a-long-password-1');
      const res = await t.http().get('/api/auth/me').set('Cookie', cookie);
      expect(res.body.directoryFields).toEqual(['email', 'firstName', 'lastName', 'jobTitle', 'phone']);
    });
  });

  describe('mailbox members', () => {
    it('splits directory and manual members, with the user fields', async () => {
      const box = (
        await t.http().post('/api/admin/mailboxes').set('Cookie', admin).send({ name: 'Members' }).expect(201)
      ).body;
      const users = (await get('/api/admin/users?q=agent')).body.items as { id: number; email: string }[];
      const [ann, bo] = users;
      await t
        .http()
        .post(`/api/admin/mailboxes/${box.id}/members`)
        .set('Cookie', admin)
        .send({ userId: ann.id })
        .expect(204);
      await t.app
        .get(DataSource)
        .query("INSERT INTO mailbox_users (mailbox_id, user_id, source, created_at) VALUES (?, ?, 'ldap', ?)", [
          box.id,
          bo.id,
          dbDate(db.name, new Date()),
        ]);
      const res = await get(`/api/admin/mailboxes/${box.id}/members`);
      expect(res.body).toEqual({
        directory: [
          { userId: bo.id, email: bo.email, firstName: 'Bo', lastName: null, status: 'active', authSource: 'ldap' },
        ],
        manual: [
          { userId: ann.id, email: ann.email, firstName: 'Ann', lastName: null, status: 'active', authSource: 'local' },
        ],
      });
    });
  });

  describe('dashboard', () => {
    it('counts every kind of sign-in attempt in the current hour', async () => {
      const before = (await get('/api/admin/dashboard')).body.signIns.hours.at(-1);
      await t
        .http()
        .post('/api/auth/login')
        .send({ login: 'ann.agent@example.com', password: 'a-long-password-1' })
        .expect(200);
      await t
        .http()
        .post('/api/auth/login')
        .send({ login: 'ann.agent@example.com', password: 'wrong-password-1' })
        .expect(401);
      await t
        .http()
        .post('/api/auth/login')
        .send({ login: 'nobody@example.com', password: 'wrong-password-1' })
        .expect(401);
      for (let i = 0; i < 3; i++)
        await t
          .http()
          .post('/api/auth/login')
          .send({ login: 'bo.agent@example.com', password: `wrong-password-${i}` })
          .expect(401);
      await t
        .http()
        .post('/api/auth/login')
        .send({ login: 'bo.agent@example.com', password: 'a-long-password-1' })
        .expect(429);
      await t.app
        .get(DataSource)
        .query("UPDATE users SET status = 'disabled', disabled_by = 'directory' WHERE email = 'ann.agent@example.com'");
      await t
        .http()
        .post('/api/auth/login')
        .send({ login: 'ann.agent@example.com', password: 'a-long-password-1' })
        .expect(401);
      const now = (await get('/api/admin/dashboard')).body.signIns.hours.at(-1);
      expect({
        succeeded: now.succeeded - before.succeeded,
        failed: now.failed - before.failed,
        blocked: now.blocked - before.blocked,
      }).toEqual({ succeeded: 1, failed: 5, blocked: 2 });
    });

    it('answers 24 zero-filled hourly buckets, oldest first, each event in its hour', async () => {
      const logs = t.app.get(LdapLogService);
      const ds = t.app.get(DataSource);
      await logs.write(
        { level: 'info', event: 'sso.login', message: 'past sso' },
        { level: 'warn', event: 'sso.blocked', message: 'past block' },
        { level: 'warn', event: 'login.failed.fallback', message: 'not counted' },
      );
      const at = new Date(Date.now() - 5 * HOUR);
      await ds.query("UPDATE ldap_logs SET created_at = ? WHERE message IN ('past sso', 'past block', 'not counted')", [
        dbDate(db.name, at),
      ]);
      await logs.write({ level: 'info', event: 'login.succeeded', message: 'too old' });
      await ds.query("UPDATE ldap_logs SET created_at = ? WHERE message = 'too old'", [
        dbDate(db.name, new Date(Date.now() - 30 * HOUR)),
      ]);
      const { signIns } = (await get('/api/admin/dashboard')).body as {
        signIns: {
          from: string;
          to: string;
          hours: { hour: string; succeeded: number; failed: number; blocked: number }[];
        };
      };
      expect(signIns.hours).toHaveLength(24);
      expect(signIns.hours[0].hour).toBe(signIns.from);
      const starts = signIns.hours.map((h) => Date.parse(h.hour));
      expect(starts.every((s, i) => i === 0 || s - starts[i - 1] === HOUR)).toBe(true);
      expect(starts[23]).toBe(Math.floor(Date.now() / HOUR) * HOUR);
      const bucket = signIns.hours.find((h) => Date.parse(h.hour) === Math.floor(at.getTime() / HOUR) * HOUR)!;
      expect(bucket).toMatchObject({ succeeded: 1, failed: 0, blocked: 1 });
      const total = signIns.hours.reduce((sum, h) => sum + h.succeeded + h.failed + h.blocked, 0);
      expect(total).toBeLessThan(40);
    });

    it('shows the directory, schedule, runs and user counts', async () => {
      const res = await get('/api/admin/dashboard');
      expect(res.body).toMatchObject({
        directory: { enabled: false, host: null, port: null, srvDomain: null, backupServers: 0, lastTest: null },
        sync: { enabled: false, schedule: '0 * * * *', nextRunAt: null, lastRun: null },
        runs: [],
        users: {
          total: 4,
          bySource: { local: 2, ldap: 2, sso: 0 },
          byStatus: { active: 3, disabled: 1 },
          disabledBy: { directory: 1, sync: 0, admin: 0 },
        },
      });
    });

    it('names the servers (address and the number of backups) and no bind identity or secret', async () => {
      const secret = 'dashboard-bind-secret-1';
      await t
        .http()
        .put('/api/admin/ldap/settings')
        .set('Cookie', admin)
        .send({
          host: '::1',
          port: 1636,
          encryption: 'ssl',
          backupServers: [
            { host: '127.0.0.2', port: 1389 },
            { host: '127.0.0.3', port: 1389 },
          ],
          bindDn: 'cn=dashboard-reader,dc=example,dc=com',
          bindPassword: secret,
          searchScopes: [{ dn: 'ou=people,dc=example,dc=com', filter: '(objectClass=inetOrgPerson)' }],
        })
        .expect(200);
      const res = await get('/api/admin/dashboard');
      expect(res.body.directory).toEqual({
        enabled: false,
        host: '::1',
        port: 1636,
        srvDomain: null,
        backupServers: 2,
        lastTest: null,
      });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('dashboard-reader');
    });
  });
});
