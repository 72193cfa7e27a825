import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { Logger as PinoLogger } from 'nestjs-pino';
import helmet from 'helmet';

import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { FieldValidationPipe } from './common/field-errors.js';
import { AppConfig } from './config/app-config.js';
import { consoleBuilt } from './web/console.module.js';
import { consoleMissing, csrfGuard, openerPolicyOverHttps } from './web/request-guards.js';

/**
 * helmet's defaults, less `upgrade-insecure-requests`: over plain http on a host other than
 * localhost it turns every asset request into https and the console stays blank. Scripts only
 * from our own origin, never inline; Mantine sets inline styles, hence 'unsafe-inline' for styles.
 */
const CONTENT_SECURITY_POLICY = {
  'upgrade-insecure-requests': null,
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};
import { FrameworkDetailLogger } from './logging/framework-detail.logger.js';
import { buildOpenApiDocument } from './openapi.js';

/** Builds the HTTP application; main.ts and the e2e tests share it. */
export async function createApp(
  config: AppConfig,
  options: { logger?: false | Logger['log'][] } = {},
): Promise<NestExpressApplication> {
  const logging = options.logger !== false;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { logging }), {
    logger: logging ? undefined : false,
    // held until pino takes over below, so the first lines have the same format as the rest
    bufferLogs: logging,
    // JSON bodies only: no form-encoded sign-in from another site (see csrfGuard).
    bodyParser: false,
  });
  if (logging) app.useLogger(new FrameworkDetailLogger(app.get(PinoLogger)));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Cross-Origin-Opener-Policy only over https: on plain http to a host other than localhost the
  // browser ignores it and logs an error on every page.
  app.use(helmet({ contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY }, crossOriginOpenerPolicy: false }));
  app.use(openerPolicyOverHttps);
  app.use(csrfGuard);
  if (config.webRoot && !consoleBuilt(config.webRoot)) app.use(consoleMissing);
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '256kb' });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new FieldValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app));
  return app;
}
