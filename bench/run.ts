/**
 * Runs every bench/*.bench.ts present (or those named: `run.js signin`), each in a child process,
 * prints their figures, replaces their sections of bench/RESULTS.md and exits 1 when a goal was
 * missed or a benchmark failed. `--quick` (fewer samples) and `--only=part,…` (some parts of a
 * benchmark) are for trying things out and leave RESULTS.md alone. `--help` lists them; a wrong
 * command line exits 2.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';

import { type BenchArgs, BenchUsageError, childFlags, parseBenchArgs } from './lib/args.js';
import { machineLines } from './lib/machine.js';
import { type BenchReport, goalsMarkdown, print, reportMarkdown, tableText } from './lib/report.js';

const SUFFIX = '.bench.js';

interface Outcome {
  name: string;
  report?: BenchReport;
  failure?: string;
}

function projectRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}

/** tsc copies no data files: the compiled test harness looks for its LDIF fixtures beside itself. */
function copyHarnessAssets(root: string): void {
  const fixtures = join('test', 'directories', 'fixtures');
  cpSync(join(root, fixtures), join(dirname(import.meta.dirname), fixtures), { recursive: true });
}

function presentFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(SUFFIX))
    .sort();
}

function usage(dir: string): string {
  const names = presentFiles(dir).map((file) => basename(file, SUFFIX));
  return [
    'Usage: npm run bench -- [name ...] [--quick] [--only=part,...]',
    '',
    `Runs the benchmarks named (present: ${names.join(', ')}), or every one, each in a child process;`,
    'prints their figures, replaces their sections of bench/RESULTS.md, and exits 1 when a goal was missed.',
    '',
    '  --quick          fewer samples, to try things out (bench/RESULTS.md is left alone)',
    '  --only=a,b       only these parts of a benchmark, as its file describes (RESULTS.md left alone)',
    '  -h, --help       this text',
    '',
  ].join('\n');
}

function benchFiles(dir: string, wanted: string[]): string[] {
  const names = presentFiles(dir);
  const chosen = wanted.length === 0 ? names : names.filter((file) => wanted.includes(basename(file, SUFFIX)));
  const unknown = wanted.filter((name) => !names.includes(`${name}${SUFFIX}`));
  if (unknown.length > 0)
    throw new BenchUsageError(
      `no benchmark named ${unknown.join(', ')}; present: ${names.map((n) => basename(n, SUFFIX)).join(', ')}`,
    );
  return chosen.map((file) => join(dir, file));
}

function runChild(file: string, flags: string[]): Promise<Outcome> {
  const name = basename(file, SUFFIX);
  const scratch = mkdtempSync(join(tmpdir(), 'bench-'));
  const reportPath = join(scratch, 'report.json');
  const child = spawn(
    process.execPath,
    ['--expose-gc', join(import.meta.dirname, 'lib', 'child.js'), file, reportPath, ...flags],
    {
      stdio: 'inherit',
    },
  );
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      const report = existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as BenchReport) : undefined;
      rmSync(scratch, { recursive: true, force: true });
      if (code === 0 && report) return resolve({ name, report });
      resolve({ name, failure: signal ? `killed by ${signal}` : `exited with ${code}` });
    });
  });
}

function section(outcome: Outcome, header: string[]): string {
  const body = outcome.report
    ? reportMarkdown(outcome.report)
    : `## ${outcome.name}\n\n**FAILED**: ${outcome.failure}\n`;
  return [`<!-- bench:${outcome.name} -->`, body, ...header, `<!-- /bench:${outcome.name} -->`].join('\n');
}

/** Replaces the sections of the benchmarks that ran, keeps those of the others. */
function writeResults(path: string, outcomes: Outcome[], header: string[]): void {
  let text = existsSync(path)
    ? readFileSync(path, 'utf8')
    : '# Benchmark results\n\nWritten by `bench/run.ts`; every figure is a ratio against a baseline measured in the same run.\n';
  for (const outcome of outcomes) {
    const block = section(outcome, header);
    const pattern = new RegExp(`<!-- bench:${outcome.name} -->[\\s\\S]*?<!-- /bench:${outcome.name} -->`);
    text = pattern.test(text) ? text.replace(pattern, () => block) : `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let args: BenchArgs;
  let files: string[];
  try {
    args = parseBenchArgs(argv, { names: true });
    files = benchFiles(import.meta.dirname, args.names);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${usage(import.meta.dirname)}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(usage(import.meta.dirname));
    return 0;
  }
  const root = projectRoot(import.meta.dirname);
  copyHarnessAssets(root);
  const command = `node ${relative(root, process.argv[1])}${argv.length > 0 ? ` ${argv.join(' ')}` : ''} (after tsc -p bench/tsconfig.json)`;
  const outcomes: Outcome[] = [];
  const loadBefore = loadavg()[0];
  for (const file of files) {
    print(`\n=== ${basename(file, SUFFIX)} ===`);
    outcomes.push(await runChild(file, childFlags(args)));
  }
  const partial = args.quick || args.only.length > 0;
  const header = [
    '',
    '#### Run',
    '',
    `- date: ${new Date().toISOString()}`,
    `- command: \`${command}\``,
    ...machineLines().map((l) => `- ${l}`),
    `- load average (1 min): ${loadBefore.toFixed(2)} before the run, ${loadavg()[0].toFixed(2)} at its end (the benchmark's own load included)`,
    '',
  ];
  if (!partial) writeResults(join(root, 'bench', 'RESULTS.md'), outcomes, header);
  for (const outcome of outcomes) {
    print(`\n=== ${outcome.name}: ${outcome.report ? 'results' : `FAILED (${outcome.failure})`} ===`);
    if (!outcome.report) continue;
    outcome.report.tables.forEach((table) => print(tableText(table)));
    print(goalsMarkdown(outcome.report.goals));
  }
  const missed = outcomes.flatMap(
    (o) => o.report?.goals.filter((g) => !g.met).map((g) => `${o.name}: ${g.name}`) ?? [`${o.name}: did not finish`],
  );
  print(missed.length === 0 ? 'All goals met.' : `Missed:\n${missed.map((m) => `  - ${m}`).join('\n')}`);
  if (partial) print('bench/RESULTS.md left as it was: --quick and --only runs are not recorded.');
  return missed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
