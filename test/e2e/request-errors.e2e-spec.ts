import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';
import { sqliteUrl } from '../support/databases.js';

// How a request is refused before any query: the database does not matter.
describe('bad request bodies', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp(await sqliteUrl());
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  const raw = (method: 'put' | 'post' | 'patch', path: string, body: string) =>
    t.http()[method](path).set('Cookie', cookie).set('Content-Type', 'application/json').send(body);
  const unknown = (path: string) => [`${path} is not a known field: check its spelling, or leave it out`];

  it.each([
    ['{"toString":"x"}', 'toString'],
    ['{"constructor":{}}', 'constructor'],
    ['{"sso":{"constructor":1}}', 'sso.constructor'],
    ['{"hasOwnProperty":1}', 'hasOwnProperty'],
    ['{"__proto__":{"enabled":true}}', '__proto__'],
  ])('settings refuse %s as an unknown field', async (body, path) => {
    const res = await raw('put', '/api/admin/ldap/settings', body);
    expect(res.status).toBe(400);
    expect(res.body.fields[path]).toEqual(unknown(path));
  });

  it('every other body refuses them too, with its own errors in the same answer', async () => {
    const mailbox = await raw('post', '/api/admin/mailboxes', '{"name":"","valueOf":1}');
    expect(mailbox.status).toBe(400);
    expect(mailbox.body.fields.valueOf).toEqual(unknown('valueOf'));
    expect(mailbox.body.fields.name).toBeDefined();
    const user = await raw(
      'post',
      '/api/admin/users',
      '{"email":"x@example.com","password":"long-enough-pw","constructor":1}',
    );
    expect(user.status).toBe(400);
    expect(user.body.fields).toEqual({ constructor: unknown('constructor') });
    expect((await t.http().get('/api/admin/users?q=x@example.com').set('Cookie', cookie)).body.total).toBe(0);
  });
});
