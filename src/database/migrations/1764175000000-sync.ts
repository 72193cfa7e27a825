import { MigrationInterface, QueryRunner } from 'typeorm';

import { dialect } from './ddl.js';

/** Import/sync: the run lock's lease row (both databases), users a sync disabled, run lookups. */
export class Sync1764175000000 implements MigrationInterface {
  name = 'Sync1764175000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.query(`CREATE TABLE sync_locks (
      name VARCHAR(64) NOT NULL PRIMARY KEY,
      holder VARCHAR(64) NOT NULL,
      run_id VARCHAR(36) NULL,
      expires_at BIGINT NOT NULL
    ) ${d.table}`);
    // Only users that a sync disabled are re-enabled by a sync: an admin's decision stands.
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN disabled_by_sync ${d.mysql ? 'TINYINT(1)' : 'INTEGER'} NOT NULL DEFAULT 0`,
    );
    await queryRunner.query('CREATE INDEX ix_sync_runs_status ON sync_runs (status, started_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.query(d.mysql ? 'DROP INDEX ix_sync_runs_status ON sync_runs' : 'DROP INDEX ix_sync_runs_status');
    await queryRunner.query('ALTER TABLE users DROP COLUMN disabled_by_sync');
    await queryRunner.query('DROP TABLE sync_locks');
  }
}
