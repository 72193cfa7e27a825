import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';
import { sqliteUrl } from '../support/databases.js';

/** A stand-in for web/dist: the serving rules do not depend on what the bundle holds. */
function builtConsole(): string {
  const root = mkdtempSync(join(tmpdir(), 'hd-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>console</title><div id="root"></div><script type="module" src="/assets/app-1.js"></script>',
  );
  writeFileSync(join(root, 'assets', 'app-1.js'), 'export {};\n');
  return root;
}

describe('the web console at /', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(await sqliteUrl(), { webRoot: builtConsole() });
  });
  afterAll(() => t?.close());

  it.each(['/', '/sign-in', '/admin/users', '/admin/mailboxes/7'])(
    'answers the page for %s (deep links open the console)',
    async (path) => {
      const res = await t.http().get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('serves hashed assets as immutable', async () => {
    const res = await t.http().get('/assets/app-1.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/immutable/);
  });

  it('answers 404 for a bundle that is not there, never the page in its place', async () => {
    const res = await t.http().get('/assets/app-0.js');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<div id="root">');
  });

  it('sends Cross-Origin-Opener-Policy over https only (browsers reject it on plain http elsewhere)', async () => {
    expect((await t.http().get('/')).headers['cross-origin-opener-policy']).toBeUndefined();
  });

  it('leaves /api alone: unknown API paths keep their JSON 404, the docs stay', async () => {
    for (const path of ['/api/nope', '/api', '/api/admin/nothing/here']) {
      const res = await t.http().get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/json/);
    }
    expect((await t.http().get('/api/docs-json')).status).toBe(200);
    expect((await t.http().get('/api/health')).status).toBe(200);
  });

  it('sends a strict Content-Security-Policy: scripts from our origin only, no https upgrade', async () => {
    const csp = (await t.http().get('/')).headers['content-security-policy'];
    const directives = new Map<string, string>(
      csp.split(';').map((d: string) => [d.trim().split(' ')[0], d.trim()] as [string, string]),
    );
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('script-src-attr')).toBe("script-src-attr 'none'");
    expect(directives.has('upgrade-insecure-requests')).toBe(false);
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
  });
});

describe('the API without a built console', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(await sqliteUrl(), { webRoot: mkdtempSync(join(tmpdir(), 'hd-web-empty-')) });
  });
  afterAll(() => t?.close());

  it('still runs, and a page request says how to build the console', async () => {
    expect((await t.http().get('/api/health')).status).toBe(200);
    const res = await t.http().get('/admin');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run build:web');
    expect((await t.http().get('/api/nope')).headers['content-type']).toMatch(/json/);
  });
});

describe('cross-site request forgery guard', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp(await sqliteUrl());
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  it.each([
    ['a form post', 'application/x-www-form-urlencoded', 'login=admin%40example.com&password=x'],
    [
      'a multipart post',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="login"\r\n\r\na\r\n--x--\r\n',
    ],
    ['text/plain holding JSON', 'text/plain', JSON.stringify({ login: ADMIN_EMAIL, password: ADMIN_PASSWORD })],
  ])('sign-in refuses %s with 415 and sets no cookie', async (_name, type, body) => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', type).send(body);
    expect(res.status).toBe(415);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a cookie-carrying state change that is neither JSON nor marked by the console', async () => {
    const bare = await t.http().post('/api/auth/logout').set('Cookie', cookie);
    expect(bare.status).toBe(403);
    const textPlain = await t
      .http()
      .patch('/api/admin/users/1')
      .set('Cookie', cookie)
      .set('Content-Type', 'text/plain')
      .send('{"role":"agent"}');
    expect(textPlain.status).toBe(403);
    const form = await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', cookie)
      .type('form')
      .send({ email: 'x@example.com', password: 'long-enough-password' });
    expect(form.status).toBe(403);
    // The session is untouched by the refused calls.
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).body.role).toBe('admin');
  });

  it('GET /api/auth/session answers 200 for a visitor (user null) and the user for a session', async () => {
    expect((await t.http().get('/api/auth/session')).body).toEqual({ user: null });
    const res = await t.http().get('/api/auth/session').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: ADMIN_EMAIL, role: 'admin', directoryFields: [] });
  });

  it('lets the console (X-Requested-With) and JSON callers through', async () => {
    const created = await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', cookie)
      .send({ email: 'csrf.ok@example.com', password: 'long-enough-password' });
    expect(created.status).toBe(201);
    const deleted = await t
      .http()
      .post('/api/auth/logout')
      .set('Cookie', cookie)
      .set('X-Requested-With', 'helpdesk-console');
    expect(deleted.status).toBe(200);
  });
});
