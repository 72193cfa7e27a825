/**
 * LDAP log writes (issue 16): the import's lines (10,000 in calls of 500) and sign-in's single
 * lines, written the way main wrote them before (the ORM's insert, 200 rows a statement) against
 * LdapLogService.write (multi-row INSERTs through one writer) and append (write-behind queue), on
 * the test harness's MariaDB and on SQLite, in the same process and interleaved.
 */
import { performance } from 'node:perf_hooks';

import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

import { LdapLogEntity } from '../src/logs/entities/ldap-log.entity.js';
import { LdapLogService, type LogEntry } from '../src/logs/ldap-log.service.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { sqliteUrl } from '../test/support/databases.js';
import { createDatabase, startMariaDb } from '../test/support/mariadb.js';
import type { Bench } from './lib/bench.js';
import { runLoad } from './lib/load.js';
import { fixed, print, ratio, type Table } from './lib/report.js';
import { median } from './lib/stats.js';

const IMPORT_LINES = 10_000;
const PER_CALL = 500;
const ROUNDS = 3;
const SIGN_INS = { 1: 500, 50: 3000 } as const;

type Way = 'ORM insert, 200 rows a statement (before)' | 'write() (now)' | 'append() + flush (now)';
const WAYS: Way[] = ['ORM insert, 200 rows a statement (before)', 'write() (now)', 'append() + flush (now)'];

function line(i: number): LogEntry {
  return {
    level: 'info',
    event: 'sync.user.created',
    message: `created u${String(i).padStart(6, '0')}@example.com from uid=u${i},ou=ou01,ou=load,dc=example,dc=com`,
    runId: '11111111-1111-4111-8111-111111111111',
    actor: 'admin@example.com',
    details: { dn: `uid=u${i},ou=ou01,ou=load,dc=example,dc=com`, email: `u${i}@example.com` },
  };
}

/** One of the ways, writing the given lines and waiting until they are in the database. */
function writer(app: TestApp, way: Way): (lines: LogEntry[]) => Promise<void> {
  const logs = app.app.get(LdapLogService);
  const orm = app.app.get<Repository<LdapLogEntity>>(getRepositoryToken(LdapLogEntity));
  if (way === 'write() (now)') return (lines) => logs.write(...lines);
  if (way === 'append() + flush (now)') return (lines) => logs.append(...lines);
  return async (lines) => {
    const now = new Date();
    const rows = lines.map((e) => ({
      createdAt: now,
      level: e.level,
      event: e.event,
      message: e.message,
      runId: e.runId ?? null,
      actor: e.actor ?? null,
      details: e.details ? JSON.stringify(e.details) : null,
    }));
    for (let i = 0; i < rows.length; i += 200) await orm.insert(rows.slice(i, i + 200));
  };
}

async function importLines(app: TestApp, way: Way): Promise<number> {
  const write = writer(app, way);
  const started = performance.now();
  for (let i = 0; i < IMPORT_LINES; i += PER_CALL) {
    await write(Array.from({ length: PER_CALL }, (_, j) => line(i + j)));
  }
  await app.app.get(LdapLogService).flush();
  return (performance.now() - started) / 1000;
}

async function measureDatabase(name: string, app: TestApp): Promise<Table[]> {
  const seconds = new Map<Way, number[]>(WAYS.map((w) => [w, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const way of WAYS) seconds.get(way)!.push(await importLines(app, way));
  }
  const before = median(seconds.get(WAYS[0])!);
  const importRows = WAYS.map((way) => {
    const s = median(seconds.get(way)!);
    return [way, fixed(s, 3), fixed(IMPORT_LINES / s, 0), ratio(before, s)];
  });
  const signInRows: (string | number)[][] = [];
  for (const concurrency of [1, 50] as const) {
    const results = new Map<Way, { p50: number; throughput: number }>();
    for (const way of WAYS) {
      const write = writer(app, way);
      results.set(
        way,
        await runLoad((i) => write([{ ...line(i), event: 'login.succeeded' }]), {
          concurrency,
          operations: SIGN_INS[concurrency],
        }),
      );
      await app.app.get(LdapLogService).flush();
    }
    const base = results.get(WAYS[0])!;
    for (const way of WAYS) {
      const r = results.get(way)!;
      signInRows.push([way, concurrency, fixed(r.p50, 3), fixed(r.throughput, 0), ratio(base.p50, r.p50)]);
    }
  }
  print(`  ${name}: import lines ${importRows.map((r) => `${r[0]} ${r[1]} s`).join(', ')}`);
  return [
    {
      title: `${IMPORT_LINES} import log lines in calls of ${PER_CALL}, ${name} (median of ${ROUNDS})`,
      columns: ['way', 's', 'lines/s', 'speed-up vs before'],
      rows: importRows,
    },
    {
      title: `One sign-in log line per call, ${name} (the caller waits for what the way answers)`,
      columns: ['way', 'concurrency', 'p50 ms', 'lines/s', 'p50 speed-up vs before'],
      rows: signInRows,
    },
  ];
}

const bench: Bench = async () => {
  const started = performance.now();
  const mariadb = await startMariaDb();
  const tables: Table[] = [];
  try {
    for (const [name, url] of [
      ['MariaDB', () => createDatabase(mariadb.url, 'bench_logs')],
      ['SQLite', sqliteUrl],
    ] as const) {
      const app = await startTestApp(await url());
      try {
        tables.push(...(await measureDatabase(name, app)));
      } finally {
        await app.close();
      }
    }
  } finally {
    await mariadb.stop();
  }
  return {
    title: 'LDAP log writes',
    tables,
    goals: [],
    notes: [
      'before: the ORM insert main used (Repository.insert, 200 rows a statement), rebuilt here; now: LdapLogService.write (one writer, plain multi-row INSERTs of up to 1,000 rows, callers wait for the database) and append (write-behind queue of 5,000 lines, back-pressure when full; the caller waits only to queue, flush waits for the database).',
      'Import: 10,000 lines of the shape sync.user.created has, 20 calls of 500 (the import hands its lines over a batch at a time), rounds interleaved. Sign-in: one line per call, as LdapAuthService writes login.succeeded; at concurrency 50 write() shares INSERTs among waiting callers.',
      'MariaDB is the test harness throwaway server; everything shares this machine with the other figures of the run.',
    ],
    seconds: (performance.now() - started) / 1000,
  };
};

export default bench;
