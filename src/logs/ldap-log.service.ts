import { Injectable, Logger } from '@nestjs/common';

import type { LogQueryDto } from './dto/log-query.dto.js';
import { type LogPageView, toLogLineView } from './dto/log.view.js';
import { LdapLogEntity, LogLevel } from './entities/ldap-log.entity.js';
import { LdapLogRepository, LogQuery } from './ldap-log.repository.js';

export interface LogEntry {
  level: LogLevel;
  event: string;
  message: string;
  runId?: string | null;
  actor?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The admin-facing LDAP log ("Manage > Logs > LDAP"). Callers never pass a secret:
 * details hold field names, DNs, codes and counters only.
 */
@Injectable()
export class LdapLogService {
  private readonly logger = new Logger('LdapLog');

  constructor(private readonly logs: LdapLogRepository) {}

  async write(...entries: LogEntry[]): Promise<void> {
    const now = new Date();
    const rows = entries.map((e) => toRow(e, now));
    for (const row of rows) {
      const line = `[${row.event}] ${row.message}`;
      if (row.level === 'error') this.logger.error(line);
      else if (row.level === 'warn') this.logger.warn(line);
      else this.logger.debug(line);
    }
    await this.logs.insert(rows);
  }

  /** A page of the log, newest first. */
  async page(query: LogQueryDto): Promise<LogPageView> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.logs.find({ ...query, page, pageSize });
    return { items: items.map(toLogLineView), total, page, pageSize };
  }

  find(query: LogQuery) {
    return this.logs.find(query);
  }

  prune(retentionDays: number): Promise<number> {
    return this.logs.deleteOlderThan(new Date(Date.now() - retentionDays * 86400_000));
  }
}

function toRow(entry: LogEntry, now: Date): Omit<LdapLogEntity, 'id'> {
  return {
    createdAt: now,
    level: entry.level,
    event: entry.event.slice(0, 64),
    message: entry.message.slice(0, 1000),
    runId: entry.runId ?? null,
    actor: entry.actor?.slice(0, 320) ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
}
