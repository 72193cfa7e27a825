/** Value at quantile q (0..1) of ascending samples, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export function ascending(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}

export function median(samples: readonly number[]): number {
  return quantile(ascending(samples), 0.5);
}

/**
 * How alike two latency distributions are. `ovl`: overlapping coefficient over a common
 * histogram (1 = the same, 0 = fully apart). `auc`: P(a sample of a > one of b), ties
 * half (0.5 = an observer cannot tell which is which).
 */
export function overlap(a: readonly number[], b: readonly number[], bins = 40): { ovl: number; auc: number } {
  const all = ascending([...a, ...b]);
  const low = quantile(all, 0.01);
  const high = quantile(all, 0.99);
  const width = (high - low) / bins || 1;
  const histogram = (xs: readonly number[]): number[] => {
    const counts = new Array<number>(bins).fill(0);
    for (const x of xs) counts[Math.min(bins - 1, Math.max(0, Math.floor((x - low) / width)))] += 1;
    return counts.map((c) => c / xs.length);
  };
  const [ha, hb] = [histogram(a), histogram(b)];
  const ovl = ha.reduce((sum, pa, i) => sum + Math.min(pa, hb[i]), 0);
  return { ovl, auc: probabilityGreater(a, b) };
}

/** Mann-Whitney: share of (x in a, y in b) pairs with x > y, ties counted half. */
function probabilityGreater(a: readonly number[], b: readonly number[]): number {
  const sortedB = ascending(b);
  let wins = 0;
  for (const x of a) {
    const below = lowerBound(sortedB, x);
    const notAbove = upperBound(sortedB, x);
    wins += below + (notAbove - below) / 2;
  }
  return wins / (a.length * b.length);
}

function lowerBound(sorted: readonly number[], x: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: readonly number[], x: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
