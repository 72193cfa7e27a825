/**
 * Sync (issue 7): our import against the floor measured in the same run — T_dump (ldapsearch of
 * the same attributes) and T_upsert (a raw batched upsert of the same rows) — on generated
 * directories of 10,000 and 100,000 users (and 30,000 for the chart), MariaDB (goals) and SQLite
 * (reported). Each size and database runs in a fresh child process (bench/sync/one-size.ts) so RSS
 * figures compare.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { startMariaDb } from '../test/support/mariadb.js';
import type { Bench } from './lib/bench.js';
import { fixed, print } from './lib/report.js';
import { copyHarnessAssets, projectRoot } from './sync/assets.js';
import { chartSvg } from './sync/chart.js';
import { runMemoryOnly, runOneSize } from './sync/children.js';
import { startSize } from './sync/environment.js';
import { GOAL_SIZES } from './sync/goals.js';
import { CAPPED_HEAP } from './sync/notes.js';
import { syncReport } from './sync/report.js';
import type { DatabaseKind, SyncResults } from './sync/types.js';

/** The two sizes, and one between them for the chart. */
const SIZES = [10_000, 30_000, 100_000];
const QUICK_SIZES = [1_000, 10_000];
const DATABASES: DatabaseKind[] = ['mariadb', 'sqlite'];
export const CHART = join('bench', 'sync-chart.svg');

/** Directories are served with the README's `index modifyTimestamp eq` unless `--only=` names this. */
const UNINDEXED = 'unindexed';

/**
 * `--only=` takes database names and sizes (`--only=mariadb,10000`); either kind left out means all
 * of it. `unindexed` serves the directory without the modifyTimestamp index (what a delta costs then).
 */
function selection(
  quick: boolean,
  only: string[],
): { sizes: number[]; databases: DatabaseKind[]; indexModifyTimestamp: boolean } {
  const sizes = (quick ? QUICK_SIZES : SIZES).filter(
    (s) => !only.some((o) => /^\d+$/.test(o)) || only.includes(String(s)),
  );
  const databases = DATABASES.filter(
    (d) => !only.some((o) => DATABASES.includes(o as DatabaseKind)) || only.includes(d),
  );
  return { sizes, databases, indexModifyTimestamp: !only.includes(UNINDEXED) };
}

async function runSizes(
  sizes: number[],
  databases: DatabaseKind[],
  indexModifyTimestamp: boolean,
): Promise<SyncResults> {
  const mariadb = await startMariaDb();
  const results: SyncResults = { sizes: [], memory: [], modifyTimestampIndexed: indexModifyTimestamp };
  try {
    for (const users of sizes) {
      const started = performance.now();
      const index = indexModifyTimestamp ? 'with index modifyTimestamp eq' : 'without a modifyTimestamp index';
      print(`generating ${users} users and starting slapd (${index})`);
      const size = await startSize(users, mariadb.url, { indexModifyTimestamp });
      print(`  (slapd with ${users} users up in ${fixed((performance.now() - started) / 1000, 1)} s)`);
      try {
        for (const db of databases) results.sizes.push(await runOneSize(size.env, db));
        if (databases.includes('mariadb') && GOAL_SIZES.includes(users))
          results.memory.push(await runMemoryOnly(size.env, 'mariadb', CAPPED_HEAP));
      } finally {
        await size.stop();
      }
    }
  } finally {
    await mariadb.stop();
  }
  return results;
}

const bench: Bench = async ({ quick, only }) => {
  const started = performance.now();
  copyHarnessAssets(import.meta.dirname);
  const { sizes, databases, indexModifyTimestamp } = selection(quick, only);
  const results = await runSizes(sizes, databases, indexModifyTimestamp);
  // like RESULTS.md, the chart only records complete runs
  if (!quick && only.length === 0) {
    writeFileSync(join(projectRoot(import.meta.dirname), CHART), chartSvg(results.sizes));
    print(`chart written to ${CHART}`);
  }
  return syncReport(results, (performance.now() - started) / 1000);
};

export default bench;
