/**
 * One directory size on one database, in a process of its own so that RSS figures of different
 * sizes are comparable: node --expose-gc one-size.js <users> <mariadb|sqlite> <env.json> <result.json> [memory-only]
 * (env.json is written by bench/sync.bench.ts: the slapd and MariaDB to use). memory-only runs
 * the full import alone, for its memory figures under other node flags.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { LdapSettingsService } from '../../src/ldap/settings/ldap-settings.service.js';
import { EntryReader } from '../../src/ldap/directory/entry-reader.js';
import { createDatabase } from '../../test/support/mariadb.js';
import { print } from '../lib/report.js';
import { type BenchApp, changeEntries, startBenchApp, timedRun, USER_FILTER } from './app-runs.js';
import { timeDump, timeMariaDbUpsert, timeSqliteUpsert } from './baselines.js';
import { withRssSampling } from './rss.js';
import type { DatabaseKind, MemoryOnlyResult, OurRun, SizeEnvironment, SizeResult } from './types.js';

const DUMPS_BEFORE = 2;
const DUMPS_AFTER = 2;
const REPEATS = 3;

function label(env: SizeEnvironment, db: DatabaseKind, what: string): void {
  print(`  [${env.users} users, ${db}] ${what}`);
}

const list = (runs: { ms: number }[]): string => runs.map((r) => r.ms.toFixed(0)).join(', ');

async function dumps(env: SizeEnvironment, attributes: string[], count: number, into: number[]): Promise<void> {
  for (let i = 0; i < count; i += 1) into.push(await timeDump(env, USER_FILTER, attributes));
}

async function ourRuns(
  app: BenchApp,
  env: SizeEnvironment,
  db: DatabaseKind,
): Promise<{ resyncs: OurRun[]; deltas: OurRun[] }> {
  const resyncs: OurRun[] = [];
  for (let i = 0; i < REPEATS; i += 1) resyncs.push(await timedRun(app, { full: true }));
  const deltas: OurRun[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    await changeEntries(env, env.changedDns, `Changed ${db} ${Date.now()}`);
    const delta = await timedRun(app, {});
    if (delta.mode !== 'delta' || delta.counters.updated !== env.changedDns.length) {
      throw new Error(
        `the run after ${env.changedDns.length} changes was ${delta.mode} and updated ${delta.counters.updated}`,
      );
    }
    deltas.push(delta);
  }
  label(
    env,
    db,
    `re-sync ${list(resyncs)} ms; delta ${list(deltas)} ms (${deltas.map((d) => d.entries).join(', ')} entries); baselines…`,
  );
  return { resyncs, deltas };
}

async function upserts(
  env: SizeEnvironment,
  db: DatabaseKind,
  databaseUrl: string,
): Promise<{ ms: number[]; rows: number }> {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < REPEATS; i += 1) {
    const upsert =
      db === 'mariadb'
        ? await timeMariaDbUpsert(databaseUrl, `bench_raw_${randomBytes(4).toString('hex')}`)
        : timeSqliteUpsert(databaseUrl.slice('sqlite:'.length), env.scratchDir);
    ms.push(upsert.ms);
    rows = upsert.rows;
  }
  return { ms, rows };
}

async function measure(
  app: BenchApp,
  env: SizeEnvironment,
  db: DatabaseKind,
  databaseUrl: string,
): Promise<SizeResult> {
  const attributes = [...EntryReader.for(await app.t.app.get(LdapSettingsService).get()).attributes];
  const dumpMs: number[] = [];
  await dumps(env, attributes, DUMPS_BEFORE, dumpMs);
  label(env, db, `T_dump ${dumpMs.map((ms) => ms.toFixed(0)).join(', ')} ms; full import…`);
  const { result: full, rss } = await withRssSampling(() => timedRun(app, { full: true }));
  label(env, db, `full import ${full.ms.toFixed(0)} ms, RSS +${rss.growthMb.toFixed(1)} MB; unchanged re-sync, delta…`);
  const { resyncs, deltas } = await ourRuns(app, env, db);
  await dumps(env, attributes, DUMPS_AFTER, dumpMs);
  const upsert = await upserts(env, db, databaseUrl);
  return { users: env.users, db, dumpMs, upsertMs: upsert.ms, upsertRows: upsert.rows, full, resyncs, deltas, rss };
}

async function memoryOnly(app: BenchApp, env: SizeEnvironment, db: DatabaseKind): Promise<MemoryOnlyResult> {
  const { result, rss } = await withRssSampling(() => timedRun(app, { full: true }));
  label(
    env,
    db,
    `full import ${result.ms.toFixed(0)} ms, RSS +${rss.growthMb.toFixed(1)} MB with ${process.execArgv.join(' ')}`,
  );
  return {
    users: env.users,
    db,
    nodeFlags: process.execArgv.filter((flag) => flag !== '--expose-gc'),
    ms: result.ms,
    rss,
  };
}

async function main(): Promise<void> {
  const [usersArg, dbArg, envPath, resultPath, mode] = process.argv.slice(2);
  const env = JSON.parse(readFileSync(envPath, 'utf8')) as SizeEnvironment;
  const db = dbArg as DatabaseKind;
  if (Number(usersArg) !== env.users || !['mariadb', 'sqlite'].includes(db))
    throw new Error('usage: one-size.js <users> <mariadb|sqlite> <env.json> <result.json> [memory-only]');
  const name = `bench_sync_${env.users}_${randomBytes(4).toString('hex')}`;
  const databaseUrl =
    db === 'mariadb' ? await createDatabase(env.mariadbUrl, name) : `sqlite:${join(env.scratchDir, `${name}.sqlite`)}`;
  const app = await startBenchApp(env, databaseUrl);
  try {
    const result = mode === 'memory-only' ? await memoryOnly(app, env, db) : await measure(app, env, db, databaseUrl);
    writeFileSync(resultPath, JSON.stringify(result));
  } finally {
    await app.close();
  }
}

await main();
// a pool or timer left by the app must not keep the child alive
process.exit(0);
