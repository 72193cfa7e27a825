import type { Encryption } from '../../src/ldap/settings/ldap-settings.types.js';
import { DEFAULT_PASSWORD } from '../../test/directories/fixtures.js';
import { type LoadOptions, type LoadResult, mergeLoads, runLoad } from '../lib/load.js';
import { fixed, type Goal, print, ratio, type Table } from '../lib/report.js';
import type { DirectoryTarget, SignInEnvironment } from './environment.js';
import type { OpenSubject, SubjectName } from './subjects.js';

export const CONCURRENCY = [1, 10, 50] as const;
export const ENCRYPTION_NAMES: Record<Encryption, string> = { none: 'plain LDAP', ssl: 'LDAPS', starttls: 'StartTLS' };

const NEST_BASELINE: SubjectName = 'passport-ldapauth in NestJS + DB session HTTP';

export type MatrixResults = Map<SubjectName, Map<number, LoadResult>>;

export interface MatrixPlan {
  subjects: [SubjectName, OpenSubject][];
  /** Measured operations per concurrency and subject, all rounds together, unless maxSeconds runs out first. */
  operations: Record<number, number>;
  maxSeconds: number;
  rounds: number;
  /** Successful sign-ins cycle through users 1..activeUsers (all signed in once before, so they exist in the help desk). */
  activeUsers: number;
}

/**
 * Every subject at every concurrency, in rounds: within a round the subjects take turns, so load
 * from elsewhere on the machine and drift hit them alike.
 */
export async function runMatrix(
  env: SignInEnvironment,
  target: DirectoryTarget,
  plan: MatrixPlan,
): Promise<MatrixResults> {
  const rounds = new Map<SubjectName, Map<number, LoadResult[]>>(
    plan.subjects.map(([name]) => [name, new Map(CONCURRENCY.map((c) => [c, []]))]),
  );
  for (const concurrency of CONCURRENCY) {
    for (let round = 0; round < plan.rounds; round += 1) {
      for (const [name, open] of plan.subjects) {
        const operations = Math.ceil(plan.operations[concurrency] / plan.rounds);
        rounds
          .get(name)!
          .get(concurrency)!
          .push(
            await measure(
              env,
              target,
              name,
              open,
              { concurrency, operations, maxSeconds: plan.maxSeconds / plan.rounds },
              plan.activeUsers,
            ),
          );
      }
    }
  }
  const results: MatrixResults = new Map();
  for (const [name, byConcurrency] of rounds) {
    results.set(name, new Map([...byConcurrency].map(([c, taken]) => [c, mergeLoads(taken)])));
    for (const r of results.get(name)!.values()) {
      print(
        `  ${ENCRYPTION_NAMES[target.encryption]} ${name.padEnd(27)} c=${String(r.concurrency).padEnd(3)} p50 ${fixed(r.p50)} ms  p99 ${fixed(r.p99)} ms  ${fixed(r.throughput, 0)}/s`,
      );
    }
  }
  return results;
}

async function measure(
  env: SignInEnvironment,
  target: DirectoryTarget,
  name: SubjectName,
  open: OpenSubject,
  options: LoadOptions,
  activeUsers: number,
): Promise<LoadResult> {
  const subject = await open(target, options.concurrency);
  try {
    return await runLoad(async (i, worker) => {
      const login = env.users.uid(1 + (i % activeUsers));
      if (!(await subject.signIn(login, DEFAULT_PASSWORD, worker))) throw new Error(`${name} refused ${login}`);
    }, options);
  } finally {
    await subject.close();
  }
}

export function matrixTable(encryption: Encryption, results: MatrixResults): Table {
  const floor = results.get('floor')!;
  const rows = [...results].flatMap(([name, byConcurrency]) =>
    [...byConcurrency.values()].map((r) => {
      const nest = results.get(NEST_BASELINE)!;
      const passport = results
        .get(name.endsWith('HTTP') ? 'passport-ldapauth HTTP' : 'passport-ldapauth')!
        .get(r.concurrency)!;
      return [
        name,
        r.concurrency,
        r.operations,
        fixed(r.p50),
        fixed(r.p99),
        fixed(r.throughput, 0),
        ratio(r.p50, floor.get(r.concurrency)!.p50),
        ratio(r.throughput, passport.throughput),
        name.endsWith('HTTP') ? ratio(r.throughput, nest.get(r.concurrency)!.throughput) : '',
        name.endsWith('HTTP') ? ratio(nest.get(r.concurrency)!.p50, r.p50) : '',
      ];
    }),
  );
  return {
    title: `Successful sign-in, ${ENCRYPTION_NAMES[encryption]} (10,000-user directory)`,
    columns: [
      'subject',
      'concurrency',
      'sign-ins measured',
      'p50 ms',
      'p99 ms',
      'sign-ins/s',
      'p50 vs floor',
      'throughput vs passport-ldapauth (same level)',
      'HTTP: throughput vs NestJS baseline',
      'HTTP: NestJS baseline p50 / this p50',
    ],
    rows,
  };
}

export function matrixGoals(encryption: Encryption, results: MatrixResults): Goal[] {
  const at = (name: SubjectName, concurrency: number): LoadResult => results.get(name)!.get(concurrency)!;
  const label = ENCRYPTION_NAMES[encryption];
  const p50 = at('ours', 1).p50 / at('floor', 1).p50;
  const strategy = at('ours', 50).throughput / at('passport-ldapauth', 50).throughput;
  const http = at('ours HTTP', 50).throughput / at('passport-ldapauth HTTP', 50).throughput;
  const nest = at('ours HTTP', 50).throughput / at(NEST_BASELINE, 50).throughput;
  const nestP50 = at(NEST_BASELINE, 1).p50 / at('ours HTTP', 1).p50;
  return [
    {
      name: `${label}: p50 at concurrency 1, strategy level`,
      target: '≤ 1.30 × floor',
      measured: `${fixed(p50)} × floor`,
      met: p50 <= 1.3,
    },
    {
      name: `${label}: throughput at concurrency 50, strategy level`,
      target: '≥ 2.00 × passport-ldapauth',
      measured: `${fixed(strategy)} ×`,
      met: strategy >= 2,
    },
    {
      name: `${label}: throughput at concurrency 50, HTTP level`,
      target: '≥ 2.00 × passport-ldapauth over Express',
      measured: `${fixed(http)} ×`,
      met: http >= 2,
    },
    {
      name: `${label}: throughput at concurrency 50, HTTP level, vs passport-ldapauth in NestJS with a DB session`,
      target: '≥ 2.00 × that baseline',
      measured: `${fixed(nest)} ×`,
      met: nest >= 2,
    },
    {
      name: `${label}: p50 at concurrency 1, HTTP level, vs passport-ldapauth in NestJS with a DB session`,
      target: 'baseline p50 / ours ≥ 1.00',
      measured: `${fixed(nestP50)}`,
      met: nestP50 >= 1,
    },
  ];
}
