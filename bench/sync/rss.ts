import { collectGarbage } from '../lib/bench.js';

export interface RssFigures {
  beforeMb: number;
  peakMb: number;
  growthMb: number;
  samples: number;
  /** process.memoryUsage() at the peak, MB: where the resident memory was. */
  atPeak: { heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  /** Heap in use after a full GC, after the run minus before it (MB): what the run kept. */
  retainedMb: number;
}

const MB = 2 ** 20;

async function liveHeap(): Promise<number> {
  await collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * process.memoryUsage() every intervalMs in this process while `run` runs; growth is the peak RSS
 * over the level at the start (taken after a full GC).
 */
export async function withRssSampling<T>(
  run: () => Promise<T>,
  intervalMs = 50,
): Promise<{ result: T; rss: RssFigures }> {
  const liveBefore = await liveHeap();
  let peak = process.memoryUsage();
  const before = peak.rss;
  let samples = 0;
  const take = (): void => {
    const usage = process.memoryUsage();
    if (usage.rss > peak.rss) peak = usage;
    samples += 1;
  };
  const timer = setInterval(take, intervalMs);
  try {
    const result = await run();
    take();
    const atPeak = {
      heapTotal: peak.heapTotal / MB,
      heapUsed: peak.heapUsed / MB,
      external: peak.external / MB,
      arrayBuffers: peak.arrayBuffers / MB,
    };
    const rss = {
      beforeMb: before / MB,
      peakMb: peak.rss / MB,
      growthMb: (peak.rss - before) / MB,
      samples,
      atPeak,
      retainedMb: 0,
    };
    return { result, rss: { ...rss, retainedMb: ((await liveHeap()) - liveBefore) / MB } };
  } finally {
    clearInterval(timer);
  }
}
