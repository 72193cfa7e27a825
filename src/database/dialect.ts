/**
 * SQL that differs between the two supported databases. Timestamps are stored in UTC on both
 * (TypeORM writes SQLite datetimes as UTC text, MySQL connects with timezone Z).
 */
export type SqlDialect = 'sqlite' | 'mysql';

/** The dialect of a TypeORM driver type. */
export function dialectOf(driverType: string): SqlDialect {
  return driverType === 'better-sqlite3' || driverType === 'sqlite' ? 'sqlite' : 'mysql';
}

/** `YYYY-MM-DD HH` of a datetime column: the UTC hour it falls in, for GROUP BY. */
export function hourBucket(dialect: SqlDialect, column: string): string {
  return dialect === 'sqlite' ? `substr(${column}, 1, 13)` : `DATE_FORMAT(${column}, '%Y-%m-%d %H')`;
}
