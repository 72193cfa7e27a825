/**
 * The import's candidate lookup on MariaDB, shape by shape (issue 16): EXPLAIN and time of each
 * shape for one batch of 500 entries, against a users table of USERS rows written like the
 * import writes them. Run: node bench/out/bench/sync/candidates-probe.js [users]
 */
import { performance } from 'node:perf_hooks';

import { DataSource } from 'typeorm';

import { startTestApp } from '../../test/support/app.js';
import { createDatabase, startMariaDb } from '../../test/support/mariadb.js';
import { median } from '../lib/stats.js';

const USERS = Number(process.argv[2] ?? 10_000);
const BATCH = 500;
const ROUNDS = 15;
const COLUMNS =
  'id, email, first_name, last_name, job_title, phone, role, status, auth_source, password_hash, ldap_uid, ldap_dn, last_login_at, synced_at, created_at, updated_at';

const uid = (i: number) => `u${String(i).padStart(6, '0')}`;
const dn = (i: number) => `uid=${uid(i)},ou=ou${String(i % 10).padStart(2, '0')},ou=load,dc=example,dc=com`;
const mail = (i: number) => `${uid(i)}@example.com`;
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

type Shape = (q: DataSource['query'], keys: string[][]) => Promise<unknown[]>;

const inList = (column: string, n: number) => `SELECT ${COLUMNS} FROM users WHERE ${column} IN (${marks(n)})`;
const SHAPES: [string, Shape][] = [
  [
    'UNION (main)',
    (q, k) =>
      q(`${inList('ldap_uid', BATCH)} UNION ${inList('ldap_dn', BATCH)} UNION ${inList('email', BATCH)}`, k.flat()),
  ],
  [
    'UNION ALL, rows deduplicated by id in node',
    async (q, k) =>
      dedupe(
        await q(
          `${inList('ldap_uid', BATCH)} UNION ALL ${inList('ldap_dn', BATCH)} UNION ALL ${inList('email', BATCH)}`,
          k.flat(),
        ),
      ),
  ],
  [
    'ids by UNION, then rows by primary key',
    async (q, k) => {
      const ids: { id: number }[] = await q(
        `SELECT id FROM users WHERE ldap_uid IN (${marks(BATCH)}) UNION SELECT id FROM users WHERE ldap_dn IN (${marks(BATCH)}) UNION SELECT id FROM users WHERE email IN (${marks(BATCH)})`,
        k.flat(),
      );
      return ids.length
        ? q(
            `SELECT ${COLUMNS} FROM users WHERE id IN (${marks(ids.length)})`,
            ids.map((r) => r.id),
          )
        : [];
    },
  ],
  [
    'three queries',
    async (q, k) =>
      dedupe([
        ...(await q(inList('ldap_uid', BATCH), k[0])),
        ...(await q(inList('ldap_dn', BATCH), k[1])),
        ...(await q(inList('email', BATCH), k[2])),
      ]),
  ],
];

function dedupe(rows: { id: number }[]): unknown[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

const server = await startMariaDb();
try {
  const url = await createDatabase(server.url, 'probe_candidates');
  const app = await startTestApp(url);
  const ds = app.app.get(DataSource);
  const now = new Date();
  for (let i = 1; i <= USERS; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, USERS - i + 1) }, (_, j) => i + j);
    await ds.query(
      `INSERT INTO users (email, first_name, last_name, role, status, auth_source, ldap_uid, ldap_dn, created_at, updated_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((n) => [mail(n), 'First', `Last ${n}`, 'agent', 'active', 'ldap', `uuid-${n}`, dn(n), now, now]),
    );
  }
  await ds.query('ANALYZE TABLE users');
  for (const [label, start] of [
    ['re-sync (every key matches)', 1],
    ['new users (no key matches)', USERS + 1],
  ] as const) {
    const ids = Array.from({ length: BATCH }, (_, j) => start + j * Math.floor(USERS / BATCH / 2 || 1));
    const keys = [ids.map((n) => `uuid-${n}`), ids.map(dn), ids.map(mail)];
    console.log(`\n== ${USERS} users, batch of ${BATCH}, ${label}`);
    const explain: Record<string, unknown>[] = await ds.query(
      `EXPLAIN ${inList('ldap_uid', BATCH)} UNION ${inList('ldap_dn', BATCH)} UNION ${inList('email', BATCH)}`,
      keys.flat(),
    );
    for (const row of explain)
      console.log(
        `  EXPLAIN ${row.id} ${row.select_type} ${row.table} type=${row.type} key=${row.key} rows=${row.rows} ${row.Extra ?? ''}`,
      );
    const times = new Map<string, number[]>(SHAPES.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, shape] of SHAPES) {
        const t0 = performance.now();
        const rows = await shape(ds.query.bind(ds), keys);
        times.get(name)!.push(performance.now() - t0);
        if (round === 0) console.log(`  ${name}: ${rows.length} rows`);
      }
    }
    for (const [name, samples] of times) console.log(`  ${name.padEnd(45)} median ${median(samples).toFixed(2)} ms`);
  }
  await app.close();
} finally {
  await server.stop();
}
