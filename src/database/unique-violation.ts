/** The SQLite extended result codes of a duplicate key (https://www.sqlite.org/rescode.html#constraint_unique). */
const SQLITE_DUPLICATE = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
/** MariaDB/MySQL error 1062 ER_DUP_ENTRY (MariaDB error codes reference). */
const MYSQL_DUPLICATE = 'ER_DUP_ENTRY';

/**
 * Whether a database error says another write took the same unique key first (email, stable id,
 * DN): better-sqlite3's SQLITE_CONSTRAINT_UNIQUE/_PRIMARYKEY or mysql2's ER_DUP_ENTRY, read from the
 * error or from the driver error TypeORM's QueryFailedError keeps. Any other error, a NOT NULL or
 * foreign-key constraint included, is not one.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SQLITE_DUPLICATE.has(code) || code === MYSQL_DUPLICATE)) return true;
    e = (e as { driverError?: unknown }).driverError;
  }
  return false;
}
