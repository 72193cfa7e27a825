/**
 * Sign-in (issue 7): ours against the floor (raw ldapts) and against passport-ldapauth, on a
 * 10,000-user slapd and MariaDB started through the test harness.
 */
import { performance } from 'node:perf_hooks';

import { SignInService } from '../src/auth/sign-in.service.js';
import type { Encryption } from '../src/ldap/settings/ldap-settings.types.js';
import { DEFAULT_PASSWORD } from '../test/directories/fixtures.js';
import type { Bench } from './lib/bench.js';
import { runLoad } from './lib/load.js';
import { fixed, type Goal, print, type Table } from './lib/report.js';
import { breakdown } from './signin/breakdown.js';
import { failures } from './signin/failures.js';
import { openNestPassport } from './signin/nest-baseline.js';
import { timingTable, unknownVersusWrong } from './signin/timing.js';
import { type SignInEnvironment, startEnvironment } from './signin/environment.js';
import { ENCRYPTION_NAMES, type MatrixPlan, matrixGoals, matrixTable, runMatrix } from './signin/load-matrix.js';
import {
  openFloor,
  openOurs,
  openOursDirectory,
  openOursHttp,
  openPassport,
  openPassportHttp,
} from './signin/subjects.js';

const USERS = 10_000;
const ENCRYPTIONS: Encryption[] = ['none', 'ssl'];
const NOTES = [
  'floor: raw ldapts, a search on an already open and bound service connection, then a bind as the user on an already open connection of its own (one per concurrent worker).',
  'passport-ldapauth 3.0.1 (ldapauth-fork over ldapjs): Strategy driven directly with a fake request; "HTTP" is the same behind a minimal Express app (JSON body, no session).',
  "passport-ldapauth in NestJS + DB session: the same Strategy in a NestJS app built from the NestJS docs' Passport and Session recipes (PassportStrategy, an AuthGuard that calls logIn, a PassportSerializer, express-session 1.19 with passport.session()), the session kept by express-mysql-session 3.0 in a table of its own in the app's MariaDB database: a session row and a cookie per sign-in, as ours.",
  'ours: SignInService.signIn (what the password Passport strategy hands over to: throttle reservation, lookup, bind, JIT user upsert, mailbox assignment, LDAP log line); "HTTP" is POST /api/auth/login (the strategy, session row, cookie).',
  '"ours, directory steps only": the LDAP part of ours alone (settings, DirectoryService.findByLogin, LdapClientService.verifyPassword on the bind pool), to tell the directory client\'s overhead over the floor from the database work; no goal.',
  'Unknown user vs wrong password: the goal applies to the HTTP level (what a client can time); the strategy level is shown to locate a difference.',
  'Successful sign-ins cycle through 100 users who signed in once before (returning users). Same search base, filter (objectClass=inetOrgPerson) and login attributes (uid, mail) for every subject.',
  'App settings: fallbackToLocal off (a failed LDAP sign-in does not go on to argon2), timeout 1000 ms, throttle limits raised so the benchmark never trips them. MariaDB is the throwaway server of the test harness (small buffer pool, no fsync per commit).',
  'All servers and the load generator share this machine; every figure is read against the baselines of the same run.',
];

/**
 * Signs every user the load will use in once, one at a time, so the measured runs see returning
 * users; the first sign-in (the user is created just in time) is reported on its own.
 */
async function firstSignIns(env: SignInEnvironment, count: number): Promise<Table> {
  const auth = env.app.app.get(SignInService);
  const result = await runLoad(
    async (i) => {
      const outcome = await auth.signIn({ login: env.users.uid(1 + i), password: DEFAULT_PASSWORD }, '127.0.0.1');
      if (!outcome.ok) throw new Error(`first sign-in of ${env.users.uid(1 + i)}: ${JSON.stringify(outcome)}`);
    },
    { concurrency: 1, operations: count, warmup: 0 },
  );
  return {
    title: 'First sign-in of a user (created just in time), strategy level, plain LDAP, concurrency 1',
    columns: ['sign-ins', 'p50 ms', 'p99 ms'],
    rows: [[result.operations, fixed(result.p50), fixed(result.p99)]],
  };
}

function matrixPlan(env: SignInEnvironment, quick: boolean): MatrixPlan {
  return {
    subjects: [
      ['floor', openFloor],
      ['passport-ldapauth', openPassport],
      ['ours', openOurs(env)],
      ['ours, directory steps only', openOursDirectory(env)],
      ['passport-ldapauth HTTP', openPassportHttp],
      ['passport-ldapauth in NestJS + DB session HTTP', openNestPassport(env.databaseUrl)],
      ['ours HTTP', openOursHttp(env)],
    ],
    operations: quick ? { 1: 100, 10: 300, 50: 500 } : { 1: 500, 10: 2000, 50: 3000 },
    maxSeconds: quick ? 1 : 4,
    rounds: 2,
    activeUsers: quick ? 30 : 100,
  };
}

/** Report tables by kind, so RESULTS.md shows each kind for both encryptions together. */
interface Collected {
  load: Table[];
  timing: (string | number)[][];
  failures: Table[];
  breakdown: Table[];
  first?: Table;
  goals: Goal[];
}

async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  print(`  (${name}: ${fixed((performance.now() - started) / 1000, 1)} s)`);
  return result;
}

async function runEncryption(
  env: SignInEnvironment,
  encryption: Encryption,
  quick: boolean,
  wanted: (part: string) => boolean,
  out: Collected,
): Promise<void> {
  const target = await env.use(encryption);
  const label = ENCRYPTION_NAMES[encryption];
  if (wanted('timing')) {
    // first, while the database is quiet (InnoDB purges for a while after the load)
    const timing = await phase(`${label} timing`, () => unknownVersusWrong(env, encryption, quick ? 50 : 200));
    out.timing.push(...timing.rows);
    out.goals.push(...timing.goals);
  }
  if (wanted('load')) {
    const results = await phase(`${label} load`, () => runMatrix(env, target, matrixPlan(env, quick)));
    out.load.push(matrixTable(encryption, results));
    out.goals.push(...matrixGoals(encryption, results));
  }
  if (wanted('failures')) {
    const plan = quick ? { unknown: 100, wrong: 100, paused: 50 } : { unknown: 400, wrong: 400, paused: 200 };
    const failed = await phase(`${label} failures`, () => failures(env, encryption, plan));
    out.failures.push(failed.table);
    out.goals.push(...failed.goals);
  }
  if (wanted('breakdown')) {
    const tables = await phase(`${label} breakdown`, () => breakdown(env, quick ? 50 : 200));
    out.breakdown.push(...tables.map((t) => ({ ...t, title: `${t.title}, ${label}` })));
  }
}

const bench: Bench = async ({ quick, only }) => {
  const started = performance.now();
  const parts = only.filter((o) => o !== 'plain' && o !== 'ldaps');
  const wanted = (part: string): boolean => parts.length === 0 || parts.includes(part);
  print(`starting slapd with ${USERS} users, MariaDB and the app`);
  const env = await startEnvironment(USERS);
  const out: Collected = { load: [], timing: [], failures: [], breakdown: [], goals: [] };
  try {
    await env.use(ENCRYPTIONS[0]);
    out.first = await phase('first sign-ins', () => firstSignIns(env, matrixPlan(env, quick).activeUsers));
    // `--only=plain` or `--only=ldaps` (with parts or without) runs one encryption
    const named = ENCRYPTIONS.filter((e) => only.includes(e === 'none' ? 'plain' : 'ldaps'));
    for (const encryption of named.length > 0 ? named : ENCRYPTIONS)
      await runEncryption(env, encryption, quick, wanted, out);
  } finally {
    await env.stop();
  }
  const tables = [
    ...out.load,
    ...(out.timing.length > 0 ? [timingTable(out.timing)] : []),
    ...out.failures,
    ...(out.first ? [out.first] : []),
    ...out.breakdown,
  ];
  return { title: 'Sign-in', tables, goals: out.goals, notes: NOTES, seconds: (performance.now() - started) / 1000 };
};

export default bench;
