import { ADMIN_COMMANDS } from './admin.commands.js';
import { CliCommand, UsageError } from './cli-command.js';
import { importCommand } from './import.command.js';
import { LDAP_COMMANDS } from './ldap.commands.js';

/** Every command, in the order the usage lists them. A new one is one more entry. */
export const COMMANDS: readonly CliCommand[] = [...LDAP_COMMANDS, importCommand, ...ADMIN_COMMANDS];

export const HELP_WORDS = new Set(['help', '--help', '-h']);

export interface ParsedCommandLine {
  command: CliCommand;
  args: string[];
  flags: Set<string>;
}

/** argv without node and the script: the command name, then its arguments and flags. */
export function parseCommandLine(
  argv: readonly string[],
  commands: readonly CliCommand[] = COMMANDS,
): ParsedCommandLine {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('no command given');
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const args = rest.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].find((f) => !command.flags?.includes(f));
  if (unknown) throw new UsageError(`${name} does not take ${unknown}`);
  const expected = command.args ?? [];
  if (args.length !== expected.length) throw new UsageError(`usage: ${synopsis(command)}`);
  return { command, args, flags };
}

export function usage(commands: readonly CliCommand[] = COMMANDS): string {
  const rows = [...commands.map((c) => [synopsis(c), c.summary]), ['help', 'show this text']];
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    'Usage: npm run cli -- <command> [arguments]',
    '',
    'Commands:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    '',
    'Works on the database the server uses (same DATABASE_URL, APP_KEY and DATA_DIR), with the server stopped or running.',
    'Exit codes: 0 done, 1 refused or failed, 2 usage error.',
    '',
  ].join('\n');
}

function synopsis(command: CliCommand): string {
  return [command.name, ...(command.args ?? []), ...(command.flags ?? []).map((f) => `[${f}]`)].join(' ');
}
