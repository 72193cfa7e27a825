import type { SqlDialect } from './dialect.js';

/** One statement: SQL with positional `?` marks (the same in mysql2 and better-sqlite3) and its values in order. */
export interface SqlStatement {
  sql: string;
  parameters: unknown[];
}

/**
 * Placeholders one statement may hold: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32,766 since 3.32,
 * https://www.sqlite.org/limits.html), MariaDB's 65,535 per prepared statement (ER_PS_MANY_PARAM).
 */
export const MAX_PARAMETERS: Readonly<Record<SqlDialect, number>> = { sqlite: 32_766, mysql: 65_535 };

/**
 * Multi-row INSERTs of `rows` into `table`: each row one value per column, in `columns` order,
 * already converted for the driver. As few statements as the dialect's placeholder limit allows
 * (rows in order, none split), names quoted the dialect's way; no statement for no rows. A plain
 * statement with positional parameters: an ORM's query builder spends more time on a few hundred
 * rows' named parameters than the database spends on the insert (bench/sync). Throws a RangeError
 * when there is no column, or a row's length is not the columns'.
 */
export function multiRowInserts(
  dialect: SqlDialect,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): SqlStatement[] {
  if (columns.length === 0) throw new RangeError(`an INSERT into ${table} needs at least one column`);
  const head = `INSERT INTO ${quote(dialect, table)} (${columns.map((c) => quote(dialect, c)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS[dialect] / columns.length));
  const statements: SqlStatement[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    for (const [i, row] of chunk.entries()) {
      if (row.length !== columns.length)
        throw new RangeError(`row ${start + i} has ${row.length} values for ${columns.length} columns of ${table}`);
      parameters.push(...row);
    }
    statements.push({ sql: head + chunk.map(() => tuple).join(', '), parameters });
  }
  return statements;
}

/** An identifier quoted as the dialect reads it: "name" in SQLite, `name` in MariaDB, its own quote doubled. */
function quote(dialect: SqlDialect, name: string): string {
  const mark = dialect === 'sqlite' ? '"' : '`';
  return `${mark}${name.split(mark).join(mark + mark)}${mark}`;
}
