import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';

import { LoginAttemptEntity } from '../entities/login-attempt.entity.js';

/** One key's rule for reserve(): at most `limit` attempts in the window that starts after `windowStartsAfter`. */
export interface AttemptRule {
  keyHash: string;
  limit: number;
  windowStartsAfter: Date;
}

/** One sign-in's settle: its keys given back an attempt each, those in `cleared` started again instead. */
export interface Settle {
  keys: string[];
  cleared: string[];
}

/** reserve()'s answer: every key's attempt taken, or none (the keys that were full, to say how long to wait). */
export type Reserved = { taken: true } | { taken: false; full: string[] };

@Injectable()
export class LoginAttemptsRepository {
  private returning?: boolean;

  constructor(@InjectRepository(LoginAttemptEntity) private readonly rows: Repository<LoginAttemptEntity>) {}

  getMany(keyHashes: string[]): Promise<LoginAttemptEntity[]> {
    return this.rows.findBy({ keyHash: In(keyHashes) });
  }

  /**
   * Takes one attempt on every key, or on none when any key's window is full; parallel requests
   * (on any instance) can never take more than a key's limit. On SQLite and MariaDB ≥ 10.5 this is
   * one upsert that counts every key and returns the counts (INSERT … RETURNING): a count past its
   * limit means refused, and the attempts are given back in one more statement. A window that has
   * passed starts again at this attempt; a key without a row gets one. MySQL has no RETURNING:
   * there the keys are taken one by one with a conditional UPDATE each.
   */
  async reserve(rules: AttemptRule[], now: Date): Promise<Reserved> {
    if (rules.length === 0) return { taken: true };
    if (!(await this.supportsReturning())) return this.reserveOneByOne(rules, now);
    // one order for every statement, so two upserts on the same rows lock them in the same order
    const sorted = [...rules].sort((a, b) => (a.keyHash < b.keyHash ? -1 : 1));
    const counts = await retryOnDeadlock(() => this.countAttempts(sorted, now));
    const full = sorted.filter((r) => (counts.get(r.keyHash) ?? Infinity) > r.limit).map((r) => r.keyHash);
    if (full.length === 0) return { taken: true };
    await this.release(sorted.map((r) => r.keyHash));
    return { taken: false, full };
  }

  /** Gives back one attempt on each key (taken by reserve(), and not a failure of the person's). */
  async release(keyHashes: string[]): Promise<void> {
    if (keyHashes.length === 0) return;
    await retryOnDeadlock(() =>
      this.rows
        .createQueryBuilder()
        .update()
        .set({ failures: () => 'failures - 1' })
        .where('key_hash IN (:...keyHashes) AND failures > 0', { keyHashes: sorted(keyHashes) })
        .execute(),
    );
  }

  /**
   * Several settles in one statement (sign-ins that ended while the last one was written): a key
   * any of them clears starts again at `now` (a clear after or before a give-back leaves 0 either
   * way); every other key gets back one attempt per settle that names it, never below 0. Rows
   * stay (deleteOlderThan removes them later): deleting one could race a parallel reserve() and
   * refuse that attempt.
   */
  async settleMany(settles: Settle[], now: Date): Promise<void> {
    const cleared = new Set(settles.flatMap((s) => s.cleared));
    const givenBack = new Map<string, number>();
    for (const settle of settles)
      for (const key of settle.keys) if (!cleared.has(key)) givenBack.set(key, (givenBack.get(key) ?? 0) + 1);
    if (cleared.size === 0 && givenBack.size === 0) return;
    const parameters: Record<string, unknown> = { now, cleared: [...cleared] };
    const byCount = new Map<number, string[]>();
    for (const [key, count] of givenBack) byCount.set(count, [...(byCount.get(count) ?? []), key]);
    const backs = [...byCount].map(([count, keys], i) => {
      parameters[`b${i}`] = keys;
      return `WHEN key_hash IN (:...b${i}) THEN CASE WHEN failures > ${count} THEN failures - ${count} ELSE 0 END`;
    });
    const isCleared = cleared.size > 0 ? 'key_hash IN (:...cleared)' : '1 = 0';
    parameters.keys = sorted([...cleared, ...givenBack.keys()]);
    const sql =
      `UPDATE login_attempts SET failures = CASE WHEN ${isCleared} THEN 0 ${backs.join(' ')} ELSE failures END, ` +
      `window_start = CASE WHEN ${isCleared} THEN :now ELSE window_start END WHERE key_hash IN (:...keys)`;
    const connection = this.rows.manager.connection;
    const [query, bound] = connection.driver.escapeQueryWithParameters(sql, parameters);
    await retryOnDeadlock(() => this.rows.query(query, bound));
  }

  async deleteOlderThan(cutoff: Date): Promise<void> {
    await this.rows.createQueryBuilder().delete().where('window_start < :cutoff', { cutoff }).execute();
  }

  /** INSERT … ON CONFLICT/ON DUPLICATE KEY UPDATE … RETURNING: every key's count after this attempt. */
  private async countAttempts(rules: AttemptRule[], now: Date): Promise<Map<string, number>> {
    const connection = this.rows.manager.connection;
    const sqlite = connection.options.type === 'better-sqlite3';
    const parameters: Record<string, unknown> = { now };
    const values = rules.map((r, i) => {
      parameters[`k${i}`] = r.keyHash;
      parameters[`c${i}`] = r.windowStartsAfter;
      return `(:k${i}, :now, 1)`;
    });
    // each key's own window: a row whose window started before its cut starts a new one
    const expired = `CASE key_hash ${rules.map((_, i) => `WHEN :k${i} THEN window_start < :c${i}`).join(' ')} ELSE 0 END`;
    // failures first: MariaDB assigns left to right, so window_start is still the old one here
    const update = `failures = CASE WHEN ${expired} THEN 1 ELSE failures + 1 END, window_start = CASE WHEN ${expired} THEN :now ELSE window_start END`;
    const sql =
      `INSERT INTO login_attempts (key_hash, window_start, failures) VALUES ${values.join(', ')} ` +
      (sqlite ? `ON CONFLICT (key_hash) DO UPDATE SET ${update}` : `ON DUPLICATE KEY UPDATE ${update}`) +
      ' RETURNING key_hash, failures';
    const [query, bound] = connection.driver.escapeQueryWithParameters(sql, parameters);
    const rows = (await this.rows.query(query, bound)) as { key_hash: string; failures: number | string }[];
    return new Map(rows.map((row) => [row.key_hash, Number(row.failures)]));
  }

  /** SQLite, and MariaDB from 10.5 (its VERSION() names it; MySQL's does not), asked once. */
  private async supportsReturning(): Promise<boolean> {
    if (this.returning === undefined) {
      const connection = this.rows.manager.connection;
      if (connection.options.type === 'better-sqlite3') this.returning = true;
      else {
        const [row] = (await this.rows.query('SELECT VERSION() AS version')) as { version: string }[];
        const mariadb = /^(\d+)\.(\d+).*mariadb/i.exec(row?.version ?? '');
        this.returning = mariadb !== null && Number(mariadb[1]) * 100 + Number(mariadb[2]) >= 1005;
      }
    }
    return this.returning;
  }

  /** MySQL: a conditional UPDATE per key (atomic each), the taken ones given back on a refusal. */
  private async reserveOneByOne(rules: AttemptRule[], now: Date): Promise<Reserved> {
    const taken: string[] = [];
    for (const rule of rules) {
      if (await retryOnDeadlock(() => this.takeOrInsert(rule, now))) {
        taken.push(rule.keyHash);
        continue;
      }
      await this.release(taken);
      return { taken: false, full: [rule.keyHash] };
    }
    return { taken: true };
  }

  private async takeOrInsert(rule: AttemptRule, now: Date): Promise<boolean> {
    if (await this.take(rule, now)) return true;
    await this.rows
      .createQueryBuilder()
      .insert()
      .values({ keyHash: rule.keyHash, windowStart: now, failures: 0 })
      .orIgnore()
      .execute();
    return this.take(rule, now);
  }

  private async take(rule: AttemptRule, now: Date): Promise<boolean> {
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set({
        failures: () => 'CASE WHEN window_start < :cut THEN 1 ELSE failures + 1 END',
        windowStart: () => 'CASE WHEN window_start < :cut THEN :now ELSE window_start END',
      })
      .where('key_hash = :keyHash AND (window_start < :cut OR failures < :limit)')
      .setParameters({ keyHash: rule.keyHash, limit: rule.limit, cut: rule.windowStartsAfter, now })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}

function sorted(keys: string[]): string[] {
  return [...keys].sort();
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
