import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { dialectOf, hourBucket } from '../database/dialect.js';
import { containsPattern, LIKE_ESCAPE, prefixPattern } from '../database/like.js';
import { multiRowInserts } from '../database/multi-row-insert.js';
import { LdapLogEntity } from './entities/ldap-log.entity.js';

const INSERTED = ['createdAt', 'level', 'event', 'message', 'runId', 'actor', 'details'] as const;

export interface LogQuery {
  level?: string;
  event?: string;
  runId?: string;
  q?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

@Injectable()
export class LdapLogRepository {
  constructor(@InjectRepository(LdapLogEntity) private readonly logs: Repository<LdapLogEntity>) {}

  /** Inserts rows with multi-row INSERTs (multiRowInserts), values converted by the driver as the ORM would. */
  async insert(entries: Omit<LdapLogEntity, 'id'>[]): Promise<void> {
    const { metadata, manager } = this.logs;
    const { driver, options } = manager.connection;
    const columns = INSERTED.map((property) => metadata.findColumnWithPropertyName(property)!);
    const statements = multiRowInserts(
      dialectOf(options.type),
      metadata.tableName,
      columns.map((column) => column.databaseName),
      entries.map((row) => columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column))),
    );
    for (const { sql, parameters } of statements) await manager.query(sql, parameters);
  }

  async find(query: LogQuery): Promise<{ items: LdapLogEntity[]; total: number }> {
    const qb = this.logs.createQueryBuilder('l').orderBy('l.id', 'DESC');
    if (query.level) qb.andWhere('l.level = :level', { level: query.level });
    if (query.event)
      qb.andWhere(`(l.event = :event OR l.event LIKE :eventPrefix ${LIKE_ESCAPE})`, {
        event: query.event,
        eventPrefix: prefixPattern(`${query.event}.`),
      });
    if (query.runId) qb.andWhere('l.run_id = :runId', { runId: query.runId });
    if (query.from) qb.andWhere('l.created_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('l.created_at <= :to', { to: query.to });
    if (query.q) {
      qb.andWhere(`(LOWER(l.message) LIKE :like ${LIKE_ESCAPE} OR LOWER(l.actor) LIKE :like ${LIKE_ESCAPE})`, {
        like: containsPattern(query.q),
      });
    }
    const [items, total] = await qb
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /**
   * Lines of these events per UTC hour (`YYYY-MM-DD HH`) and event since `from`: one GROUP BY,
   * bucketed by the database.
   */
  async countPerHour(events: string[], from: Date): Promise<{ hour: string; event: string; count: number }[]> {
    const bucket = hourBucket(dialectOf(this.logs.manager.connection.options.type), 'l.created_at');
    const rows: { hour: string; event: string; count: number | string }[] = await this.logs
      .createQueryBuilder('l')
      .select(bucket, 'hour')
      .addSelect('l.event', 'event')
      .addSelect('COUNT(*)', 'count')
      .where('l.created_at >= :from', { from })
      .andWhere('l.event IN (:...events)', { events })
      .groupBy(bucket)
      .addGroupBy('l.event')
      .getRawMany();
    return rows.map((r) => ({ hour: r.hour, event: r.event, count: Number(r.count) }));
  }

  /** The newest `count` lines of one event, newest first. */
  newest(event: string, count: number): Promise<LdapLogEntity[]> {
    return this.logs.find({ where: { event }, order: { id: 'DESC' }, take: count });
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const result = await this.logs.createQueryBuilder().delete().where('created_at < :cutoff', { cutoff }).execute();
    return result.affected ?? 0;
  }
}
