import { CliCommand, UsageError } from './cli-command.js';
import { COMMANDS, parseCommandLine, usage } from './commands.js';

const importLike: CliCommand = {
  name: 'ldap:import',
  flags: ['--dry-run', '--full', '--force'],
  summary: 'import',
  run: async () => undefined,
};
const table = [...COMMANDS, importLike];

describe('parseCommandLine', () => {
  it('finds the command and splits arguments from flags', () => {
    const parsed = parseCommandLine(['admin:create', 'ops@example.com']);
    expect(parsed.command.name).toBe('admin:create');
    expect(parsed.args).toEqual(['ops@example.com']);
    const withFlags = parseCommandLine(['ldap:import', '--dry-run', '--full'], table);
    expect([...withFlags.flags]).toEqual(['--dry-run', '--full']);
  });

  it.each([
    [[], /no command given/],
    [['ldap:destroy'], /unknown command "ldap:destroy"/],
    [['admin:create'], /usage: admin:create <email>/],
    [['admin:create', 'a@example.com', 'b@example.com'], /usage: admin:create <email>/],
    [['ldap:disable', '--force'], /ldap:disable does not take --force/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});

describe('usage', () => {
  it('lists every command with its arguments and flags, and help', () => {
    const text = usage(table);
    for (const line of [
      'ldap:disable',
      'ldap:enable',
      'admin:reset-password <email>',
      'admin:create <email>',
      'ldap:import [--dry-run] [--full] [--force]',
      'help',
    ]) {
      expect(text).toContain(line);
    }
  });
});
