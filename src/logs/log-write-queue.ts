/** How the queue writes and how much it holds. */
export interface LogWriteQueueOptions<T> {
  /** Writes rows in one go (a multi-row INSERT); throws when none were written. */
  writeRows(rows: T[]): Promise<void>;
  /** Rows held before append waits (back-pressure); one call may overshoot it by its own rows. */
  capacity: number;
  /** Rows per write at most. */
  batchSize: number;
  /** Wait before a failed write of appended rows is tried again (ms). */
  retryMs: number;
  /** Told about every failed write; the rows stay queued (appended) or go back to their caller (written). */
  onWriteFailed(error: unknown, rows: number): void;
  /** Told how many rows came after takeUnwritten() stopped the writer: they are not written. */
  onLate?(rows: number): void;
  /**
   * A batch that fails is tried again a row at a time, so one bad row (a session of a user
   * deleted meanwhile) fails its own caller only; only the rows that fail alone go to onWriteFailed.
   */
  writeAloneOnFailure?: boolean;
}

/** How long a shutdown waits for the database to take what is queued (ms). */
export const SHUTDOWN_FLUSH_MS = 10_000;

/** write()'s answer for rows the queue will not write: it was closed (takeUnwritten) first. */
export class QueueClosedError extends Error {
  constructor() {
    super('the write queue was closed before this row was written');
  }
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

interface Queued<T> {
  row: T;
  /** Set for rows of write(): their caller waits for the database and hears of a failure. */
  waiter?: Waiter;
}

/**
 * A bounded write-behind queue of log rows, written in order in multi-row batches by one writer.
 * append() returns once the rows are queued (waiting while the queue is full, never dropping);
 * write() returns once they are in the database, sharing the batch with whatever else is queued.
 * Appended rows whose write failed stay at the head and are tried again after retryMs, so a line
 * is never lost while the process lives; flush() waits until every row queued before it is written.
 */
export class LogWriteQueue<T> {
  private readonly queue: Queued<T>[] = [];
  private readonly roomWaiters: (() => void)[] = [];
  private readonly drainedWaiters: (() => void)[] = [];
  private draining = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Set by takeUnwritten: the writer stops, whatever it had in hand is the caller's now. */
  private closed = false;

  constructor(private readonly options: LogWriteQueueOptions<T>) {}

  /** Rows queued and not yet written. */
  get size(): number {
    return this.queue.length;
  }

  /** Queues rows to be written behind the caller; waits first while the queue is full. */
  async append(rows: T[]): Promise<void> {
    while (this.queue.length >= this.options.capacity && !this.closed) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
    if (this.closed) return this.late(rows.length);
    for (const row of rows) this.queue.push({ row });
    this.drain();
  }

  /** Queues rows and waits until they are written; rejects with the database's error when they were not. */
  write(rows: T[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    if (this.closed) {
      this.late(rows.length);
      return Promise.reject(new QueueClosedError());
    }
    return new Promise<void>((resolve, reject) => {
      let left = rows.length;
      let failed = false;
      const waiter: Waiter = {
        resolve: () => {
          if ((left -= 1) === 0 && !failed) resolve();
        },
        reject: (error) => {
          if (!failed) reject(error);
          failed = true;
        },
      };
      for (const row of rows) this.queue.push({ row, waiter });
      this.drain();
    });
  }

  /** Waits until the queue is empty: every row queued before (and while) it waited is written, or the queue closed. */
  async flush(): Promise<void> {
    if (this.closed || (this.queue.length === 0 && !this.draining)) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.drain();
    }
    await new Promise<void>((resolve) => this.drainedWaiters.push(resolve));
  }

  /** flush() for ms at most: false when the time ran out (the rows are still queued). */
  async flushWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([this.flush().then(() => true as const), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stops the writer for good (shutdown with the database still refusing): answers every row not
   * known to be written, the batch in flight included, so the caller can report them. Should that
   * batch land after all, its lines exist twice (database and report), never not at all. Rows
   * that come later are not queued: onLate is told their count, write() rejects with QueueClosedError.
   */
  takeUnwritten(): T[] {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const rows = this.queue.splice(0, this.queue.length);
    for (const item of rows) item.waiter?.reject(new QueueClosedError());
    this.wakeRoom();
    this.wakeDrained();
    return rows.map((item) => item.row);
  }

  /**
   * Shutdown (before the database connection closes): waits up to ms for every queued row to be
   * written (flushWithin), then stops the writer for good (takeUnwritten) and answers the rows not
   * written, none when all were in time. With `stop: 'when-late'` the writer stops only when the
   * time ran out: when all was written, rows that come later are still written, not refused.
   */
  async close(ms: number, stop: 'always' | 'when-late' = 'always'): Promise<T[]> {
    const inTime = await this.flushWithin(ms);
    return inTime && stop === 'when-late' ? [] : this.takeUnwritten();
  }

  private late(rows: number): void {
    if (rows > 0) this.options.onLate?.(rows);
  }

  private drain(): void {
    if (this.draining || this.retryTimer || this.closed) return;
    this.draining = true;
    void this.drainLoop();
  }

  private async drainLoop(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.options.batchSize);
      const failures = await this.writeBatch(batch);
      if (this.closed) return;
      const kept: Queued<T>[] = [];
      for (const [i, item] of batch.entries()) {
        const failure = failures[i];
        if (!failure) item.waiter?.resolve();
        else if (item.waiter) item.waiter.reject(failure.error);
        else kept.push(item);
      }
      this.queue.splice(0, batch.length, ...kept);
      this.wakeRoom();
      if (kept.length > 0) {
        this.draining = false;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.drain();
        }, this.options.retryMs);
        return;
      }
    }
    this.draining = false;
    this.wakeDrained();
  }

  /** Writes one batch (row by row again when it fails, if so told): per row, its error or undefined when written. */
  private async writeBatch(batch: Queued<T>[]): Promise<({ error: unknown } | undefined)[]> {
    try {
      await this.options.writeRows(batch.map((item) => item.row));
      return [];
    } catch (error) {
      if (this.closed) return [];
      if (!this.options.writeAloneOnFailure || batch.length === 1) {
        this.options.onWriteFailed(error, batch.length);
        return batch.map(() => ({ error }));
      }
    }
    return Promise.all(
      batch.map((item) =>
        this.options.writeRows([item.row]).then(
          () => undefined,
          (error: unknown) => {
            if (!this.closed) this.options.onWriteFailed(error, 1);
            return { error };
          },
        ),
      ),
    );
  }

  private wakeRoom(): void {
    const room = this.options.capacity - this.queue.length;
    for (const wake of this.roomWaiters.splice(0, Math.max(0, room))) wake();
  }

  private wakeDrained(): void {
    if (this.queue.length > 0) return;
    for (const wake of this.drainedWaiters.splice(0)) wake();
  }
}
