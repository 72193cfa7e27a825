import { MigrationInterface, QueryRunner } from 'typeorm';

import { dialect } from './ddl.js';

/**
 * Why a user is disabled (issue 12, fault 5): `directory` (the directory's account is turned off),
 * `sync` (an import no longer found the entry) or `admin`, replacing the disabled_by_sync flag.
 * Users the flag marked become `sync`, other disabled users `admin`, as the API showed them.
 */
export class DisabledBy1764190000000 implements MigrationInterface {
  name = 'DisabledBy1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users ADD COLUMN disabled_by VARCHAR(16) NULL');
    await queryRunner.query(
      "UPDATE users SET disabled_by = CASE WHEN disabled_by_sync <> 0 THEN 'sync' ELSE 'admin' END WHERE status = 'disabled'",
    );
    await queryRunner.query('ALTER TABLE users DROP COLUMN disabled_by_sync');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN disabled_by_sync ${d.mysql ? 'TINYINT(1)' : 'INTEGER'} NOT NULL DEFAULT 0`,
    );
    // a user the directory disabled is re-enabled by an import, as one disabled by sync was
    await queryRunner.query(
      "UPDATE users SET disabled_by_sync = 1 WHERE status = 'disabled' AND disabled_by IN ('sync', 'directory')",
    );
    await queryRunner.query('ALTER TABLE users DROP COLUMN disabled_by');
  }
}
