import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { DataSourceOptions } from 'typeorm';

import { MIGRATIONS } from './migrations/index.js';

/**
 * SQLite (better-sqlite3) for `sqlite:<path>`, MySQL/MariaDB (mysql2) for `mysql://`.
 * The schema belongs to migrations: never `synchronize`. No entities: the application registers
 * each with the module that owns it (TypeOrmModule.forFeature, autoLoadEntities); the TypeORM CLI
 * (ormconfig.ts) finds them in the build.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  const common = {
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (databaseUrl.startsWith('sqlite:')) {
    const database = databaseUrl.slice('sqlite:'.length);
    if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database,
      // WAL lets several processes on one host share the file; busy_timeout waits out a writer.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 10000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    url: databaseUrl.replace(/^mariadb:/, 'mysql:'),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    // trace: mysql2 captures a stack trace per query for its errors (6 % of a sign-in's CPU, issue 16);
    // TypeORM's QueryFailedError keeps the caller's stack without it
    extra: { connectionLimit: 10, trace: false },
  };
}
