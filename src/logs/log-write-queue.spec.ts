import { LogWriteQueue, QueueClosedError } from './log-write-queue.js';

/** A writer the test opens and closes: rows it took, and a gate each write waits for. */
function gatedWriter() {
  const written: number[][] = [];
  let gate: { promise: Promise<void>; open: () => void } = opened();
  let failNext: Error | undefined;
  return {
    written,
    hold: () => (gate = closed()),
    release: () => gate.open(),
    failOnce: (error: Error) => (failNext = error),
    writeRows: async (rows: number[]) => {
      await gate.promise;
      if (failNext) {
        const error = failNext;
        failNext = undefined;
        throw error;
      }
      written.push(rows);
    },
  };
}

function opened() {
  return { promise: Promise.resolve(), open: () => undefined };
}

function closed() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Lets every pending promise callback run (no clock involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

function queueOf(writer: ReturnType<typeof gatedWriter>, failures: unknown[] = [], late: number[] = []) {
  return new LogWriteQueue<number>({
    writeRows: writer.writeRows,
    capacity: 10,
    batchSize: 4,
    retryMs: 1,
    onWriteFailed: (error) => failures.push(error),
    onLate: (rows) => late.push(rows),
  });
}

describe('LogWriteQueue', () => {
  it('writes appended rows in order, in batches of batchSize, and flush waits for all', async () => {
    const writer = gatedWriter();
    const queue = queueOf(writer);
    await queue.append(range(0, 6));
    await queue.append(range(6, 3));
    await queue.flush();
    expect(writer.written.flat()).toEqual(range(0, 9));
    expect(Math.max(...writer.written.map((b) => b.length))).toBeLessThanOrEqual(4);
    expect(queue.size).toBe(0);
  });

  it('makes append wait while the queue is full (back-pressure) and drops nothing', async () => {
    const writer = gatedWriter();
    const queue = queueOf(writer);
    writer.hold();
    await queue.append(range(0, 10));
    let admitted = false;
    const blocked = queue.append([10]).then(() => (admitted = true));
    await settle();
    expect(admitted).toBe(false);
    expect(queue.size).toBe(10);
    writer.release();
    await blocked;
    await queue.flush();
    expect(writer.written.flat()).toEqual(range(0, 11));
  });

  it('keeps appended rows after a failed write and writes them on the retry, once each', async () => {
    const writer = gatedWriter();
    const failures: unknown[] = [];
    const queue = queueOf(writer, failures);
    writer.failOnce(new Error('database gone'));
    await queue.append(range(0, 7));
    await queue.flush();
    expect(failures).toHaveLength(1);
    expect(writer.written.flat()).toEqual(range(0, 7));
  });

  it('answers write() once its rows are written, and with the error when they were not', async () => {
    const writer = gatedWriter();
    const queue = queueOf(writer);
    await expect(queue.write([1, 2])).resolves.toBeUndefined();
    expect(writer.written.flat()).toEqual([1, 2]);
    writer.failOnce(new Error('constraint'));
    await expect(queue.write([3])).rejects.toThrow('constraint');
    await queue.flush();
    expect(writer.written.flat()).toEqual([1, 2]);
  });

  it('hands back what is still queued when told to stop waiting, and rejects waiting writers', async () => {
    const writer = gatedWriter();
    const queue = queueOf(writer);
    writer.hold();
    await queue.append([1, 2, 3, 4, 5]);
    const waiting = queue.write([6]);
    expect(queue.takeUnwritten()).toEqual([1, 2, 3, 4, 5, 6]);
    await expect(waiting).rejects.toThrow(/closed/);
    writer.release();
  });

  it('flushWithin gives up on a writer that never answers, and answers true once flushed', async () => {
    const writer = gatedWriter();
    const queue = queueOf(writer);
    writer.hold();
    await queue.append([1, 2]);
    expect(await queue.flushWithin(1)).toBe(false);
    expect(queue.size).toBe(2);
    writer.release();
    expect(await queue.flushWithin(60_000)).toBe(true);
    expect(writer.written.flat()).toEqual([1, 2]);
  });

  it('counts rows that come after takeUnwritten to onLate, and writes none of them', async () => {
    const writer = gatedWriter();
    const late: number[] = [];
    const queue = queueOf(writer, [], late);
    expect(queue.takeUnwritten()).toEqual([]);
    await queue.append([1, 2]);
    await expect(queue.write([3])).rejects.toBeInstanceOf(QueueClosedError);
    await settle();
    expect(late).toEqual([2, 1]);
    expect(queue.size).toBe(0);
    expect(writer.written).toEqual([]);
  });

  it('counts to onLate the rows of an append that waited for room while the queue was closed', async () => {
    const writer = gatedWriter();
    const late: number[] = [];
    const queue = queueOf(writer, [], late);
    writer.hold();
    await queue.append(range(0, 10));
    const waiting = queue.append([10]);
    expect(queue.takeUnwritten()).toEqual(range(0, 10));
    await waiting;
    expect(late).toEqual([1]);
    expect(queue.size).toBe(0);
    writer.release();
  });

  it('with writeAloneOnFailure, tries a failed batch row by row: a bad row fails its own writer only', async () => {
    const written: number[][] = [];
    const failures: unknown[] = [];
    let gate = closed();
    const queue = new LogWriteQueue<number>({
      writeRows: async (rows) => {
        await gate.promise;
        if (rows.includes(7)) throw new Error(`row 7 refused among ${rows.length}`);
        written.push(rows);
      },
      capacity: Number.MAX_SAFE_INTEGER,
      batchSize: 4,
      retryMs: 1,
      onWriteFailed: (error) => failures.push(error),
      writeAloneOnFailure: true,
    });
    const first = queue.write([0]);
    const rest = [5, 6, 7, 8].map((row) => queue.write([row]));
    gate.open();
    gate = opened();
    const answers = await Promise.allSettled([first, ...rest]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((answers[3] as PromiseRejectedResult).reason).toEqual(new Error('row 7 refused among 1'));
    expect(failures).toEqual([new Error('row 7 refused among 1')]);
    expect(written).toEqual([[0], [5], [6], [8]]);
  });

  it('close waits for the queue, then refuses later rows; it answers the rows the time did not let through', async () => {
    const writer = gatedWriter();
    const late: number[] = [];
    const queue = queueOf(writer, [], late);
    await queue.append([1, 2]);
    expect(await queue.close(60_000)).toEqual([]);
    expect(writer.written.flat()).toEqual([1, 2]);
    await queue.append([3]);
    expect(late).toEqual([1]);
    await queue.flush();

    const stuck = gatedWriter();
    const other = queueOf(stuck);
    stuck.hold();
    await other.append([1, 2]);
    expect(await other.close(1)).toEqual([1, 2]);
    await other.flush();
    stuck.release();
  });

  it("close(ms, 'when-late') keeps writing once everything was written in time", async () => {
    const writer = gatedWriter();
    const late: number[] = [];
    const queue = queueOf(writer, [], late);
    await queue.append([1]);
    expect(await queue.close(60_000, 'when-late')).toEqual([]);
    await queue.append([2]);
    await queue.flush();
    expect(writer.written.flat()).toEqual([1, 2]);
    expect(late).toEqual([]);
    writer.hold();
    await queue.append([3]);
    expect(await queue.close(1, 'when-late')).toEqual([3]);
    writer.release();
  });
});
