import { createRequire } from 'node:module';

import { MAX_PARAMETERS, multiRowInserts } from './multi-row-insert.js';

interface SqliteStatement {
  run(...parameters: unknown[]): unknown;
  all(): unknown[];
}
interface SqliteDatabase {
  exec(source: string): unknown;
  prepare(source: string): SqliteStatement;
  close(): unknown;
}
// better-sqlite3 ships no types of its own (TypeORM's driver uses it the same way).
const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => SqliteDatabase;

describe('multiRowInserts', () => {
  it('writes one statement of positional marks, names quoted the dialect’s way', () => {
    const rows = [
      [1, 'a'],
      [2, null],
    ];
    expect(multiRowInserts('sqlite', 'ldap_logs', ['id', 'level'], rows)).toEqual([
      { sql: 'INSERT INTO "ldap_logs" ("id", "level") VALUES (?, ?), (?, ?)', parameters: [1, 'a', 2, null] },
    ]);
    expect(multiRowInserts('mysql', 'ldap_logs', ['id', 'level'], rows)).toEqual([
      { sql: 'INSERT INTO `ldap_logs` (`id`, `level`) VALUES (?, ?), (?, ?)', parameters: [1, 'a', 2, null] },
    ]);
  });

  it('doubles a quote inside a name', () => {
    expect(multiRowInserts('sqlite', 'a"b', ['c`d'], [[1]])[0].sql).toBe('INSERT INTO "a""b" ("c`d") VALUES (?)');
    expect(multiRowInserts('mysql', 'a"b', ['c`d'], [[1]])[0].sql).toBe('INSERT INTO `a"b` (`c``d`) VALUES (?)');
  });

  it('splits rows between statements at the dialect’s placeholder limit, in order, no row split', () => {
    const columns = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (const dialect of ['sqlite', 'mysql'] as const) {
      const perStatement = Math.floor(MAX_PARAMETERS[dialect] / columns.length);
      const rows = Array.from({ length: perStatement * 2 + 3 }, (_, i) => columns.map(() => i));
      const statements = multiRowInserts(dialect, 't', columns, rows);
      expect(statements.map((s) => s.parameters.length / columns.length)).toEqual([perStatement, perStatement, 3]);
      expect(statements.every((s) => s.parameters.length <= MAX_PARAMETERS[dialect])).toBe(true);
      expect(JSON.stringify(statements.flatMap((s) => s.parameters))).toBe(JSON.stringify(rows.flat()));
    }
  });

  it('gives no statement for no rows, and refuses no columns or a row of the wrong length', () => {
    expect(multiRowInserts('sqlite', 't', ['a'], [])).toEqual([]);
    expect(() => multiRowInserts('sqlite', 't', [], [[]])).toThrow(RangeError);
    expect(() => multiRowInserts('mysql', 't', ['a', 'b'], [[1, 2], [3]])).toThrow(
      'row 1 has 1 values for 2 columns of t',
    );
  });

  it('runs on SQLite as written, past one statement’s placeholders', () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE "order" ("key" INTEGER PRIMARY KEY, "group" TEXT, "select" TEXT)');
      const rows = Array.from({ length: MAX_PARAMETERS.sqlite / 3 + 10 }, (_, i) => [i, `g${i}`, i % 2 ? null : 's']);
      const statements = multiRowInserts('sqlite', 'order', ['key', 'group', 'select'], rows);
      expect(statements).toHaveLength(2);
      for (const { sql, parameters } of statements) db.prepare(sql).run(...parameters);
      const stored = db.prepare('SELECT "key", "group", "select" FROM "order" ORDER BY "key"').all();
      expect(JSON.stringify(stored)).toBe(JSON.stringify(rows.map(([key, group, select]) => ({ key, group, select }))));
    } finally {
      db.close();
    }
  });
});
