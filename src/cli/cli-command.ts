import type { INestApplicationContext } from '@nestjs/common';

/** What a command gets: its positional arguments, its flags, who runs it, and where to print. */
export interface CliInput {
  args: string[];
  flags: ReadonlySet<string>;
  /** Recorded as the actor of what the command changes (LDAP log, settings' updatedBy). */
  actor: string;
  print(line: string): void;
}

/** One entry of the command table (see commands.ts). */
export interface CliCommand {
  name: string;
  /** Positional arguments as the usage shows them, e.g. ['<email>']; all required. */
  args?: readonly string[];
  /** Accepted flags, e.g. ['--dry-run']; anything else is a usage error. */
  flags?: readonly string[];
  summary: string;
  run(app: INestApplicationContext, input: CliInput): Promise<void>;
}

/** A refusal the operator can act on: one line on stderr, exit code 1. */
export class CliError extends Error {}

/** The command line itself is wrong: usage on stderr, exit code 2. */
export class UsageError extends Error {}
