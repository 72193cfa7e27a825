import { MigrationInterface, QueryRunner } from 'typeorm';

import { dialect } from './ddl.js';

export class LoginAttempts1764160000000 implements MigrationInterface {
  name = 'LoginAttempts1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.query(`CREATE TABLE login_attempts (
      key_hash VARCHAR(64) NOT NULL PRIMARY KEY,
      window_start ${d.datetime} NOT NULL,
      failures INT NOT NULL
    ) ${d.table}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE login_attempts');
  }
}
