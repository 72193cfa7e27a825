import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';

import { createConnection, type RowDataPacket } from 'mysql2/promise';

import { Database } from './sqlite.js';
import type { SizeEnvironment } from './types.js';

const PAGE = 500;
const ROWS_PER_STATEMENT = 500;
const COLUMNS = [
  'email',
  'first_name',
  'last_name',
  'job_title',
  'phone',
  'role',
  'status',
  'auth_source',
  'ldap_uid',
  'ldap_dn',
  'synced_at',
  'created_at',
  'updated_at',
];
const UPDATED = COLUMNS.filter((c) => !['email', 'created_at'].includes(c));
type Row = unknown[];

/**
 * T_dump: `ldapsearch -x -H … -D … -w … -b <scope> -E pr=500/noprompt '(objectClass=inetOrgPerson)' <attributes> > /dev/null`,
 * timed from spawn to exit.
 */
export async function timeDump(env: SizeEnvironment, filter: string, attributes: string[]): Promise<number> {
  const { url, serviceDn, servicePassword } = env.ldap;
  const args = [
    '-x',
    '-H',
    url,
    '-D',
    serviceDn,
    '-w',
    servicePassword,
    '-b',
    env.containerDn,
    '-E',
    `pr=${PAGE}/noprompt`,
    filter,
    ...attributes,
  ];
  const devNull = openSync('/dev/null', 'w');
  try {
    const started = process.hrtime.bigint();
    const child = spawn('ldapsearch', args, { stdio: ['ignore', devNull, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) =>
      child.once('error', reject).once('close', resolve),
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (code !== 0) throw new Error(`ldapsearch exited with ${code}: ${stderr}`);
    return ms;
  } finally {
    closeSync(devNull);
  }
}

function mysqlOptions(url: string): { host: string; port: number; user: string; password: string; database?: string } {
  const u = new URL(url);
  const database = u.pathname.replace(/^\//, '') || undefined;
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
  };
}

/**
 * T_upsert on MariaDB: the rows the import wrote, upserted with raw mysql2 into an empty table
 * created LIKE the app's users table (same columns and indexes), 500 rows per multi-row
 * INSERT … ON DUPLICATE KEY UPDATE, autocommit. Only the upsert statements are timed.
 */
export async function timeMariaDbUpsert(appDbUrl: string, rawDbName: string): Promise<{ ms: number; rows: number }> {
  const options = mysqlOptions(appDbUrl);
  const conn = await createConnection({ ...options, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
  try {
    const [found] = await conn.query<RowDataPacket[]>(
      "SELECT email, first_name, last_name, job_title, phone, role, status, auth_source, ldap_uid, ldap_dn FROM users WHERE auth_source = 'ldap' ORDER BY id",
    );
    const rows = found.map((r) => Object.values(r));
    await conn.query(`CREATE DATABASE \`${rawDbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.query(`CREATE TABLE \`${rawDbName}\`.users LIKE \`${options.database}\`.users`);
    await conn.query(`USE \`${rawDbName}\``);
    const sql = `INSERT INTO users (${COLUMNS.join(', ')}) VALUES ? ON DUPLICATE KEY UPDATE ${UPDATED.map((c) => `${c} = VALUES(${c})`).join(', ')}`;
    const started = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const now = new Date();
      await conn.query(sql, [rows.slice(i, i + ROWS_PER_STATEMENT).map((row): Row => [...row, now, now, now])]);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    await conn.query(`DROP DATABASE \`${rawDbName}\``);
    return { ms, rows: rows.length };
  } finally {
    await conn.end();
  }
}

/**
 * The same on SQLite with raw better-sqlite3: a new file with the app's users table and indexes
 * (their CREATE statements copied), WAL as the app has it, 500 rows per INSERT … ON CONFLICT DO
 * UPDATE, autocommit.
 */
export function timeSqliteUpsert(appDbPath: string, scratchDir: string): { ms: number; rows: number } {
  const app = new Database(appDbPath, { readonly: true });
  const rows = app
    .prepare(
      "SELECT email, first_name, last_name, job_title, phone, role, status, auth_source, ldap_uid, ldap_dn FROM users WHERE auth_source = 'ldap' ORDER BY id",
    )
    .raw()
    .all() as Row[];
  const schema = app
    .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'users' AND sql IS NOT NULL ORDER BY type DESC")
    .pluck()
    .all() as string[];
  app.close();
  const raw = new Database(join(scratchDir, `raw-upsert-${randomBytes(4).toString('hex')}.sqlite`));
  try {
    raw.pragma('journal_mode = WAL');
    schema.forEach((sql) => raw.exec(sql));
    const placeholders = `(${COLUMNS.map(() => '?').join(', ')})`;
    const statement = (count: number) =>
      raw.prepare(
        `INSERT INTO users (${COLUMNS.join(', ')}) VALUES ${Array(count).fill(placeholders).join(', ')} ON CONFLICT (ldap_uid) DO UPDATE SET ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}`,
      );
    const started = process.hrtime.bigint();
    const full = statement(ROWS_PER_STATEMENT);
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
      (chunk.length === ROWS_PER_STATEMENT ? full : statement(chunk.length)).run(
        chunk.flatMap((row) => [...row, now, now, now]),
      );
    }
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, rows: rows.length };
  } finally {
    raw.close();
  }
}
