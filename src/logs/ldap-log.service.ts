import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

import type { LogQueryDto } from './dto/log-query.dto.js';
import { type LogPageView, toLogLineView } from './dto/log.view.js';
import { LdapLogEntity, LogLevel } from './entities/ldap-log.entity.js';
import { LdapLogRepository, LogQuery } from './ldap-log.repository.js';
import { LogWriteQueue, SHUTDOWN_FLUSH_MS } from './log-write-queue.js';

type LogRow = Omit<LdapLogEntity, 'id'>;

/** Lines held in memory before append() waits: about 2 MB at most. */
export const LOG_QUEUE_CAPACITY = 5_000;
const LOG_BATCH_ROWS = 1_000;
const LOG_RETRY_MS = 1_000;

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
export class LdapLogService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('LdapLog');
  private readonly queue: LogWriteQueue<LogRow>;

  constructor(private readonly logs: LdapLogRepository) {
    this.queue = new LogWriteQueue<LogRow>({
      writeRows: (rows) => this.logs.insert(rows),
      capacity: LOG_QUEUE_CAPACITY,
      batchSize: LOG_BATCH_ROWS,
      retryMs: LOG_RETRY_MS,
      onWriteFailed: (error, rows) =>
        this.logger.error(`writing ${rows} LDAP log line(s) failed: ${error instanceof Error ? error.message : error}`),
    });
  }

  /**
   * Writes lines and waits until they are in the database (sharing one multi-row INSERT with
   * whatever else is queued); throws the database's error when they could not be written.
   */
  async write(...entries: LogEntry[]): Promise<void> {
    await this.queue.write(this.rows(entries));
  }

  /**
   * Queues lines to be written behind the caller (same order, multi-row INSERTs) and returns once
   * they are queued: at once, or when the queue is full, once the database has caught up
   * (back-pressure, nothing dropped). A failed write is retried; shutdown writes what is left.
   */
  async append(...entries: LogEntry[]): Promise<void> {
    await this.queue.append(this.rows(entries));
  }

  /** Lines queued and not yet known to be written. */
  get queued(): number {
    return this.queue.size;
  }

  /** Waits until every line queued so far is in the database. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /**
   * Before the database connection closes: writes the queued lines; lines the database still
   * refuses after SHUTDOWN_FLUSH_MS go to the process log in full rather than vanish. When all was
   * written the queue stays open: lines of requests still being answered (the HTTP server closes
   * after this hook, the database after that) are written as before.
   */
  async beforeApplicationShutdown(): Promise<void> {
    for (const row of await this.queue.close(SHUTDOWN_FLUSH_MS, 'when-late')) {
      this.logger.error(`not written to the LDAP log: ${JSON.stringify(row)}`);
    }
  }

  private rows(entries: LogEntry[]): LogRow[] {
    const now = new Date();
    const rows = entries.map((e) => toRow(e, now));
    for (const row of rows) {
      const line = `[${row.event}] ${row.message}`;
      if (row.level === 'error') this.logger.error(line);
      else if (row.level === 'warn') this.logger.warn(line);
      else this.logger.debug(line);
    }
    return rows;
  }

  /** A page of the log, newest first. */
  async page(query: LogQueryDto): Promise<LogPageView> {
    await this.queue.flush();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.logs.find({ ...query, page, pageSize });
    return { items: items.map(toLogLineView), total, page, pageSize };
  }

  /** Reads see every line queued before them. */
  async find(query: LogQuery) {
    await this.queue.flush();
    return this.logs.find(query);
  }

  prune(retentionDays: number): Promise<number> {
    return this.logs.deleteOlderThan(new Date(Date.now() - retentionDays * 86400_000));
  }
}

function toRow(entry: LogEntry, now: Date): LogRow {
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
