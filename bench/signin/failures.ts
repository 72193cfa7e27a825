import { performance } from 'node:perf_hooks';

import type { Encryption } from '../../src/ldap/settings/ldap-settings.types.js';
import { collectGarbage } from '../lib/bench.js';
import { JsonClient } from '../lib/http-client.js';
import { runLoad } from '../lib/load.js';
import { fixed, type Goal, print, type Table } from '../lib/report.js';
import type { SignInEnvironment } from './environment.js';
import { ENCRYPTION_NAMES } from './load-matrix.js';

const MB = 1024 * 1024;
const SETTLE_LIMIT_MS = 15_000;

export interface FailurePlan {
  unknown: number;
  wrong: number;
  /** Sign-ins while slapd is stopped (SIGSTOP): every one waits for the timeout. */
  paused: number;
}

type Kind = keyof FailurePlan;
const CONCURRENCY: Record<Kind, number> = { unknown: 10, wrong: 10, paused: 50 };
/** Wrong-password sign-ins use users 5001… (each once), apart from the load's users. */
const FIRST_WRONG_USER = 5_001;

export interface FailureResult {
  table: Table;
  goals: Goal[];
}

interface Measurement {
  socketsBefore: number;
  peakSockets: number;
  socketsAfter: number;
  /** Until the socket count was back within ±2; undefined when it was not within SETTLE_LIMIT_MS. */
  settledMs: number | undefined;
  rssBefore: number;
  rssAfter: number;
  seconds: number;
}

type Attempts = (kind: Kind, count: number) => Promise<void>;

/** Failed sign-ins over HTTP: open sockets to slapd and this process's RSS before, during and after. */
export async function failures(
  env: SignInEnvironment,
  encryption: Encryption,
  plan: FailurePlan,
): Promise<FailureResult> {
  const client = new JsonClient(env.port, Math.max(...Object.values(CONCURRENCY)));
  try {
    const attempts = failedSignIns(env, client);
    // a tenth of each kind first, so the pools, caches and JIT are where they stay
    for (const kind of KINDS) await attempts(kind, Math.ceil(plan[kind] / 10));
    const measured = await measure(env, attempts, plan);
    return failureReport(ENCRYPTION_NAMES[encryption], plan, measured);
  } finally {
    client.close();
  }
}

const KINDS = ['unknown', 'wrong', 'paused'] as const;

function failedSignIns(env: SignInEnvironment, client: JsonClient): Attempts {
  let wrongUser = FIRST_WRONG_USER;
  return async (kind, count) => {
    if (kind === 'paused') await env.ldap.pause();
    try {
      await runLoad(
        async (i) => {
          const body =
            kind === 'unknown'
              ? { login: `nobody-${i}`, password: 'whatever-1' }
              : { login: env.users.uid(wrongUser++), password: 'wrong-password' };
          const status = await client.post('/api/auth/login', body);
          if (status !== 401) throw new Error(`failed sign-in (${kind}) answered ${status}`);
        },
        { concurrency: CONCURRENCY[kind], operations: count, warmup: 0 },
      );
    } finally {
      if (kind === 'paused') env.ldap.resume();
    }
  };
}

async function measure(env: SignInEnvironment, attempts: Attempts, plan: FailurePlan): Promise<Measurement> {
  await settle(env, undefined);
  await collectGarbage();
  const [socketsBefore, rssBefore] = [await env.ldap.connectionCount(), process.memoryUsage().rss];
  const peak = watchPeak(env);
  const started = performance.now();
  for (const kind of KINDS) await attempts(kind, plan[kind]);
  const seconds = (performance.now() - started) / 1000;
  const peakSockets = await peak.stop();
  const settledMs = await settle(env, socketsBefore);
  await collectGarbage();
  const [socketsAfter, rssAfter] = [await env.ldap.connectionCount(), process.memoryUsage().rss];
  return { socketsBefore, peakSockets, socketsAfter, settledMs, rssBefore, rssAfter, seconds };
}

function failureReport(label: string, plan: FailurePlan, m: Measurement): FailureResult {
  const growth = (m.rssAfter - m.rssBefore) / MB;
  const total = plan.unknown + plan.wrong + plan.paused;
  const change = m.socketsAfter - m.socketsBefore;
  const settled =
    m.settledMs === undefined
      ? `not back within ±2 in ${SETTLE_LIMIT_MS / 1000} s`
      : `back within ±2 after ${fixed(m.settledMs / 1000, 1)} s`;
  print(
    `  ${label}: ${total} failures in ${fixed(m.seconds, 1)} s; sockets ${m.socketsBefore} → peak ${m.peakSockets} → ${m.socketsAfter}; RSS ${fixed(growth, 1)} MB`,
  );
  return {
    table: {
      title: `${total} failed sign-ins over HTTP, ${label}: ${plan.unknown} unknown users, ${plan.wrong} wrong passwords, ${plan.paused} with slapd stopped (SIGSTOP)`,
      columns: ['measure', 'before', 'peak', 'after', 'change'],
      rows: [
        ['sockets open to slapd', m.socketsBefore, m.peakSockets, m.socketsAfter, `${change} (${settled})`],
        [
          'process RSS, after gc (MB)',
          fixed(m.rssBefore / MB, 1),
          '',
          fixed(m.rssAfter / MB, 1),
          `${fixed(growth, 1)} MB`,
        ],
        ['wall time (s)', '', '', fixed(m.seconds, 1), ''],
      ],
    },
    goals: [
      {
        name: `${label}: sockets after ${total} failures`,
        target: 'within ±2 of before',
        measured: `${change}`,
        met: Math.abs(change) <= 2,
      },
      {
        name: `${label}: RSS growth after ${total} failures`,
        target: '≤ 5 MB',
        measured: `${fixed(growth, 1)} MB`,
        met: growth <= 5,
      },
    ],
  };
}

/** Waits until the socket count is within ±2 of `target` (or merely stable when undefined); how long that took, undefined if it did not happen. */
async function settle(env: SignInEnvironment, target: number | undefined): Promise<number | undefined> {
  const started = performance.now();
  let last = -1;
  for (;;) {
    const count = await env.ldap.connectionCount();
    if (target === undefined ? count === last : Math.abs(count - target) <= 2) return performance.now() - started;
    if (performance.now() - started > SETTLE_LIMIT_MS) return undefined;
    last = count;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function watchPeak(env: SignInEnvironment): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await env.ldap.connectionCount());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
