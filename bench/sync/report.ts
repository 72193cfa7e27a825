import type { BenchReport, Table } from '../lib/report.js';
import { fixed } from '../lib/report.js';
import { CAPPED_NOTE, INDEXED_NOTE, NOTES, UNINDEXED_NOTE } from './notes.js';
import { type Figures, figuresOf, medianRun } from './figures.js';
import { syncGoals } from './goals.js';
import { PROBES } from './probes.js';
import type { MemoryOnlyResult, OurRun, SizeResult, SyncResults } from './types.js';

const PEERS: [string, number, string][] = [
  ['Keycloak (LDAP user federation, full sync)', 5, 'keycloak#21146'],
  ['authentik (LDAP source sync)', 9.5, 'authentik#6929'],
  ['GLPI (LDAP import)', 0.5, 'glpi#8819'],
];
const s = (ms: number): string => fixed(ms / 1000, 2);
const dbName = (db: SizeResult['db']): string => (db === 'mariadb' ? 'MariaDB' : 'SQLite');
const users = (n: number): string => n.toLocaleString('en-US');
const head = (f: { users: number; db: SizeResult['db'] }): string[] => [users(f.users), dbName(f.db)];

function fullTable(all: Figures[]): Table {
  return {
    title: 'Full import into an empty database (s)',
    columns: [
      'users',
      'database',
      'T_dump',
      'T_upsert',
      'T_dump + T_upsert',
      'ours',
      'ours / (T_dump + T_upsert)',
      'users/s',
    ],
    rows: all.map((f) => [
      ...head(f),
      s(f.dump),
      s(f.upsert),
      s(f.floor),
      s(f.full),
      `${fixed(f.full / f.floor)} ×`,
      fixed(f.usersPerSecond, 0),
    ]),
  };
}

function resyncTable(all: Figures[]): Table {
  return {
    title:
      'Unchanged re-sync, a full pass (s, median of 3); comparison = time in the compare step (candidate queries + planning), measured',
    columns: [
      'users',
      'database',
      'T_dump',
      'ours',
      'ours / T_dump',
      'comparison',
      'ours − T_dump',
      '(ours − comparison) / T_dump',
    ],
    rows: all.map((f) => [
      ...head(f),
      s(f.dump),
      s(f.resync),
      `${fixed(f.resync / f.dump)} ×`,
      s(f.comparison),
      s(f.resync - f.dump),
      `${fixed((f.resync - f.comparison) / f.dump)} ×`,
    ]),
  };
}

function deltaTable(all: Figures[], indexed: boolean): Table {
  const slapd = indexed ? 'slapd with index modifyTimestamp eq' : 'slapd WITHOUT a modifyTimestamp index';
  return {
    title: `Delta run after 10 changed entries (s, median of 3; ${slapd})`,
    columns: [
      'users',
      'database',
      'entries returned',
      'delta',
      'full re-sync',
      'delta / full re-sync',
      'full import',
      'delta / full import',
    ],
    rows: all.map((f) => [
      ...head(f),
      f.deltaEntries.join(', '),
      s(f.delta),
      s(f.resync),
      `${fixed((100 * f.delta) / f.resync, 1)} %`,
      s(f.full),
      `${fixed((100 * f.delta) / f.full, 1)} %`,
    ]),
  };
}

function memoryRow(r: SizeResult | MemoryOnlyResult, flags: string): string[] {
  const { rss } = r;
  return [
    ...head(r),
    flags,
    fixed(rss.beforeMb, 1),
    fixed(rss.peakMb, 1),
    fixed(rss.growthMb, 1),
    `${fixed(rss.atPeak.heapUsed, 0)} / ${fixed(rss.atPeak.heapTotal, 0)}`,
    fixed(rss.retainedMb, 1),
    String(rss.samples),
  ];
}

function rssTable(results: SyncResults): Table {
  return {
    title:
      'Memory of the importing process during the full import (MB; RSS sampled every 50 ms, a fresh process per size)',
    columns: [
      'users',
      'database',
      'node flags',
      'RSS before (after GC)',
      'RSS peak',
      'RSS growth',
      'heap used / total at the peak',
      'heap kept after the run (after GC)',
      'samples',
    ],
    rows: [
      ...results.sizes.map((r) => memoryRow(r, '(none)')),
      ...results.memory.map((r) => memoryRow(r, `${r.nodeFlags.join(' ')} (import took ${s(r.ms)} s)`)),
    ],
  };
}

function cpuTable(results: SizeResult[]): Table {
  const runs = results.flatMap((r): [string, string, OurRun][] => [
    [users(r.users), `${dbName(r.db)}, full import`, r.full],
    [users(r.users), `${dbName(r.db)}, re-sync`, medianRun(r.resyncs)],
    [users(r.users), `${dbName(r.db)}, delta`, medianRun(r.deltas)],
  ]);
  return {
    title: 'CPU time per process during a run (s; 2 cores for all of them, so wall time ≥ total / 2)',
    columns: ['users', 'run', 'wall', 'node (app)', 'MariaDB', 'slapd', 'total'],
    rows: runs.map(([n, name, run]) => [
      n,
      name,
      s(run.ms),
      s(run.cpu.node),
      s(run.cpu.mariadb),
      s(run.cpu.slapd),
      s(run.cpu.node + run.cpu.mariadb + run.cpu.slapd),
    ]),
  };
}

function breakdownTables(results: SizeResult[]): Table[] {
  return (['mariadb', 'sqlite'] as const).flatMap((db) => {
    const mine = results.filter((r) => r.db === db);
    if (mine.length === 0) return [];
    const k = (r: SizeResult): string => `${r.users / 1000}k`;
    const runs = mine.flatMap((r): [string, OurRun][] => [
      [`full ${k(r)}`, r.full],
      [`re-sync ${k(r)}`, medianRun(r.resyncs)],
      [`delta ${k(r)}`, medianRun(r.deltas)],
    ]);
    return [
      {
        title: `Where the time goes, ${dbName(db)} (s of wall time inside each step; nested steps are inside their parents, and the next LDAP page is read while a batch is written)`,
        columns: ['step', ...runs.map(([name]) => name)],
        rows: [
          ['whole run', ...runs.map(([, run]) => s(run.ms))],
          ...PROBES.map(([label]) => [label, ...runs.map(([, run]) => s(run.breakdown[label] ?? 0))]),
        ],
      },
    ];
  });
}

function peersTable(all: Figures[]): Table {
  return {
    title:
      'Users per second of a full import, next to figures peers published (context, not a baseline: other machines, other directories)',
    columns: ['importer', 'users/s', 'source'],
    rows: [
      ...all.map((f) => [`ours, ${users(f.users)} users, ${dbName(f.db)}`, fixed(f.usersPerSecond, 0), 'this run']),
      ...PEERS.map(([name, rate, source]) => [name, `about ${rate}`, source]),
    ],
  };
}

export function syncReport(results: SyncResults, seconds: number): BenchReport {
  const all = results.sizes.map(figuresOf);
  return {
    title: 'Sync',
    tables: [
      fullTable(all),
      resyncTable(all),
      deltaTable(all, results.modifyTimestampIndexed),
      rssTable(results),
      cpuTable(results.sizes),
      ...breakdownTables(results.sizes),
      peersTable(all),
    ],
    goals: syncGoals(all, results.modifyTimestampIndexed),
    notes: [
      ...NOTES,
      results.modifyTimestampIndexed ? INDEXED_NOTE : UNINDEXED_NOTE,
      ...(results.memory.length > 0 ? [CAPPED_NOTE] : []),
    ],
    seconds,
  };
}
