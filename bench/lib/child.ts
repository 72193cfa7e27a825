/**
 * Runs one benchmark module in a process of its own (so one benchmark's memory does not count
 * against the next one's RSS figures): node --expose-gc child.js <module> <report.json> [--quick]
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import type { BenchOptions } from './bench.js';

const [modulePath, reportPath, ...flags] = process.argv.slice(2);
const only =
  flags
    .find((flag) => flag.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',')
    .filter(Boolean) ?? [];
const options: BenchOptions = { quick: flags.includes('--quick'), only };
const loaded = (await import(pathToFileURL(modulePath).href)) as {
  default: (options: BenchOptions) => Promise<unknown>;
};
const report = await loaded.default(options);
writeFileSync(reportPath, JSON.stringify(report));
// servers and pools the benchmark forgot would otherwise keep the process alive
process.exit(0);
