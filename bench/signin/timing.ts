import { performance } from 'node:perf_hooks';

import { SignInService } from '../../src/auth/sign-in.service.js';
import type { Encryption } from '../../src/ldap/settings/ldap-settings.types.js';
import { JsonClient } from '../lib/http-client.js';
import { fixed, type Goal, print, type Table } from '../lib/report.js';
import { median, overlap } from '../lib/stats.js';
import type { SignInEnvironment } from './environment.js';
import { ENCRYPTION_NAMES } from './load-matrix.js';

/** Wrong-password samples use users 6001…, each once per level. */
const FIRST_WRONG_USER = 6_001;

export interface TimingResult {
  rows: (string | number)[][];
  goals: Goal[];
}

type Attempt = (login: string, password: string) => Promise<void>;

const WARMUP_ROUNDS = 100;
const QUIET_MS = 3_000;

/** Latencies of unknown-user and wrong-password attempts, in pairs whose order a seeded coin decides (no aliasing with anything periodic). */
async function samplePairs(
  attempt: Attempt,
  level: string,
  firstUser: number,
  users: SignInEnvironment['users'],
  samples: number,
): Promise<{ unknown: number[]; wrong: number[] }> {
  const coin = seeded(7);
  const measured = { unknown: [] as number[], wrong: [] as number[] };
  for (let round = 0; round < WARMUP_ROUNDS + samples; round += 1) {
    const order = coin() < 0.5 ? (['unknown', 'wrong'] as const) : (['wrong', 'unknown'] as const);
    for (const kind of order) {
      const login = kind === 'unknown' ? `nobody-${level}-${round}` : users.uid(firstUser + round);
      const started = performance.now();
      await attempt(login, 'wrong-password');
      if (round >= WARMUP_ROUNDS) measured[kind].push(performance.now() - started);
    }
  }
  return measured;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function levels(env: SignInEnvironment, http: JsonClient): [string, Attempt][] {
  const auth = env.app.app.get(SignInService);
  return [
    [
      'strategy',
      async (login, password) => {
        const outcome = await auth.signIn({ login, password }, '127.0.0.1');
        if (outcome.ok || outcome.reason !== 'wrong-credentials')
          throw new Error(`expected a rejection of ${login}, got ${JSON.stringify(outcome)}`);
      },
    ],
    [
      'HTTP',
      async (login, password) => {
        const status = await http.post('/api/auth/login', { login, password });
        if (status !== 401) throw new Error(`expected 401 for ${login}, got ${status}`);
      },
    ],
  ];
}

/** Unknown user against wrong password, one at a time: does the response time tell whether an account exists? */
export async function unknownVersusWrong(
  env: SignInEnvironment,
  encryption: Encryption,
  samples: number,
): Promise<TimingResult> {
  const http = new JsonClient(env.port, 1);
  const label = ENCRYPTION_NAMES[encryption];
  const result: TimingResult = { rows: [], goals: [] };
  // MariaDB and slapd finish what the previous phase left them (InnoDB purge, log flushes)
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  try {
    for (const [offset, [level, attempt]] of levels(env, http).entries()) {
      const { unknown, wrong } = await samplePairs(
        attempt,
        level,
        FIRST_WRONG_USER + offset * (samples + WARMUP_ROUNDS),
        env.users,
        samples,
      );
      const [mu, mw] = [median(unknown), median(wrong)];
      const { ovl, auc } = overlap(unknown, wrong);
      const spread = Math.max(mu, mw) / Math.min(mu, mw) - 1;
      print(
        `  ${label} ${level}: unknown ${fixed(mu)} ms, wrong password ${fixed(mw)} ms (${fixed(spread * 100, 1)} %), overlap ${fixed(ovl)}`,
      );
      result.rows.push([
        `${label}, ${level} level`,
        samples,
        fixed(mu),
        fixed(mw),
        `${fixed(spread * 100, 1)} %`,
        fixed(ovl),
        fixed(auc),
      ]);
      // the goal is on what a client can time; the strategy level shows where a difference comes from
      if (level === 'HTTP')
        result.goals.push({
          name: `${label}: unknown user vs wrong password, as a client times it (HTTP)`,
          target: 'medians within 10 %',
          measured: `${fixed(spread * 100, 1)} %`,
          met: spread <= 0.1,
        });
    }
  } finally {
    http.close();
  }
  return result;
}

export function timingTable(rows: (string | number)[][]): Table {
  return {
    title: 'Unknown user vs wrong password (concurrency 1, interleaved; the goal applies to the HTTP rows)',
    columns: [
      'where',
      'samples each',
      'unknown median ms',
      'wrong median ms',
      'medians differ by',
      'overlap (1 = same distribution)',
      'P(unknown slower) (0.5 = indistinguishable)',
    ],
    rows,
  };
}
