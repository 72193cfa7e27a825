import { jest } from '@jest/globals';

import { serverHealth } from '../../src/ldap/client/server-health.js';
import { FIXTURE_USERS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { CountingProxy } from '../support/counting-proxy.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

const TOKEN = 'metrics-token-for-failover-tests-0123456789';
const { alice, bob, carol } = FIXTURE_USERS;
const USERS = [alice, bob, carol];
const SEQUENTIAL = 30;
const PARALLEL = 8;

/*
 * Two slapd instances with the same entries (told apart by uid, as replicas would by entryUUID); the first is reached through a loopback TCP proxy
 * that counts the connection attempts made to it. Only Date is faked (timers, sockets and slapd
 * run in real time), so the back-off ends when the test moves the clock, never on its own.
 */
describe.each(testDatabases())(
  'sign-in with two directory servers, the first one stopped, killed and restarted, on $name',
  (db) => {
    let t: TestApp;
    let first: OpenLdapServer;
    let second: OpenLdapServer;
    let proxy: CountingProxy;
    let admin: string;
    let firstKey: string;
    let secondKey: string;

    const login = (n: number) => {
      const user = USERS[n % USERS.length];
      return t.http().post('/api/auth/login').send({ login: user.uid, password: user.password });
    };
    /** SEQUENTIAL sign-ins one after the other, then PARALLEL at once: the statuses. */
    const load = async (): Promise<number[]> => {
      const statuses: number[] = [];
      for (let n = 0; n < SEQUENTIAL; n += 1) statuses.push((await login(n)).status);
      const parallel = await Promise.all(Array.from({ length: PARALLEL }, (_, n) => login(n)));
      return [...statuses, ...parallel.map((res) => res.status)];
    };
    const allOk = (statuses: number[]) => expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const logLines = async (event: string) =>
      (await t.http().get(`/api/admin/logs/ldap?event=${event}&pageSize=500`).set('Cookie', admin)).body.items as {
        message: string;
      }[];
    const serverUp = async (server: string) => {
      const res = await t.http().get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(res.status).toBe(200);
      const line = res.text.split('\n').find((l) => l.startsWith(`helpdesk_ldap_server_up{server="${server}"}`));
      return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    const binds = async (server: OpenLdapServer) => {
      let n = 0;
      for (const user of USERS) n += await server.bindCount(user.dn);
      return n;
    };
    const moveClock = (ms: number) => jest.setSystemTime(Date.now() + ms);

    beforeAll(async () => {
      jest.useFakeTimers({
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
      [first, second] = await Promise.all([startOpenLdap(), startOpenLdap()]);
      proxy = await CountingProxy.start({ host: '127.0.0.1', port: first.port });
      t = await startTestApp(await db.url(), {
        metrics: { token: TOKEN, allow: [] },
        loginThrottle: {
          perLogin: 10_000,
          perLoginWindowSeconds: 900,
          perClient: 10_000,
          perClientWindowSeconds: 3600,
        },
      });
      admin = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      const settings = ldapSettingsFor(first, {
        port: proxy.port,
        backupServers: [{ host: '127.0.0.1', port: second.port }],
        timeoutMs: 2_000,
        // replicas share entryUUID; two separate slapd instances do not, but the same uid
        uidAttribute: 'uid',
      });
      expect((await t.http().put('/api/admin/ldap/settings').set('Cookie', admin).send(settings)).status).toBe(200);
      firstKey = `127.0.0.1:${proxy.port}`;
      secondKey = `127.0.0.1:${second.port}`;
    });
    afterAll(async () => {
      await t?.close();
      await proxy?.close();
      await Promise.all([first?.stop(), second?.stop()]);
      jest.useRealTimers();
    });

    it('uses the first server while it answers, the second while the first is down, and the first again once it is back', async () => {
      // 1. both up: the first server does all the work
      allOk(await load());
      expect(proxy.accepted).toBeGreaterThan(0);
      expect(await binds(first)).toBeGreaterThanOrEqual(SEQUENTIAL + PARALLEL);
      expect(await binds(second)).toBe(0);
      expect(await serverUp(firstKey)).toBe(1);

      // 2. the first server stops answering (SIGSTOP): sign-ins under way wait for the timeout and
      // may fail; the first of them marks it down
      await first.pause();
      const underWay = await Promise.all([login(0), login(1)]);
      expect(underWay.map((res) => res.status).every((s) => s === 200 || s >= 400)).toBe(true);
      expect(serverHealth.isDown(firstKey)).toBe(true);
      const attemptsWhenMarked = proxy.accepted;

      // no sign-in fails after the first timeout, and the first server sees no attempt during its back-off
      const secondBinds = await binds(second);
      allOk(await load());
      expect(await binds(second)).toBe(secondBinds + SEQUENTIAL + PARALLEL);
      expect(proxy.accepted).toBe(attemptsWhenMarked);
      expect(await serverUp(firstKey)).toBe(0);
      expect(await serverUp(secondKey)).toBe(1);

      // 3. killed: still in its back-off, still left alone
      await first.kill();
      allOk(await load());
      expect(proxy.accepted).toBe(attemptsWhenMarked);
      expect((await logLines('ldap.server.down')).map((l) => l.message)).toEqual([
        expect.stringContaining(`directory server ${firstKey} marked down (TIMEOUT`),
      ]);

      // 4. the back-off (10 s) ends while it is still dead: one sign-in tries it again, none fails
      moveClock(10_000);
      allOk(await load());
      expect(proxy.accepted).toBe(attemptsWhenMarked + 1);
      expect(serverHealth.isDown(firstKey)).toBe(true);
      expect((await logLines('ldap.server.still-down')).map((l) => l.message)).toEqual([
        expect.stringContaining(`directory server ${firstKey} tried again and still down`),
      ]);

      // 5. restarted; once the doubled back-off (20 s) ends it is taken back and used again
      await first.restart();
      allOk(await load());
      expect(proxy.accepted).toBe(attemptsWhenMarked + 1);
      moveClock(20_000);
      const firstBindsBefore = await binds(first);
      allOk(await load());
      expect(serverHealth.isDown(firstKey)).toBe(false);
      expect(await binds(first)).toBeGreaterThan(firstBindsBefore);
      expect((await logLines('ldap.server.up')).map((l) => l.message)).toEqual([
        expect.stringContaining(`directory server ${firstKey} answers again and is used again`),
      ]);
      expect(await serverUp(firstKey)).toBe(1);
      // connections to the second server were dropped once the first was back: the next sign-ins bind on the first
      const [firstBindsBack, secondBindsBack] = [await binds(first), await binds(second)];
      allOk(await load());
      expect(await binds(first)).toBe(firstBindsBack + SEQUENTIAL + PARALLEL);
      expect(await binds(second)).toBe(secondBindsBack);
    });

    it('never marks a server down for a wrong password', async () => {
      const res = await t.http().post('/api/auth/login').send({ login: alice.uid, password: 'wrong-password' });
      expect(res.status).toBe(401);
      expect(serverHealth.isDown(firstKey)).toBe(false);
      expect(serverHealth.isDown(secondKey)).toBe(false);
      expect((await login(0)).status).toBe(200);
    });
  },
);
