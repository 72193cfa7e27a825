import { BindPool } from '../../src/ldap/client/bind-pool.js';
import type { Encryption } from '../../src/ldap/settings/ldap-settings.types.js';
import { FIXTURE_USERS } from '../directories/fixtures.js';
import { OpenLdapServer, startOpenLdap } from '../directories/openldap.js';
import { eventually, settingsFor } from './support/client-harness.js';

const { alice, bob, carol } = FIXTURE_USERS;

/** The error code of a bind, or 'ok'. */
async function outcome(promise: Promise<void>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );
}

describe('BindPool against OpenLDAP', () => {
  let server: OpenLdapServer;
  let baseline: number;
  let pool: BindPool;

  beforeAll(async () => {
    server = await startOpenLdap();
    baseline = await server.connectionCount();
  });
  afterAll(() => server?.stop());
  afterEach(async () => {
    server.resume();
    await pool?.close();
    await eventually(
      () => server.connectionCount(),
      (count) => count === baseline,
    );
  });

  it.each<Encryption>(['none', 'ssl', 'starttls'])(
    'checks passwords over %s, one connection for one caller after another',
    async (encryption) => {
      pool = new BindPool();
      const settings = settingsFor(server, encryption);
      const binds = await server.bindCount();
      const results = [];
      for (const [user, password] of [
        [alice, alice.password],
        [bob, 'wrong'],
        [carol, carol.password],
        [alice, 'wrong'],
        [bob, bob.password],
      ] as const) {
        results.push(await outcome(pool.bind('k', settings, user.dn, password)));
      }
      expect(results).toEqual(['ok', 'INVALID_CREDENTIALS', 'ok', 'INVALID_CREDENTIALS', 'ok']);
      expect(await server.bindCount()).toBe(binds + 5);
      expect(await server.connectionCount()).toBe(baseline + 1);
    },
  );

  it('never opens more than its size, however many callers there are', async () => {
    pool = new BindPool({ maxSize: 3 });
    const settings = settingsFor(server, 'none');
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => outcome(pool.bind('k', settings, bob.dn, i % 2 ? bob.password : 'wrong'))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(30);
    expect(results.filter((r) => r === 'INVALID_CREDENTIALS')).toHaveLength(30);
    expect(await server.connectionCount()).toBeLessThanOrEqual(baseline + 3);
  });

  it('refuses an empty password before taking a connection', async () => {
    pool = new BindPool();
    expect(await outcome(pool.bind('k', settingsFor(server, 'none'), alice.dn, ' '))).toBe('INVALID_CREDENTIALS');
    expect(await server.connectionCount()).toBe(baseline);
  });

  it('replaces an idle connection the server closed, without failing the bind', async () => {
    pool = new BindPool();
    const settings = settingsFor(server, 'starttls');
    await pool.bind('k', settings, alice.dn, alice.password);
    await server.kill();
    await server.restart();
    expect(await outcome(pool.bind('k', settings, alice.dn, alice.password))).toBe('ok');
    expect(await server.connectionCount()).toBe(baseline + 1);
  });

  it('replaces its connections when the settings change', async () => {
    pool = new BindPool();
    await pool.bind('v1', settingsFor(server, 'none'), alice.dn, alice.password);
    await pool.bind('v2', settingsFor(server, 'ssl'), alice.dn, alice.password);
    await eventually(
      () => server.connectionCount(),
      (count) => count === baseline + 1,
    );
  });

  it('closes connections left idle', async () => {
    pool = new BindPool({ idleMs: 100 });
    await pool.bind('k', settingsFor(server, 'none'), alice.dn, alice.password);
    expect(await server.connectionCount()).toBe(baseline + 1);
    await eventually(
      () => server.connectionCount(),
      (count) => count === baseline,
    );
  });

  it('drops a connection that timed out and gives up on waiting callers in time', async () => {
    pool = new BindPool({ maxSize: 1 });
    const settings = settingsFor(server, 'none', { timeoutMs: 500 });
    await pool.bind('k', settings, alice.dn, alice.password);
    await server.pause();
    const stuck = await Promise.all([
      outcome(pool.bind('k', settings, alice.dn, alice.password)),
      outcome(pool.bind('k', settings, bob.dn, bob.password)),
    ]);
    expect(stuck).toEqual(['TIMEOUT', 'TIMEOUT']);
    server.resume();
    expect(await outcome(pool.bind('k', settings, alice.dn, alice.password))).toBe('ok');
    await eventually(
      () => server.connectionCount(),
      (count) => count === baseline + 1,
    );
  });

  it('closes a busy connection once its bind is done', async () => {
    pool = new BindPool();
    const settings = settingsFor(server, 'none');
    await pool.bind('k', settings, alice.dn, alice.password);
    const busy = pool.bind('k', settings, bob.dn, bob.password);
    await pool.close();
    expect(await outcome(busy)).toBe('ok');
    await eventually(
      () => server.connectionCount(),
      (count) => count === baseline,
    );
  });
});
