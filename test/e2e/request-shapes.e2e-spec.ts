import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';
import { sqliteUrl } from '../support/databases.js';

// How a request is refused before any query: the database does not matter.
describe('bad request bodies and path parameters', () => {
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
    ['{"x.y":{"constructor":1}}', 'x.y.constructor'],
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

  it.each(['null', '123', '"text"', 'true'])('a body of %s is told it must be a JSON object', async (body) => {
    const res = await raw('post', '/api/admin/mailboxes', body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('the request body must be a JSON object');
  });

  it('a body that is no JSON at all is still told so', async () => {
    const res = await raw('post', '/api/admin/mailboxes', '{"name":');
    expect(res.body.message).toBe('the request body is not valid JSON');
  });

  it.each([
    ['/api/admin/users/abc', 'id'],
    ['/api/admin/users/99999999999999999999', 'id'],
    ['/api/admin/users/9007199254740992', 'id'],
    ['/api/admin/users/0', 'id'],
    ['/api/admin/users/1.5', 'id'],
    ['/api/admin/mailboxes/1/members/abc', 'userId'],
  ])('%s is refused naming the parameter %s', async (path, name) => {
    const res = await t
      .http()
      [path.includes('members') ? 'delete' : 'get'](path)
      .set('Cookie', cookie)
      .set('X-Requested-With', 'test');
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ [name]: [`${name} must be a whole number from 1 to 9007199254740991`] });
  });

  it('the largest safe id is a plain not-found', async () => {
    const res = await t.http().get('/api/admin/users/9007199254740991').set('Cookie', cookie);
    expect(res.status).toBe(404);
  });
});
