import type { LoggerService } from '@nestjs/common';

/**
 * Nest's start-up detail: one line per module (InstanceLoader), controller (RoutesResolver) and
 * route (RouterExplorer), well over a hundred lines that would bury the bootstrap admin's password.
 */
const DETAIL_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * The application's logger with Nest's start-up detail moved from info to debug (shown with
 * LOG_LEVEL=debug); everything else passes through unchanged. Nest passes the context last.
 */
export class FrameworkDetailLogger implements LoggerService {
  constructor(private readonly logger: Required<Pick<LoggerService, 'debug' | 'verbose' | 'fatal'>> & LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params.at(-1);
    if (typeof context === 'string' && DETAIL_CONTEXTS.has(context)) this.logger.debug(message, ...params);
    else this.logger.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.logger.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.logger.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.logger.debug(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.logger.verbose(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.logger.fatal(message, ...params);
  }
}
