import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Not, Repository } from 'typeorm';

import { SyncRunEntity } from './entities/sync-run.entity.js';

export interface RunRecordUpdate {
  status?: string;
  /** A delta turned into a full run (see SyncRunner.checkBaselineServer). */
  mode?: string;
  counters?: object;
  progress?: object;
  plan?: object;
  highWaterMark?: string | null;
  error?: string | null;
  finishedAt?: Date | null;
}

@Injectable()
export class SyncRunsRepository {
  constructor(@InjectRepository(SyncRunEntity) private readonly runs: Repository<SyncRunEntity>) {}

  async create(run: {
    id: string;
    mode: string;
    trigger: string;
    startedBy: string | null;
    counters: object;
    plan: object;
    startedAt: Date;
  }): Promise<void> {
    await this.runs.insert({
      ...run,
      status: 'running',
      counters: JSON.stringify(run.counters),
      progress: JSON.stringify({ pages: 0, entries: 0 }),
      plan: JSON.stringify(run.plan),
      highWaterMark: null,
      error: null,
      finishedAt: null,
    });
  }

  async update(id: string, changes: RunRecordUpdate): Promise<void> {
    const row: Partial<SyncRunEntity> = {};
    if (changes.status !== undefined) row.status = changes.status;
    if (changes.mode !== undefined) row.mode = changes.mode;
    if (changes.counters !== undefined) row.counters = JSON.stringify(changes.counters);
    if (changes.progress !== undefined) row.progress = JSON.stringify(changes.progress);
    if (changes.plan !== undefined) row.plan = JSON.stringify(changes.plan);
    if (changes.highWaterMark !== undefined) row.highWaterMark = changes.highWaterMark;
    if (changes.error !== undefined) row.error = changes.error?.slice(0, 4000) ?? null;
    if (changes.finishedAt !== undefined) row.finishedAt = changes.finishedAt;
    await this.runs.update({ id }, row);
  }

  get(id: string): Promise<SyncRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  async list(page: number, pageSize: number): Promise<{ items: SyncRunEntity[]; total: number }> {
    const [items, total] = await this.runs.findAndCount({
      order: { startedAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  /** The newest finished runs (any status but running), newest first. */
  lastFinished(count: number): Promise<SyncRunEntity[]> {
    return this.runs.find({ where: { status: Not('running') }, order: { startedAt: 'DESC' }, take: count });
  }

  latestRunning(): Promise<SyncRunEntity | null> {
    return this.runs.findOne({ where: { status: 'running' }, order: { startedAt: 'DESC' } });
  }

  /** Runs left "running" by an instance that stopped: only called by the holder of the lock. */
  async failInterrupted(exceptId: string, message: string, at: Date): Promise<number> {
    const result = await this.runs.update(
      { status: 'running', id: Not(exceptId) },
      { status: 'failed', error: message, finishedAt: at },
    );
    return result.affected ?? 0;
  }

  /** The latest succeeded run among these modes. */
  lastSucceeded(modes: string[]): Promise<SyncRunEntity | null> {
    return this.runs.findOne({ where: { status: 'succeeded', mode: In(modes) }, order: { startedAt: 'DESC' } });
  }

  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    const result = await this.runs.delete({ startedAt: LessThan(cutoff), status: Not('running') });
    return result.affected ?? 0;
  }
}
