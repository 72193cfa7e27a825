/**
 * The sync benchmark alone: node --expose-gc bench/out/bench/sync-main.js [--quick] [--only=mariadb,10000]
 * (after tsc -p bench/sync/tsconfig.json). Prints the figures, writes bench/RESULTS-sync.md and
 * bench/sync-chart.svg, exits 1 when a goal is missed. --quick and --only runs are not recorded.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';

import { machineLines } from './lib/machine.js';
import { goalsMarkdown, print, reportMarkdown, tableText } from './lib/report.js';
import bench from './sync.bench.js';
import { projectRoot } from './sync/assets.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only =
    args
      .find((arg) => arg.startsWith('--only='))
      ?.slice('--only='.length)
      .split(',')
      .filter(Boolean) ?? [];
  const root = projectRoot(import.meta.dirname);
  const loadBefore = loadavg()[0];
  const report = await bench({ quick, only });
  report.tables.forEach((table) => print(tableText(table)));
  print(goalsMarkdown(report.goals));
  const command = `node --expose-gc ${relative(root, process.argv[1])}${args.length > 0 ? ` ${args.join(' ')}` : ''} (after tsc -p bench/sync/tsconfig.json)`;
  const run = [
    '',
    '#### Run',
    '',
    `- date: ${new Date().toISOString()}`,
    `- command: \`${command}\``,
    ...machineLines().map((l) => `- ${l}`),
    `- load average (1 min): ${loadBefore.toFixed(2)} before the run, ${loadavg()[0].toFixed(2)} at its end (the benchmark's own load included)`,
    '',
  ];
  if (quick || only.length > 0)
    print('bench/RESULTS-sync.md left as it was: --quick and --only runs are not recorded.');
  else
    writeFileSync(
      join(root, 'bench', 'RESULTS-sync.md'),
      ['<!-- bench:sync -->', reportMarkdown(report), ...run, '<!-- /bench:sync -->', ''].join('\n'),
    );
  const missed = report.goals.filter((g) => !g.met);
  print(missed.length === 0 ? 'All goals met.' : `Missed:\n${missed.map((g) => `  - ${g.name}`).join('\n')}`);
  return missed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
// servers and pools left behind would otherwise keep the process alive
process.exit();
