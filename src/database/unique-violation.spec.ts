import { createRequire } from 'node:module';

import { isUniqueViolation } from './unique-violation.js';

interface SqliteDatabase {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  close(): unknown;
}
// better-sqlite3 ships no types of its own (TypeORM's driver uses it the same way).
const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => SqliteDatabase;

/** The error better-sqlite3 throws for a statement, as TypeORM's QueryFailedError wraps it (driverError). */
function failureOf(sql: string): unknown {
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)');
    db.exec('CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id))');
    db.exec("INSERT INTO users (id, email) VALUES (1, 'a@example.test')");
    db.exec(sql);
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error(`${sql} did not fail`);
}

describe('isUniqueViolation', () => {
  it.each([
    ['a duplicate unique key', "INSERT INTO users (id, email) VALUES (2, 'a@example.test')"],
    ['a duplicate primary key', "INSERT INTO users (id, email) VALUES (1, 'b@example.test')"],
  ])('is true for %s, bare or wrapped', (_name, sql) => {
    const error = failureOf(sql);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(Object.assign(new Error('query failed'), { driverError: error }))).toBe(true);
  });

  it.each([
    ['a NOT NULL constraint', 'INSERT INTO users (id, email) VALUES (2, NULL)'],
    ['a foreign key', 'INSERT INTO sessions (id, user_id) VALUES (1, 99)'],
    ['a missing table', "INSERT INTO users_away (email) VALUES ('c@example.test')"],
    ['a syntax error', 'INSERT INTO'],
  ])('is false for %s', (_name, sql) => {
    const error = failureOf(sql);
    expect(isUniqueViolation(error)).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error('query failed'), { driverError: error }))).toBe(false);
  });

  it('is false for what is no database error', () => {
    expect(isUniqueViolation(new Error('ER_DUP_ENTRY'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation('SQLITE_CONSTRAINT_UNIQUE')).toBe(false);
  });
});
