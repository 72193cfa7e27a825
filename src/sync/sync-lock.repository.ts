import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';

export const LOCK_NAME = 'helpdesk_ldap_sync';
/** MySQL named locks are server-wide: the name carries the database, so two installs on one server do not block each other. */
export const MYSQL_LOCK_NAME = `CONCAT('${LOCK_NAME}:', MD5(DATABASE()))`;
/** SQLite lease: renewed every LEASE_MS / 3 while the run lives, free LEASE_MS after its holder died. */
export const LEASE_MS = 30_000;

/** The lock one run holds for its whole life. */
export interface HeldLock {
  /** Still ours? (renews the SQLite lease; on MySQL asks whether our connection still holds it) */
  heartbeat(): Promise<boolean>;
  release(): Promise<void>;
}

export type LockAttempt = { acquired: true; lock: HeldLock } | { acquired: false; runId: string | null };

/**
 * One sync at a time across instances. MySQL/MariaDB: GET_LOCK on a connection held for the run,
 * freed by the server when that connection drops. SQLite: a row with a lease that a crashed
 * holder stops renewing.
 */
@Injectable()
export class SyncLockRepository {
  private readonly logger = new Logger(SyncLockRepository.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  acquire(runId: string): Promise<LockAttempt> {
    const type = this.dataSource.options.type;
    return type === 'mysql' || type === 'mariadb' ? this.acquireMysql() : this.acquireLease(runId);
  }

  private async acquireMysql(): Promise<LockAttempt> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [row] = await runner.query(`SELECT GET_LOCK(${MYSQL_LOCK_NAME}, 0) AS got`);
      if (Number(row?.got) === 1) return { acquired: true, lock: this.mysqlLock(runner) };
    } catch (error) {
      await runner.release();
      throw error;
    }
    await runner.release();
    return { acquired: false, runId: null };
  }

  private mysqlLock(runner: QueryRunner): HeldLock {
    return {
      heartbeat: async () => {
        try {
          const [row] = await runner.query(`SELECT IS_USED_LOCK(${MYSQL_LOCK_NAME}) = CONNECTION_ID() AS mine`);
          return Number(row?.mine) === 1;
        } catch {
          return false;
        }
      },
      release: async () => {
        try {
          await runner.query(`SELECT RELEASE_LOCK(${MYSQL_LOCK_NAME})`);
        } catch (error) {
          // the connection is gone, and the server freed the lock with it
          this.logger.debug(`RELEASE_LOCK failed: ${String(error)}`);
        } finally {
          await runner.release();
        }
      },
    };
  }

  // Each statement is atomic and the row only changes hands when its lease has run out,
  // so of two instances racing, exactly one reads itself back as the holder.
  private async acquireLease(runId: string): Promise<LockAttempt> {
    const holder = randomUUID();
    const now = Date.now();
    const until = now + LEASE_MS;
    await this.dataSource.query(
      'INSERT OR IGNORE INTO sync_locks (name, holder, run_id, expires_at) VALUES (?, ?, ?, ?)',
      [LOCK_NAME, holder, runId, until],
    );
    await this.dataSource.query(
      'UPDATE sync_locks SET holder = ?, run_id = ?, expires_at = ? WHERE name = ? AND expires_at < ?',
      [holder, runId, until, LOCK_NAME, now],
    );
    const current = await this.leaseHolder();
    if (current?.holder === holder) return { acquired: true, lock: this.leaseLock(holder) };
    return { acquired: false, runId: current?.runId ?? null };
  }

  private leaseLock(holder: string): HeldLock {
    return {
      heartbeat: async () => {
        try {
          await this.dataSource.query('UPDATE sync_locks SET expires_at = ? WHERE name = ? AND holder = ?', [
            Date.now() + LEASE_MS,
            LOCK_NAME,
            holder,
          ]);
          return (await this.leaseHolder())?.holder === holder;
        } catch {
          return false;
        }
      },
      release: async () => {
        await this.dataSource
          .query('DELETE FROM sync_locks WHERE name = ? AND holder = ?', [LOCK_NAME, holder])
          .catch((error: unknown) => {
            this.logger.warn(`could not release the sync lock (it expires by itself): ${String(error)}`);
          });
      },
    };
  }

  private async leaseHolder(): Promise<{ holder: string; runId: string | null } | undefined> {
    const rows: { holder: string; run_id: string | null }[] = await this.dataSource.query(
      'SELECT holder, run_id FROM sync_locks WHERE name = ?',
      [LOCK_NAME],
    );
    return rows[0] ? { holder: rows[0].holder, runId: rows[0].run_id } : undefined;
  }
}
