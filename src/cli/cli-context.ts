import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../app.module.js';
import { AppConfig } from '../config/app-config.js';

/**
 * The application the CLI commands run in: no HTTP server, no web console (built or not, the
 * CLI says nothing about it) and no schedules (no cron job, no settings poller), so a command's
 * process ends when the command does. Same modules and database as the server; migrations run on init.
 */
export function openCliContext(config: AppConfig, logger: LoggerService | false): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AppModule.forRoot(config, { schedules: false, console: false }), {
    logger,
    abortOnError: false,
  });
}
