import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';

import { LoginAttemptEntity } from '../entities/login-attempt.entity.js';

@Injectable()
export class LoginAttemptsRepository {
  constructor(@InjectRepository(LoginAttemptEntity) private readonly rows: Repository<LoginAttemptEntity>) {}

  getMany(keyHashes: string[]): Promise<LoginAttemptEntity[]> {
    return this.rows.findBy({ keyHash: In(keyHashes) });
  }

  /** Adds one failure, starting a new window when the old one has passed (one statement per dialect). */
  async addFailure(keyHash: string, now: Date, windowStartsAfter: Date): Promise<void> {
    const mysql = this.rows.manager.connection.options.type === 'mysql';
    const sql = mysql
      ? `INSERT INTO login_attempts (key_hash, window_start, failures) VALUES (?, ?, 1)
         ON DUPLICATE KEY UPDATE failures = IF(window_start < ?, 1, failures + 1), window_start = IF(window_start < ?, VALUES(window_start), window_start)`
      : `INSERT INTO login_attempts (key_hash, window_start, failures) VALUES (?, ?, 1)
         ON CONFLICT (key_hash) DO UPDATE SET failures = CASE WHEN window_start < ? THEN 1 ELSE failures + 1 END,
         window_start = CASE WHEN window_start < ? THEN excluded.window_start ELSE window_start END`;
    const at = mysql ? now : toSqlite(now);
    const cut = mysql ? windowStartsAfter : toSqlite(windowStartsAfter);
    await this.rows.query(sql, [keyHash, at, cut, cut]);
  }

  async clear(keyHash: string): Promise<void> {
    await this.rows.delete({ keyHash });
  }

  async deleteOlderThan(cutoff: Date): Promise<void> {
    await this.rows.createQueryBuilder().delete().where('window_start < :cutoff', { cutoff }).execute();
  }
}

/** TypeORM's SQLite driver stores datetimes as 'YYYY-MM-DD HH:MM:SS.SSS' UTC; raw queries must match. */
function toSqlite(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
