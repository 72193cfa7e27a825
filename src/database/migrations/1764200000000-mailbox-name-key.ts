import { MigrationInterface, QueryRunner } from 'typeorm';

import { mailboxNameKey } from '../../mailboxes/mailbox-name-key.js';

/**
 * Mailbox names unique regardless of case on both databases: SQLite compared them exactly
 * ("Support" and "support" both stored), MariaDB by its collation (case and accents ignored).
 * A name_key column (see mailboxNameKey) takes the unique index. A name that now collides with an
 * earlier mailbox's (SQLite only) gets its id appended, "support (7)", so no mailbox is lost.
 */
export class MailboxNameKey1764200000000 implements MigrationInterface {
  name = 'MailboxNameKey1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mailboxes ADD COLUMN name_key VARCHAR(64) NULL');
    const rows: { id: number; name: string }[] = await queryRunner.query('SELECT id, name FROM mailboxes ORDER BY id');
    const taken = new Set<string>();
    for (const row of rows) {
      const name = freeName(row.name, row.id, taken);
      taken.add(mailboxNameKey(name));
      await queryRunner.query('UPDATE mailboxes SET name = ?, name_key = ? WHERE id = ?', [
        name,
        mailboxNameKey(name),
        row.id,
      ]);
    }
    await dropIndex(queryRunner, 'ux_mailboxes_name');
    await queryRunner.query('CREATE UNIQUE INDEX ux_mailboxes_name_key ON mailboxes (name_key)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropIndex(queryRunner, 'ux_mailboxes_name_key');
    await queryRunner.query('ALTER TABLE mailboxes DROP COLUMN name_key');
    await queryRunner.query('CREATE UNIQUE INDEX ux_mailboxes_name ON mailboxes (name)');
  }
}

/** The mailboxes.name column's length. */
const NAME_LENGTH = 255;

/**
 * `name` when its key is free, else `name (id)`, `name (id, 2)`, … with the name cut to fit the
 * column: an earlier mailbox may already be called "support (7)".
 */
function freeName(name: string, id: number, taken: Set<string>): string {
  if (!taken.has(mailboxNameKey(name))) return name;
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? ` (${id})` : ` (${id}, ${n})`;
    const candidate = `${[...name].slice(0, NAME_LENGTH - suffix.length).join('')}${suffix}`;
    if (!taken.has(mailboxNameKey(candidate))) return candidate;
  }
}

async function dropIndex(queryRunner: QueryRunner, index: string): Promise<void> {
  const mysql = queryRunner.connection.options.type === 'mysql' || queryRunner.connection.options.type === 'mariadb';
  await queryRunner.query(mysql ? `DROP INDEX ${index} ON mailboxes` : `DROP INDEX ${index}`);
}
