import { fixed, type Goal } from '../lib/report.js';
import type { Figures } from './figures.js';

export const LIMITS = { full: 1.5, resync: 1.2, deltaPercent: 5, rssRatio: 1.3, rssMb: 128 };
/** The directory sizes the issue sets goals for. */
export const GOAL_SIZES = [10_000, 100_000];

const seconds = (ms: number): string => fixed(ms / 1000, 2);

function sizeGoals(f: Figures, indexed: boolean): Goal[] {
  const size = `${f.users.toLocaleString('en-US')} users, MariaDB`;
  const allowedResync = LIMITS.resync * f.dump + f.comparison;
  return [
    {
      name: `${size}: full import`,
      target: `≤ ${LIMITS.full} × (T_dump + T_upsert)`,
      measured: `${fixed(f.full / f.floor)} ×`,
      met: f.full <= LIMITS.full * f.floor,
    },
    {
      name: `${size}: unchanged re-sync`,
      target: `≤ ${LIMITS.resync} × T_dump + comparison (here ${seconds(allowedResync)} s)`,
      measured: `${seconds(f.resync)} s = ${fixed((f.resync - f.comparison) / f.dump)} × T_dump + comparison ${seconds(f.comparison)} s`,
      met: f.resync <= allowedResync,
    },
    {
      name: `${size}: delta with 10 changed entries (${indexed ? 'slapd with index modifyTimestamp eq' : 'slapd WITHOUT a modifyTimestamp index'})`,
      target: `≤ ${LIMITS.deltaPercent} % of a full run (the full re-sync)`,
      measured: `${fixed((100 * f.delta) / f.resync, 1)} % (${seconds(f.delta)} of ${seconds(f.resync)} s)`,
      met: f.delta <= (LIMITS.deltaPercent / 100) * f.resync,
    },
  ];
}

function rssGoals(maria: Figures[]): Goal[] {
  const small = maria.find((f) => f.users === GOAL_SIZES[0]);
  const large = maria.find((f) => f.users === GOAL_SIZES[1]);
  if (!small || !large) return [];
  return [
    {
      name: 'peak RSS growth during the full import, 100k vs 10k users (MariaDB)',
      target: `≤ ${LIMITS.rssRatio} × growth at 10k`,
      measured: `${fixed(large.rssGrowth / small.rssGrowth)} × (${fixed(large.rssGrowth, 1)} vs ${fixed(small.rssGrowth, 1)} MB)`,
      met: large.rssGrowth <= LIMITS.rssRatio * small.rssGrowth,
    },
    {
      name: 'peak RSS growth during the full import at 100k users (MariaDB)',
      target: `≤ ${LIMITS.rssMb} MB`,
      measured: `${fixed(large.rssGrowth, 1)} MB`,
      met: large.rssGrowth <= LIMITS.rssMb,
    },
  ];
}

/**
 * The goals, on MariaDB at 10,000 and 100,000 users; SQLite and other sizes are reported
 * only. `indexed`: slapd had the modifyTimestamp index the deltas were measured with.
 */
export function syncGoals(all: Figures[], indexed: boolean): Goal[] {
  const maria = all.filter((f) => f.db === 'mariadb' && GOAL_SIZES.includes(f.users));
  return [...maria.flatMap((f) => sizeGoals(f, indexed)), ...rssGoals(maria)];
}
