import type { BenchReport } from './report.js';

export interface BenchOptions {
  /** Fewer samples, for trying the benchmark out; figures are not worth recording. */
  quick: boolean;
  /** Run only these parts of a benchmark (`--only=a,b`); every part when empty. */
  only: string[];
}

/** The default export of every bench/*.bench.ts file, run by bench/run.ts. */
export type Bench = (options: BenchOptions) => Promise<BenchReport>;

/** Forces a full collection when node runs with --expose-gc (bench/run.ts starts it so), twice to catch finalizers. */
export async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  for (let round = 0; round < 2; round += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
