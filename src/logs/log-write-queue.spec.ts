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
});
