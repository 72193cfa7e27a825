import { createRequire } from 'node:module';

/** The little of better-sqlite3 the raw baseline uses (the package ships no types, and @types is not a dependency). */
export interface SqliteStatement {
  run(params: unknown[]): unknown;
  all(): unknown[];
  raw(): SqliteStatement;
  pluck(): SqliteStatement;
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  pragma(sql: string): unknown;
  close(): void;
}

type SqliteConstructor = new (path: string, options?: { readonly?: boolean }) => SqliteDatabase;

export const Database = createRequire(import.meta.url)('better-sqlite3') as SqliteConstructor;
