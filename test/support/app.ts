import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';

import { createApp } from '../../src/app.factory.js';
import { AppConfig } from '../../src/config/app-config.js';
import { BootstrapAdminService } from '../../src/users/bootstrap-admin.service.js';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** Signs in and returns the session cookie for later requests. */
  signIn(login: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** The real application on a real database (a fresh SQLite file or MariaDB database). */
export async function startTestApp(databaseUrl: string, overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const config: AppConfig = {
    port: 0,
    databaseUrl,
    dataDir: mkdtempSync(join(tmpdir(), 'hd-data-')),
    appKey: randomBytes(32),
    appKeySource: 'env',
    bootstrapAdminEmail: ADMIN_EMAIL,
    bootstrapAdminPassword: ADMIN_PASSWORD,
    trustProxy: false,
    sessionTtlSeconds: 3600,
    loginThrottle: { perLogin: 10, perLoginWindowSeconds: 900, perClient: 1000, perClientWindowSeconds: 3600 },
    ...overrides,
  };
  const app = await createApp(config, { logger: false });
  await app.init();
  await app.get(BootstrapAdminService).ensureAdmin();
  const server = app.getHttpServer();
  const http = () => request(server);
  return {
    app,
    config,
    http,
    async signIn(login, password) {
      const res = await http().post('/api/auth/login').send({ login, password });
      if (res.status !== 200) throw new Error(`sign-in as ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return sessionCookie(res.headers['set-cookie']);
    },
    close: () => app.close(),
  };
}

export function sessionCookie(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = list.find((c) => c.startsWith('hd_session=') && !c.startsWith('hd_session=;'));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(list)}`);
  return cookie.split(';')[0];
}
