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

  /**
   * Takes one attempt of `limit` in the key's window, or none when the window is full: one
   * conditional UPDATE, atomic on both databases, so parallel requests (on any instance) can
   * never take more than `limit`. A window that has passed starts again at this attempt; a key
   * without a row gets one first. Returns whether the attempt was taken.
   */
  reserve(keyHash: string, limit: number, now: Date, windowStartsAfter: Date): Promise<boolean> {
    return retryOnDeadlock(async () => {
      if (await this.take(keyHash, limit, now, windowStartsAfter)) return true;
      await this.rows
        .createQueryBuilder()
        .insert()
        .values({ keyHash, windowStart: now, failures: 0 })
        .orIgnore()
        .execute();
      return this.take(keyHash, limit, now, windowStartsAfter);
    });
  }

  private async take(keyHash: string, limit: number, now: Date, windowStartsAfter: Date): Promise<boolean> {
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set({
        failures: () => 'CASE WHEN window_start < :cut THEN 1 ELSE failures + 1 END',
        windowStart: () => 'CASE WHEN window_start < :cut THEN :now ELSE window_start END',
      })
      .where('key_hash = :keyHash AND (window_start < :cut OR failures < :limit)')
      .setParameters({ keyHash, limit, cut: windowStartsAfter, now })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Gives back an attempt taken by reserve() (it turned out not to be a failure of the person's). */
  async release(keyHash: string): Promise<void> {
    await retryOnDeadlock(() =>
      this.rows
        .createQueryBuilder()
        .update()
        .set({ failures: () => 'failures - 1' })
        .where('key_hash = :keyHash AND failures > 0', { keyHash })
        .execute(),
    );
  }

  /**
   * Starts the key's count again. The row stays (deleteOlderThan removes it later): deleting it
   * could race a parallel reserve() between its INSERT and its UPDATE and refuse that attempt.
   */
  async clear(keyHash: string, now: Date): Promise<void> {
    await retryOnDeadlock(() =>
      this.rows
        .createQueryBuilder()
        .update()
        .set({ failures: 0, windowStart: now })
        .where('key_hash = :keyHash', { keyHash })
        .execute(),
    );
  }

  async deleteOlderThan(cutoff: Date): Promise<void> {
    await this.rows.createQueryBuilder().delete().where('window_start < :cutoff', { cutoff }).execute();
  }
}

/**
 * InnoDB may pick one of two statements on the same hot row (the client address's counter) as a
 * deadlock victim; the statement is safe to run again (MariaDB KB "Deadlocks").
 */
async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_LOCK_WAIT_TIMEOUT')) throw error;
    }
  }
}
