import { median } from '../lib/stats.js';
import type { OurRun, SizeResult } from './types.js';

/** The figures a result row and a goal are read from, derived once. */
export interface Figures {
  users: number;
  db: SizeResult['db'];
  dump: number;
  upsert: number;
  floor: number;
  full: number;
  resync: number;
  /** Time the (median) re-sync spent in the compare step: loading candidates, planning, writing nothing (measured, not derived). */
  comparison: number;
  delta: number;
  deltaEntries: number[];
  rssGrowth: number;
  usersPerSecond: number;
}

export const COMPARE_STEP = 'upsert batches (compare + write + their log lines)';

/** The run with the median duration (the lower middle one of an even count). */
export function medianRun(runs: OurRun[]): OurRun {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function figuresOf(result: SizeResult): Figures {
  const dump = median(result.dumpMs);
  const upsert = median(result.upsertMs);
  const resync = medianRun(result.resyncs);
  return {
    users: result.users,
    db: result.db,
    dump,
    upsert,
    floor: dump + upsert,
    full: result.full.ms,
    resync: resync.ms,
    comparison: resync.breakdown[COMPARE_STEP] ?? Number.NaN,
    delta: medianRun(result.deltas).ms,
    deltaEntries: result.deltas.map((d) => d.entries),
    rssGrowth: result.rss.growthMb,
    usersPerSecond: result.users / (result.full.ms / 1000),
  };
}
