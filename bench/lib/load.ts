import { performance } from 'node:perf_hooks';

import { ascending, quantile } from './stats.js';

export interface LoadResult {
  concurrency: number;
  operations: number;
  p50: number;
  p99: number;
  /** Completed operations per second of wall time. */
  throughput: number;
  /** Raw figures, for merging rounds (see mergeLoads). */
  latencies: number[];
  seconds: number;
}

export interface LoadOptions {
  concurrency: number;
  /** Measured operations; fewer when maxSeconds runs out first. */
  operations: number;
  /** Stop starting operations after this long (slow subjects would otherwise take minutes). */
  maxSeconds?: number;
  /** Operations run first and not measured (caches, JIT, connections). */
  warmup?: number;
}

/** One operation: i is its sequence number, worker the index of the worker (0..concurrency-1) running it. */
export type Operation = (i: number, worker: number) => Promise<void>;

/**
 * A closed loop: `concurrency` workers each run one operation after another until `operations`
 * are done. Latency is per operation, throughput is over the whole wall time.
 */
export async function runLoad(operation: Operation, options: LoadOptions): Promise<LoadResult> {
  const { concurrency, operations, warmup = Math.min(operations, concurrency * 4), maxSeconds = Infinity } = options;
  await drive(operation, concurrency, warmup, 1_000_000, Infinity);
  const latencies: number[] = [];
  const started = performance.now();
  await drive(operation, concurrency, operations, 0, started + maxSeconds * 1000, latencies);
  return summarize(concurrency, latencies, (performance.now() - started) / 1000);
}

/** Rounds of the same load taken at different times, as one result. */
export function mergeLoads(rounds: LoadResult[]): LoadResult {
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  return summarize(
    rounds[0].concurrency,
    rounds.flatMap((r) => r.latencies),
    seconds,
  );
}

function summarize(concurrency: number, latencies: number[], seconds: number): LoadResult {
  const sorted = ascending(latencies);
  return {
    concurrency,
    operations: latencies.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    throughput: latencies.length / seconds,
    latencies,
    seconds,
  };
}

async function drive(
  operation: Operation,
  concurrency: number,
  count: number,
  offset: number,
  deadline: number,
  latencies?: number[],
): Promise<void> {
  let next = 0;
  const worker = async (w: number): Promise<void> => {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      const started = performance.now();
      await operation(offset + i, w);
      latencies?.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, (_, w) => worker(w)));
}

/** Latencies of operations run one at a time (concurrency 1), in order. */
export async function sampleSerially(count: number, operation: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await operation(i);
    samples.push(performance.now() - started);
  }
  return samples;
}
