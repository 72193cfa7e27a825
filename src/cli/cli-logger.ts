import type { LoggerService } from '@nestjs/common';

/**
 * Nest's and TypeORM's own errors and warnings as one line each on stderr: an operator reads
 * messages, not stack traces; routine log lines are dropped.
 */
export class CliLogger implements LoggerService {
  private static lastError?: string;

  /** Whether this line was the last error Nest already printed (an initialisation failure). */
  static printed(line: string): boolean {
    return CliLogger.lastError === line;
  }

  log(): void {}

  error(message: unknown): void {
    CliLogger.lastError = `error: ${firstLine(message)}`;
    process.stderr.write(`${CliLogger.lastError}\n`);
  }

  warn(message: unknown): void {
    process.stderr.write(`warning: ${firstLine(message)}\n`);
  }
}

export function firstLine(message: unknown): string {
  const text = message instanceof Error ? message.message : String(message);
  return text.split('\n')[0];
}
