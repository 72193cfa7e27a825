import { MigrationInterface, QueryRunner } from 'typeorm';

import { dialect } from './ddl.js';

export class InitialSchema1764150000000 implements MigrationInterface {
  name = 'InitialSchema1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    const run = (sql: string) => queryRunner.query(sql);

    await run(`CREATE TABLE users (
      id ${d.id},
      email VARCHAR(320) NOT NULL,
      first_name VARCHAR(255) NULL,
      last_name VARCHAR(255) NULL,
      job_title VARCHAR(255) NULL,
      phone VARCHAR(64) NULL,
      role VARCHAR(16) NOT NULL,
      status VARCHAR(16) NOT NULL,
      auth_source VARCHAR(16) NOT NULL,
      password_hash VARCHAR(255) NULL,
      ldap_uid VARCHAR(255) NULL,
      ldap_dn VARCHAR(1000) NULL,
      last_login_at ${d.datetime} NULL,
      synced_at ${d.datetime} NULL,
      created_at ${d.datetime} NOT NULL DEFAULT ${d.now},
      updated_at ${d.datetime} NOT NULL DEFAULT ${d.now}
    ) ${d.table}`);
    await run('CREATE UNIQUE INDEX ux_users_email ON users (email)');
    await run('CREATE UNIQUE INDEX ux_users_ldap_uid ON users (ldap_uid)');
    await run(`CREATE INDEX ix_users_ldap_dn ON users (${d.prefix('ldap_dn', 255)})`);

    await run(`CREATE TABLE sessions (
      id_hash VARCHAR(64) NOT NULL PRIMARY KEY,
      user_id INT NOT NULL,
      auth_method VARCHAR(16) NOT NULL,
      created_at ${d.datetime} NOT NULL,
      expires_at ${d.datetime} NOT NULL,
      ip VARCHAR(64) NULL,
      CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ${d.table}`);
    await run('CREATE INDEX ix_sessions_user ON sessions (user_id)');
    await run('CREATE INDEX ix_sessions_expires ON sessions (expires_at)');

    await run(`CREATE TABLE mailboxes (
      id ${d.id},
      name VARCHAR(255) NOT NULL,
      email VARCHAR(320) NULL,
      ldap_filter TEXT NULL,
      created_at ${d.datetime} NOT NULL DEFAULT ${d.now},
      updated_at ${d.datetime} NOT NULL DEFAULT ${d.now}
    ) ${d.table}`);
    await run('CREATE UNIQUE INDEX ux_mailboxes_name ON mailboxes (name)');

    await run(`CREATE TABLE mailbox_users (
      mailbox_id INT NOT NULL,
      user_id INT NOT NULL,
      source VARCHAR(16) NOT NULL,
      created_at ${d.datetime} NOT NULL DEFAULT ${d.now},
      PRIMARY KEY (mailbox_id, user_id, source),
      CONSTRAINT fk_mailbox_users_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailboxes (id) ON DELETE CASCADE,
      CONSTRAINT fk_mailbox_users_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ${d.table}`);
    await run('CREATE INDEX ix_mailbox_users_user ON mailbox_users (user_id)');

    await run(`CREATE TABLE ldap_settings (
      id INT NOT NULL PRIMARY KEY,
      data TEXT NOT NULL,
      bind_password_enc TEXT NULL,
      version INT NOT NULL,
      updated_at ${d.datetime} NOT NULL,
      updated_by VARCHAR(320) NULL
    ) ${d.table}`);

    await run(`CREATE TABLE sync_runs (
      id VARCHAR(36) NOT NULL PRIMARY KEY,
      status VARCHAR(24) NOT NULL,
      mode VARCHAR(16) NOT NULL,
      \`trigger\` VARCHAR(16) NOT NULL,
      counters TEXT NOT NULL,
      progress TEXT NULL,
      plan TEXT NULL,
      high_water_mark VARCHAR(64) NULL,
      error TEXT NULL,
      started_by VARCHAR(320) NULL,
      started_at ${d.datetime} NOT NULL,
      finished_at ${d.datetime} NULL
    ) ${d.table}`);
    await run('CREATE INDEX ix_sync_runs_started ON sync_runs (started_at)');

    await run(`CREATE TABLE ldap_logs (
      id ${d.id},
      created_at ${d.datetime} NOT NULL,
      level VARCHAR(8) NOT NULL,
      event VARCHAR(64) NOT NULL,
      message VARCHAR(1000) NOT NULL,
      run_id VARCHAR(36) NULL,
      actor VARCHAR(320) NULL,
      details TEXT NULL
    ) ${d.table}`);
    await run('CREATE INDEX ix_ldap_logs_created ON ldap_logs (created_at)');
    await run('CREATE INDEX ix_ldap_logs_run ON ldap_logs (run_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'ldap_logs',
      'sync_runs',
      'ldap_settings',
      'mailbox_users',
      'mailboxes',
      'sessions',
      'users',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
