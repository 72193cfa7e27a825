import { LoginAttemptsRepository } from '../../src/auth/throttle/login-attempts.repository.js';
import { LoginThrottleService } from '../../src/auth/throttle/login-throttle.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

const LIMIT = 5;
const PER_CLIENT = 8;

// The throttle's counts on a real database: several keys taken in one statement, all or none,
// never past a limit under parallel requests, settled in one statement. MariaDB and SQLite take
// the RETURNING path; the MySQL path (one conditional UPDATE per key) is forced on both too.
describe.each(testDatabases())('the login throttle on $name', (db) => {
  let t: TestApp;
  let throttle: LoginThrottleService;
  let attempts: LoginAttemptsRepository;
  let n = 0;
  const fresh = () => {
    n += 1;
    return { login: `user${n}@example.com`, ip: `10.0.${n}.1` };
  };

  beforeAll(async () => {
    t = await startTestApp(await db.url(), {
      loginThrottle: {
        perLogin: LIMIT,
        perLoginWindowSeconds: 900,
        perClient: PER_CLIENT,
        perClientWindowSeconds: 3600,
      },
    });
    throttle = t.app.get(LoginThrottleService);
    attempts = t.app.get(LoginAttemptsRepository);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('this server takes the RETURNING path (SQLite; MariaDB from 10.5)', async () => {
    await throttle.reserveLogin(throttle.start(), fresh().login, undefined);
    expect((attempts as unknown as { returning?: boolean }).returning).toBe(true);
  });

  for (const path of ['RETURNING', 'one key at a time (MySQL)'] as const) {
    describe(path, () => {
      beforeAll(() => {
        // the repository picks its path from the server once; forced here to try both on one server
        (attempts as unknown as { returning?: boolean }).returning = path === 'RETURNING';
      });
      afterAll(() => {
        (attempts as unknown as { returning?: boolean }).returning = undefined;
      });

      it('parallel attempts on one login take exactly the limit, the rest are refused with a wait', async () => {
        const { login } = fresh();
        const answers = await Promise.all(
          Array.from({ length: 3 * LIMIT }, (_, i) => throttle.reserveLogin(throttle.start(), login, `10.9.${n}.${i}`)),
        );
        expect(answers.filter((a) => a.ok)).toHaveLength(LIMIT);
        for (const refused of answers.filter((a) => !a.ok)) expect(refused.wait).toBeGreaterThan(800);
        // the refused ones gave their attempts back: the next one is refused too, and the count is the limit
        expect((await throttle.reserveLogin(throttle.start(), login, '10.8.0.1')).ok).toBe(false);
      });

      it('a refusal on one key leaves nothing taken on the others, earlier reservations included', async () => {
        const { login, ip } = fresh();
        const dn = `uid=${n},ou=people,dc=example,dc=com`;
        for (let i = 0; i < LIMIT; i += 1) expect((await throttle.reserveAccount(throttle.start(), dn)).ok).toBe(true);
        const reservation = throttle.start();
        expect((await throttle.reserveLogin(reservation, login, ip)).ok).toBe(true);
        expect(await counts(attempts, reservation.keys)).toEqual([1, 1]);
        const refused = await throttle.reserveAccount(reservation, dn);
        expect(refused.ok).toBe(false);
        expect(reservation.keys).toEqual([]);
        // login and address: given back
        const again = throttle.start();
        expect((await throttle.reserveLogin(again, login, ip)).ok).toBe(true);
        expect(await counts(attempts, again.keys)).toEqual([1, 1]);
      });

      it('an account taken ahead with the login: reserveAccount on that account takes nothing more', async () => {
        const { login, ip } = fresh();
        const dn = `uid=ahead${n},ou=people,dc=example,dc=com`;
        const reservation = throttle.start();
        expect((await throttle.reserveLogin(reservation, login, ip, new Date(), dn)).ok).toBe(true);
        expect(await counts(attempts, reservation.keys)).toEqual([1, 1, 1]);
        // the search named the same entry (its DN case-folded, as the keys are)
        expect(await throttle.reserveAccount(reservation, dn.toUpperCase())).toEqual({ ok: true });
        expect(await counts(attempts, reservation.keys)).toEqual([1, 1, 1]);
        throttle.settleBehind(reservation, 'succeeded');
        await throttle.flush();
        expect(await counts(attempts, reservation.keys)).toEqual([0, 0, 0]);
      });

      it('an account taken ahead that the search does not name gets its attempt back; the named one is taken', async () => {
        const { login, ip } = fresh();
        const [guess, found] = [`uid=old${n},dc=example,dc=com`, `uid=new${n},dc=example,dc=com`];
        const reservation = throttle.start();
        await throttle.reserveLogin(reservation, login, ip, new Date(), guess);
        const guessKey = reservation.keys[2];
        expect(await throttle.reserveAccount(reservation, found)).toEqual({ ok: true });
        expect(reservation.keys).toHaveLength(3);
        expect(reservation.keys).not.toContain(guessKey);
        expect(await counts(attempts, [...reservation.keys, guessKey])).toEqual([1, 1, 1, 0]);
        // the same when no account is named at all (the search failed or was ambiguous)
        const other = throttle.start();
        await throttle.reserveLogin(other, login, ip, new Date(), guess);
        await throttle.releaseAccountAhead(other);
        expect(other.keys).toHaveLength(2);
        expect(await counts(attempts, [guessKey])).toEqual([0]);
      });

      it('an account taken ahead whose count alone is full refuses nothing before the search; its own turn refuses', async () => {
        const { login, ip } = fresh();
        const dn = `uid=full${n},ou=people,dc=example,dc=com`;
        for (let i = 0; i < LIMIT; i += 1) expect((await throttle.reserveAccount(throttle.start(), dn)).ok).toBe(true);
        const reservation = throttle.start();
        expect(await throttle.reserveLogin(reservation, login, ip, new Date(), dn)).toEqual({ ok: true });
        expect(reservation.keys).toHaveLength(2);
        expect(reservation.accountAhead).toBeUndefined();
        const refused = await throttle.reserveAccount(reservation, dn);
        expect(refused.ok).toBe(false);
        expect(reservation.keys).toEqual([]);
        // a full login still refuses at once, with or without a guess
        for (let i = 0; i < LIMIT; i += 1) await throttle.reserveLogin(throttle.start(), login, `10.6.${n}.${i}`);
        const again = throttle.start();
        expect(
          (await throttle.reserveLogin(again, login, '10.6.0.99', new Date(), `uid=x${n},dc=example,dc=com`)).ok,
        ).toBe(false);
        expect(again.keys).toEqual([]);
      });

      it('a success settles in one statement: login and account start again, the address gets its attempt back', async () => {
        const { login, ip } = fresh();
        const dn = `uid=${n},ou=people,dc=example,dc=com`;
        for (let i = 0; i < 3; i += 1) {
          const failed = throttle.start();
          await throttle.reserveLogin(failed, login, ip);
          await throttle.reserveAccount(failed, dn);
        }
        const reservation = throttle.start();
        await throttle.reserveLogin(reservation, login, ip);
        await throttle.reserveAccount(reservation, dn);
        expect(await counts(attempts, reservation.keys)).toEqual([4, 4, 4]);
        throttle.settleBehind(reservation, 'succeeded');
        await throttle.flush();
        // keys are [login, address, account]: cleared, one given back, cleared
        expect(await counts(attempts, reservation.keys)).toEqual([0, 3, 0]);
      });

      it('a settle sent behind the answer: the next attempt on the login waits for it and sees the cleared count', async () => {
        const { login, ip } = fresh();
        const dn = `uid=${n},ou=people,dc=example,dc=com`;
        for (let i = 0; i < LIMIT - 1; i += 1) {
          const failed = throttle.start();
          await throttle.reserveLogin(failed, login, ip);
          await throttle.reserveAccount(failed, dn);
        }
        const signedIn = throttle.start();
        await throttle.reserveLogin(signedIn, login, ip);
        await throttle.reserveAccount(signedIn, dn);
        throttle.settleBehind(signedIn, 'succeeded');
        // without the wait this attempt could land first and be refused (the login's count is at the limit)
        const next = throttle.start();
        expect(await throttle.reserveLogin(next, login, ip)).toEqual({ ok: true });
        await throttle.flush();
        expect(await counts(attempts, [...next.keys, signedIn.keys[2]])).toEqual([1, LIMIT, 0]);
      });

      it('settles written together: cleared keys start again, a shared address gets one attempt back per settle', async () => {
        const { ip } = fresh();
        const [a, b, c] = [fresh().login, fresh().login, fresh().login];
        const reservations = [];
        for (const login of [a, b, c, a, b, c]) {
          const r = throttle.start();
          await throttle.reserveLogin(r, login, ip);
          reservations.push(r);
        }
        // a signed in (its login cleared); b's directory was unavailable (given back); c not settled
        await attempts.settleMany(
          [
            { keys: reservations[0].keys, cleared: reservations[0].clearedOnSuccess },
            { keys: reservations[1].keys, cleared: [] },
            { keys: reservations[4].keys, cleared: [] },
          ],
          new Date(),
        );
        const [loginA, address] = reservations[0].keys;
        expect(await counts(attempts, [loginA, reservations[1].keys[0], reservations[2].keys[0], address])).toEqual([
          0, 0, 2, 3,
        ]);
      });

      it('an attempt given back behind the answer (directory unavailable) is not counted by the next one', async () => {
        const { login, ip } = fresh();
        for (let i = 0; i < 2 * LIMIT; i += 1) {
          const reservation = throttle.start();
          expect((await throttle.reserveLogin(reservation, login, ip)).ok).toBe(true);
          throttle.settleBehind(reservation, 'unavailable');
        }
        const last = throttle.start();
        await throttle.reserveLogin(last, login, ip);
        await throttle.flush();
        expect(await counts(attempts, last.keys)).toEqual([1, 1]);
      });

      it('an expired window starts again at this attempt', async () => {
        const { login, ip } = fresh();
        const long = new Date(Date.now() - 2 * 3600 * 1000);
        for (let i = 0; i < LIMIT; i += 1) await throttle.reserveLogin(throttle.start(), login, ip, long);
        expect((await throttle.reserveLogin(throttle.start(), login, ip, long)).ok).toBe(false);
        const now = throttle.start();
        expect((await throttle.reserveLogin(now, login, ip)).ok).toBe(true);
        expect(await counts(attempts, now.keys)).toEqual([1, 1]);
      });

      it('an attempt given back (directory unavailable) is not counted', async () => {
        const { login, ip } = fresh();
        for (let i = 0; i < 2 * LIMIT; i += 1) {
          const reservation = throttle.start();
          expect((await throttle.reserveLogin(reservation, login, ip)).ok).toBe(true);
          await throttle.giveBack(reservation);
        }
        const last = throttle.start();
        await throttle.reserveLogin(last, login, ip);
        expect(await counts(attempts, last.keys)).toEqual([1, 1]);
      });
    });
  }
});

// A settle sent behind the answer is written before the database connection closes.
describe.each(testDatabases())('settles behind the answer at shutdown on $name', (db) => {
  it('closing the app writes the settles still on their way', async () => {
    const url = await db.url();
    const first = await startTestApp(url);
    const throttle = first.app.get(LoginThrottleService);
    const reservations = Array.from({ length: 20 }, () => throttle.start());
    for (const [i, r] of reservations.entries()) await throttle.reserveLogin(r, `shutdown${i}@example.com`, '10.7.0.1');
    for (const r of reservations) throttle.settleBehind(r, 'succeeded');
    await first.close();
    const second = await startTestApp(url);
    try {
      const keys = reservations.flatMap((r) => r.keys);
      const after = await counts(second.app.get(LoginAttemptsRepository), keys);
      // every login cleared; the address had 20 attempts and got every one back
      expect(after).toEqual(keys.map(() => 0));
    } finally {
      await second.close();
    }
  });
});

async function counts(attempts: LoginAttemptsRepository, keys: string[]): Promise<number[]> {
  const rows = await attempts.getMany(keys);
  return keys.map((key) => rows.find((r) => r.keyHash === key)?.failures ?? -1);
}
