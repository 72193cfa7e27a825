import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../app.module.js';
import { AppConfig } from '../config/app-config.js';

/**
 * The application the CLI commands run in: no HTTP server and no schedules (no cron job, no
 * settings poller), so a command's process ends when the command does. Same modules and
 * database as the server; migrations run on init.
 */
export function openCliContext(config: AppConfig, logger: LoggerService | false): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AppModule.forRoot(config, { schedules: false }), {
    logger,
    abortOnError: false,
  });
}
