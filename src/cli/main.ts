import 'reflect-metadata';

import { userInfo } from 'node:os';

import { HttpException, INestApplicationContext } from '@nestjs/common';

import { ConfigError } from '../config/env.schema.js';
import { DomainError } from '../common/domain-error.js';
import { loadConfig } from '../config/load-config.js';
import { UsageError } from './cli-command.js';
import { openCliContext } from './cli-context.js';
import { CliLogger, firstLine } from './cli-logger.js';
import { HELP_WORDS, ParsedCommandLine, parseCommandLine, usage } from './commands.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string) => process.stderr.write(`${line}\n`);

/** The break-glass CLI: `npm run cli -- <command>`. Exit codes: 0 done, 1 refused or failed, 2 usage. */
async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && HELP_WORDS.has(argv[0])) {
    process.stdout.write(usage());
    return 0;
  }
  let parsed: ParsedCommandLine;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    fail(`error: ${error.message}\n`);
    process.stderr.write(usage());
    return 2;
  }
  const app = await openContext();
  try {
    await parsed.command.run(app, { args: parsed.args, flags: parsed.flags, actor: actor(), print: out });
    return 0;
  } finally {
    await app.close();
  }
}

/** The CLI's application context (see openCliContext), after a warning about a generated key. */
async function openContext(): Promise<INestApplicationContext> {
  const config = loadConfig();
  if (config.appKeySource === 'generated') {
    fail(
      `warning: APP_KEY is not set and ${config.appKeyFile} did not exist, so a new key was generated: run the CLI with the server's APP_KEY (or DATA_DIR) to read its stored secrets`,
    );
  }
  return openCliContext(config, new CliLogger());
}

function actor(): string {
  try {
    return `cli (${userInfo().username})`;
  } catch {
    return 'cli';
  }
}

function describe(error: unknown): string {
  if (error instanceof ConfigError) return `configuration error: ${error.message}`;
  if (error instanceof DomainError) {
    const hint = error.details().hint;
    return `error: ${error.message} (${error.code})${typeof hint === 'string' ? `\nhint: ${hint}` : ''}`;
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : ((response as { message?: string | string[] }).message ?? error.message);
    return `error: ${[message].flat().join('; ')}`;
  }
  return `error: ${firstLine(error)}`;
}

// exitCode, not exit(): the process ends when nothing is left to do, so a timer or connection a
// command left open shows up as a CLI that does not return (test/cli checks that it ends by itself).
main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const line = describe(error);
    if (!CliLogger.printed(line)) fail(line);
    process.exitCode = 1;
  },
);
