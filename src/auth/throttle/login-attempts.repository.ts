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
   * never take more than `limit`. A window that has passed starts again at this attempt.
   * Returns whether the attempt was taken.
   */
  async reserve(keyHash: string, limit: number, now: Date, windowStartsAfter: Date): Promise<boolean> {
    await this.rows
      .createQueryBuilder()
      .insert()
      .values({ keyHash, windowStart: now, failures: 0 })
      .orIgnore()
      .execute();
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
    await this.rows
      .createQueryBuilder()
      .update()
      .set({ failures: () => 'failures - 1' })
      .where('key_hash = :keyHash AND failures > 0', { keyHash })
      .execute();
  }

  async clear(keyHash: string): Promise<void> {
    await this.rows.delete({ keyHash });
  }

  async deleteOlderThan(cutoff: Date): Promise<void> {
    await this.rows.createQueryBuilder().delete().where('window_start < :cutoff', { cutoff }).execute();
  }
}
