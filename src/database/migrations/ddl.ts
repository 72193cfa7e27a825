import { QueryRunner } from 'typeorm';

/**
 * The two dialects we run on differ in a handful of words; migrations are written
 * once with these and stay readable SQL.
 */
export function dialect(queryRunner: QueryRunner) {
  const mysql = queryRunner.connection.options.type === 'mysql' || queryRunner.connection.options.type === 'mariadb';
  return {
    mysql,
    id: mysql ? 'INT NOT NULL AUTO_INCREMENT PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT',
    datetime: mysql ? 'DATETIME(3)' : 'DATETIME',
    now: mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))",
    table: mysql ? 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci' : '',
    /** MySQL indexes at most 3072 bytes: long utf8mb4 columns are indexed by prefix. */
    prefix: (column: string, length: number) => (mysql ? `${column}(${length})` : column),
  };
}
