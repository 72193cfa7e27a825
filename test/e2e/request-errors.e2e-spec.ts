import { testDatabases } from '../support/databases.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app.js';

type Method = 'get' | 'post' | 'patch' | 'put';

/*
 * Request bodies and query strings other than the settings: a null where the field takes none, a
 * boolean or number of the wrong type, an unknown enum value: one 400, with one message per field
 * by dotted path, naming the field in the admin's words (as the settings body does).
 */
describe.each(testDatabases())('request errors on $name', (db) => {
  let t: TestApp;
  let cookie: string;
  let agentId: number;
  let mailboxId: number;
  const call = (method: Method, path: string, body?: unknown) => {
    const req = t.http()[method](path).set('Cookie', cookie);
    return body === undefined ? req : req.send(body as object);
  };

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const agent = await call('post', '/api/admin/users', {
      email: 'agent@example.com',
      password: 'agent-password-1',
      firstName: 'Agnes',
    }).expect(201);
    agentId = agent.body.id;
    mailboxId = (await call('post', '/api/admin/mailboxes', { name: 'Support' }).expect(201)).body.id;
  });
  afterAll(() => t?.close());

  const CASES: [Method, string, unknown, string, string][] = [
    // users
    [
      'post',
      '/api/admin/users',
      { email: 'new@example.com', password: 'long-password-1', role: null },
      'role',
      'role cannot be null: leave it out for agent',
    ],
    ['post', '/api/admin/users', { password: 'long-password-1' }, 'email', 'email is required'],
    ['post', '/api/admin/users', { email: null, password: 'long-password-1' }, 'email', 'email is required'],
    ['post', '/api/admin/users', { email: 'new@example.com' }, 'password', 'password is required'],
    [
      'patch',
      '/api/admin/users/:agent',
      { role: null },
      'role',
      'role cannot be null: leave it out to keep the stored value',
    ],
    [
      'patch',
      '/api/admin/users/:agent',
      { status: null },
      'status',
      'status cannot be null: leave it out to keep the stored value',
    ],
    ['patch', '/api/admin/users/:agent', { status: 'gone' }, 'status', 'status must be active or disabled'],
    ['put', '/api/admin/users/:agent/password', { password: null }, 'password', 'password is required'],
    ['get', '/api/admin/users?page=0', undefined, 'page', 'page must be a whole number, 1 or more'],
    ['get', '/api/admin/users?pageSize=many', undefined, 'pageSize', 'pageSize must be a whole number from 1 to 500'],
    ['get', '/api/admin/users?status=gone', undefined, 'status', 'status must be active or disabled'],
    // account link
    ['post', '/api/admin/users/:agent/link', { dn: null }, 'dn', 'dn is required'],
    ['post', '/api/admin/users/:agent/link', {}, 'dn', 'dn is required'],
    // mailboxes
    ['post', '/api/admin/mailboxes', { name: null }, 'name', 'name is required'],
    ['post', '/api/admin/mailboxes', { name: '' }, 'name', 'name must not be empty'],
    ['patch', '/api/admin/mailboxes/:mailbox', { name: '' }, 'name', 'name must not be empty'],
    ['post', '/api/admin/mailboxes/:mailbox/members', { userId: null }, 'userId', 'userId is required'],
    [
      'post',
      '/api/admin/mailboxes/:mailbox/members',
      { userId: '3' },
      'userId',
      'userId must be a whole number, 1 or more, written without quotes',
    ],
    ['post', '/api/admin/mailboxes/preview', { ldapFilter: null }, 'ldapFilter', 'ldapFilter is required'],
    // import and runs
    ['post', '/api/admin/ldap/import', { dryRun: null }, 'dryRun', 'dryRun cannot be null: leave it out for false'],
    [
      'post',
      '/api/admin/ldap/import',
      { dryRun: 'true' },
      'dryRun',
      'dryRun must be true or false, written without quotes',
    ],
    ['post', '/api/admin/ldap/import', { full: 1 }, 'full', 'full must be true or false'],
    ['post', '/api/admin/ldap/import', { force: null }, 'force', 'force cannot be null: leave it out for false'],
    [
      'get',
      '/api/admin/ldap/runs?pageSize=101',
      undefined,
      'pageSize',
      'pageSize must be a whole number from 1 to 100',
    ],
    ['get', '/api/admin/ldap/runs?page=1.5', undefined, 'page', 'page must be a whole number, 1 or more'],
    // logs
    ['get', '/api/admin/logs/ldap?page=abc', undefined, 'page', 'page must be a whole number, 1 or more'],
    ['get', '/api/admin/logs/ldap?level=loud', undefined, 'level', 'level must be debug, info, warn or error'],
  ];

  it.each(CASES)('%s %s %j answers one message for %s', async (method, path, body, field, message) => {
    const url = path.replace(':agent', String(agentId)).replace(':mailbox', String(mailboxId));
    const res = await call(method, url, body);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ [field]: [message] });
    expect(res.body.message).toEqual([message]);
  });

  it('a refused null changes nothing', async () => {
    await call('patch', `/api/admin/users/${agentId}`, { role: null, firstName: 'Changed' }).expect(400);
    const user = (await call('get', `/api/admin/users/${agentId}`).expect(200)).body;
    expect(user).toMatchObject({ role: 'agent', status: 'active', firstName: 'Agnes' });
  });

  it('null clears a nullable field: a user name, a mailbox email', async () => {
    const user = await call('patch', `/api/admin/users/${agentId}`, { firstName: null }).expect(200);
    expect(user.body.firstName).toBeNull();
    await call('patch', `/api/admin/mailboxes/${mailboxId}`, { email: 'support@example.com' }).expect(200);
    const mailbox = await call('patch', `/api/admin/mailboxes/${mailboxId}`, { email: null }).expect(200);
    expect(mailbox.body.email).toBeNull();
  });

  it('no body at all is an empty one: an import with its defaults gets past the field checks', async () => {
    const res = await t.http().post('/api/admin/ldap/import').set('Cookie', cookie);
    expect(res.body.fields).toBeUndefined();
    expect(res.status).not.toBe(500);
  });

  it('a body that is a list is refused as a whole, with no internals', async () => {
    const res = await call('post', '/api/admin/users', [{ email: 'x@example.com' }]);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ '': ['the request body must be a JSON object'] });
  });
});
