import { parseArgs } from 'node:util';

/** What a benchmark run was asked for on its command line. */
export interface BenchArgs {
  /** Fewer samples, for trying things out; the run is not recorded. */
  quick: boolean;
  /** Only these parts of a benchmark (`--only=a,b`, or --only given more than once); every part when empty. */
  only: string[];
  help: boolean;
  /** The benchmarks named (run.ts); empty for all of them. */
  names: string[];
}

/** The command line is wrong: the message says how. */
export class BenchUsageError extends Error {}

/**
 * `[name ...] [--quick] [--only=a,b] [-h|--help]`, parsed by node:util's parseArgs in strict mode:
 * an unknown flag, a value on --quick, or a name where `names` is false throws BenchUsageError.
 */
export function parseBenchArgs(argv: string[], options: { names: boolean }): BenchArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: options.names,
      strict: true,
    });
    const only = values.only.flatMap((list) => list.split(',')).map((part) => part.trim());
    return { quick: values.quick, only: only.filter(Boolean), help: values.help, names: positionals };
  } catch (error) {
    // parseArgs says what is wrong in a TypeError with an ERR_PARSE_ARGS_* code
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
      throw new BenchUsageError((error as Error).message);
    throw error;
  }
}

/** The flags as a benchmark's child process reads them (lib/child.ts): `--quick`, `--only=a,b`. */
export function childFlags(args: BenchArgs): string[] {
  return [...(args.quick ? ['--quick'] : []), ...(args.only.length > 0 ? [`--only=${args.only.join(',')}`] : [])];
}
