import 'reflect-metadata';

import { isIPv6 } from 'node:net';

import { Logger } from '@nestjs/common';

import { createApp } from './app.factory.js';
import { ConfigError } from './config/env.schema.js';
import { loadConfig } from './config/load-config.js';
import { BootstrapAdminService } from './users/bootstrap-admin.service.js';
import { consoleBuilt } from './web/console.module.js';

async function main(): Promise<void> {
  // lines logged before the application's logger (pino) is in place wait for it, in its format
  Logger.attachBuffer();
  const config = loadConfig();
  const logger = new Logger('Main');
  if (config.appKeySource === 'generated') {
    logger.warn(
      `APP_KEY was not set: generated one in ${config.appKeyFile}. Keep that file, or pin the key with APP_KEY=$(cat ${config.appKeyFile})`,
    );
  }
  const app = await createApp(config);
  const admin = await app.get(BootstrapAdminService).ensureAdmin();
  if (config.host) await app.listen(config.port, config.host);
  else await app.listen(config.port);
  const url = `http://${shownHost(config.host)}:${config.port}`;
  logger.log(
    `helpdesk-ldap listening on ${url}/api (docs: ${url}/api/docs), database ${config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : 'mysql'}`,
  );
  logger.log(
    consoleBuilt(config.webRoot)
      ? `sign in at ${url}/`
      : 'the web console is not built: run "npm run build:web", then restart',
  );
  if (admin?.generatedPassword) {
    // Shown once, on the operator's terminal, and nowhere else.
    process.stdout.write(
      `\n  Bootstrap admin created\n    email:    ${admin.email}\n    password: ${admin.generatedPassword}\n  Sign in at ${url}/ and change it.\n\n`,
    );
  } else if (admin) {
    logger.log(`bootstrap admin ${admin.email} created with BOOTSTRAP_ADMIN_PASSWORD`);
  }
}

/** The host of the URL the banner shows: localhost when every address is listened on. */
function shownHost(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return 'localhost';
  return isIPv6(host) ? `[${host}]` : host;
}

main().catch((error: unknown) => {
  Logger.flush(); // what was logged before the failure, still held for pino
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
  } else {
    process.stderr.write(
      `failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
