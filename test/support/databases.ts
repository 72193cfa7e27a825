import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DATABASE_PREFIX_ENV, MYSQL_URL_ENV } from './global-setup.js';
import { createDatabase } from './mariadb.js';
import { onProcessExit } from './processes.js';

export type TestDatabaseName = 'sqlite' | 'mariadb';

export interface TestDatabase {
  name: TestDatabaseName;
  /** A fresh, empty database on every call: `sqlite:/abs/path.sqlite` or `mysql://…/db`. */
  url(): Promise<string>;
}

let sqliteDir: string | undefined;

// Random, not a counter: every test file gets its own copy of this module, in the same worker.
function nextName(): string {
  return `${process.env[DATABASE_PREFIX_ENV] ?? 'helpdesk_test_'}${randomBytes(6).toString('hex')}`;
}

export async function sqliteUrl(): Promise<string> {
  if (!sqliteDir) {
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-sqlite-'));
    onProcessExit(() => rmSync(dir, { recursive: true, force: true }));
    sqliteDir = dir;
  }
  return `sqlite:${join(sqliteDir, `${nextName()}.sqlite`)}`;
}

export async function mariaDbUrl(): Promise<string> {
  const server = process.env[MYSQL_URL_ENV];
  if (!server)
    throw new Error(
      `${MYSQL_URL_ENV} is not set: run through the jest "integration" project, whose global setup starts MariaDB`,
    );
  return createDatabase(server, nextName());
}

/** Both supported databases, for `describe.each(testDatabases())('… on $name', ({ url }) => …)`. */
export function testDatabases(): TestDatabase[] {
  return [
    { name: 'sqlite', url: sqliteUrl },
    { name: 'mariadb', url: mariaDbUrl },
  ];
}
