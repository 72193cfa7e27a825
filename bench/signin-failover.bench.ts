/**
 * "Failover costs nothing while all servers are up" (issue 17): the sign-in benchmark's HTTP
 * subject (POST /api/auth/login, bench/signin) with and without a backup server configured, in
 * alternating rounds of the same run. The backup is a second slapd with the same entries; it
 * must see no bind at all while the first server answers.
 */
import { performance } from 'node:perf_hooks';

import { DEFAULT_PASSWORD } from '../test/directories/fixtures.js';
import { startOpenLdap } from '../test/directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../test/support/app.js';
import type { Bench } from './lib/bench.js';
import { JsonClient } from './lib/http-client.js';
import { type LoadResult, mergeLoads, runLoad } from './lib/load.js';
import { fixed, print } from './lib/report.js';
import { startEnvironment } from './signin/environment.js';

const USERS = 2_000;
const ACTIVE_USERS = 100;
const CONCURRENCY = 10;
/** Throughput with a backup server configured, at least this share of the throughput without (run-to-run noise). */
const MIN_RATIO = 0.95;

const bench: Bench = async ({ quick }) => {
  const started = performance.now();
  print(`starting two slapd with ${USERS} users, MariaDB and the app`);
  const env = await startEnvironment(USERS);
  const backup = await startOpenLdap({ seed: false, bulkLdif: env.users.path });
  const client = new JsonClient(env.port, CONCURRENCY);
  const results: Record<'without' | 'with', LoadResult[]> = { without: [], with: [] };
  let backupBinds: number | undefined;
  try {
    // before LDAP is on: the settings leave the local admin no way in (fallbackToLocal off)
    const admin = await env.app.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await env.use('none');
    const put = async (backupServers: { host: string; port: number }[]) => {
      const res = await env.app
        .http()
        .put('/api/admin/ldap/settings')
        .set('Cookie', admin)
        .send({ backupServers, bindPassword: env.ldap.servicePassword, confirmLockout: true });
      if (res.status !== 200) throw new Error(`PUT backupServers: ${res.status} ${JSON.stringify(res.body)}`);
    };
    const signIn = async (i: number) => {
      const status = await client.post('/api/auth/login', {
        login: env.users.uid(1 + (i % ACTIVE_USERS)),
        password: DEFAULT_PASSWORD,
      });
      if (status !== 200) throw new Error(`sign-in answered ${status}`);
    };
    for (let i = 0; i < ACTIVE_USERS; i += 1) await signIn(i); // returning users from here on
    const operations = quick ? 300 : 2_000;
    for (let round = 0; round < (quick ? 2 : 4); round += 1) {
      // alternate which variant goes first, so a drift in the machine's load hits both alike
      for (const variant of round % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const)) {
        await put(variant === 'with' ? [{ host: '127.0.0.1', port: backup.port }] : []);
        results[variant].push(await runLoad(signIn, { concurrency: CONCURRENCY, operations, maxSeconds: 30 }));
        print(`round ${round + 1}, ${variant} a backup server: done`);
      }
    }
    backupBinds = await backup.bindCount();
  } finally {
    await client.close();
    await backup.stop();
    await env.stop();
  }
  const [without, withBackup] = [mergeLoads(results.without), mergeLoads(results.with)];
  const ratio = withBackup.throughput / without.throughput;
  if (backupBinds === undefined) throw new Error('the backup server was not read');
  const row = (name: string, r: LoadResult) => [name, r.operations, fixed(r.throughput, 0), fixed(r.p50), fixed(r.p99)];
  return {
    title: 'Sign-in with a backup server configured (failover)',
    tables: [
      {
        title: `POST /api/auth/login, plain LDAP, concurrency ${CONCURRENCY}, ${quick ? 2 : 4} alternating rounds each`,
        columns: ['settings', 'sign-ins', 'per second', 'p50 ms', 'p99 ms'],
        rows: [row('one server', without), row('plus a backup server', withBackup)],
      },
      {
        title: 'Ratio and the backup server',
        columns: ['throughput with / without', 'p50 with / without', 'binds on the backup server'],
        rows: [[fixed(ratio), fixed(withBackup.p50 / without.p50), backupBinds]],
      },
    ],
    goals: [
      {
        name: 'failover costs nothing while all servers are up',
        target: `throughput with a backup ≥ ${MIN_RATIO} × without, no bind on the backup`,
        measured: `${fixed(ratio)} ×, ${backupBinds} binds on the backup`,
        met: ratio >= MIN_RATIO && backupBinds === 0,
      },
    ],
    notes: [
      'Same app, slapd, MariaDB and users for both settings; only backupServers differs (a PUT between rounds, which replaces the service connection and the bind pool; runLoad warms up after it).',
      'Returning users (100, signed in once before the rounds); fallbackToLocal off, timeout 1000 ms, throttle raised (bench/signin/environment.ts).',
    ],
    seconds: (performance.now() - started) / 1000,
  };
};

export default bench;
