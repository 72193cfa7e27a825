/**
 * The sync benchmark alone: node --expose-gc bench/out/bench/sync-main.js [--quick] [--only=mariadb,10000]
 * (after tsc -p bench/sync/tsconfig.json). Prints the figures, writes bench/RESULTS-sync.md and
 * bench/sync-chart.svg, exits 1 when a goal is missed. --quick and --only runs are not recorded.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';

import { type BenchArgs, BenchUsageError, parseBenchArgs } from './lib/args.js';
import { machineLines } from './lib/machine.js';
import { goalsMarkdown, print, reportMarkdown, tableText } from './lib/report.js';
import bench from './sync.bench.js';
import { projectRoot } from './sync/assets.js';

const USAGE = [
  'Usage: node --expose-gc bench/out/bench/sync-main.js [--quick] [--only=mariadb,10000]',
  '',
  '  --quick          fewer samples, to try things out (bench/RESULTS-sync.md is left alone)',
  '  --only=a,b       database names and sizes to run; either kind left out means all of it (not recorded)',
  '  -h, --help       this text',
  '',
].join('\n');

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv, { names: false });
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { quick, only } = args;
  const root = projectRoot(import.meta.dirname);
  const loadBefore = loadavg()[0];
  const report = await bench({ quick, only });
  report.tables.forEach((table) => print(tableText(table)));
  print(goalsMarkdown(report.goals));
  const command = `node --expose-gc ${relative(root, process.argv[1])}${argv.length > 0 ? ` ${argv.join(' ')}` : ''} (after tsc -p bench/sync/tsconfig.json)`;
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
