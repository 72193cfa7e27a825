import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { containsPattern, LIKE_ESCAPE, prefixPattern } from '../database/like.js';
import { LdapLogEntity } from './entities/ldap-log.entity.js';

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

  async insert(entries: Omit<LdapLogEntity, 'id'>[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 200) await this.logs.insert(entries.slice(i, i + 200));
  }

  async find(query: LogQuery): Promise<{ items: LdapLogEntity[]; total: number }> {
    const qb = this.logs.createQueryBuilder('l').orderBy('l.id', 'DESC');
    if (query.level) qb.andWhere('l.level = :level', { level: query.level });
    if (query.event) qb.andWhere(`(l.event = :event OR l.event LIKE :eventPrefix ${LIKE_ESCAPE})`, { event: query.event, eventPrefix: prefixPattern(`${query.event}.`) });
    if (query.runId) qb.andWhere('l.run_id = :runId', { runId: query.runId });
    if (query.from) qb.andWhere('l.created_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('l.created_at <= :to', { to: query.to });
    if (query.q) {
      qb.andWhere(`(LOWER(l.message) LIKE :like ${LIKE_ESCAPE} OR LOWER(l.actor) LIKE :like ${LIKE_ESCAPE})`, { like: containsPattern(query.q) });
    }
    const [items, total] = await qb.offset((query.page - 1) * query.pageSize).limit(query.pageSize).getManyAndCount();
    return { items, total };
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const result = await this.logs.createQueryBuilder().delete().where('created_at < :cutoff', { cutoff }).execute();
    return result.affected ?? 0;
  }
}
