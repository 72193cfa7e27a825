import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { dialectOf } from '../database/dialect.js';

export const LOCK_NAME = 'helpdesk_ldap_sync';
/** The lease: renewed every LEASE_MS / 3 while the run lives, free LEASE_MS after its holder died. */
export const LEASE_MS = 30_000;

/** The lock one run holds for its whole life. */
export interface HeldLock {
  /** Renews the lease; false when it is no longer ours (it ran out and another instance took it). */
  heartbeat(): Promise<boolean>;
  release(): Promise<void>;
}

export type LockAttempt = { acquired: true; lock: HeldLock } | { acquired: false; runId: string | null };

/**
 * One sync at a time across instances, on both databases: a row in sync_locks whose lease
 * changes hands only by a conditional UPDATE (`WHERE expires_at < now`), renewed by its holder.
 * Unlike MySQL's GET_LOCK, which belongs to one server connection, the row holds on a Galera
 * cluster (a write conflict between nodes fails one of the two at certification) and behind a
 * connection multiplexer such as ProxySQL (no state lives in the connection). Expiry uses the
 * instances' clocks: keep them in step (NTP); a skew well under LEASE_MS is harmless.
 */
@Injectable()
export class SyncLockRepository {
  private readonly logger = new Logger(SyncLockRepository.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Each statement is atomic and the row only changes hands when its lease has run out,
  // so of two instances racing, exactly one reads itself back as the holder.
  async acquire(runId: string): Promise<LockAttempt> {
    const holder = randomUUID();
    const now = Date.now();
    const until = now + LEASE_MS;
    const insert = dialectOf(this.dataSource.options.type) === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    try {
      await this.dataSource.query(`${insert} INTO sync_locks (name, holder, run_id, expires_at) VALUES (?, ?, ?, ?)`, [
        LOCK_NAME,
        holder,
        runId,
        until,
      ]);
      await this.dataSource.query(
        'UPDATE sync_locks SET holder = ?, run_id = ?, expires_at = ? WHERE name = ? AND expires_at < ?',
        [holder, runId, until, LOCK_NAME, now],
      );
    } catch (error) {
      // a Galera certification failure or a deadlock: another instance's write won; read who holds it
      this.logger.debug(`taking the sync lock lost a race: ${String(error)}`);
    }
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
