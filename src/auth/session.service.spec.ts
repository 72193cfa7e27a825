import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

import type { AppConfig } from '../config/app-config.js';
import type { LdapLogService } from '../logs/ldap-log.service.js';
import { SHUTDOWN_FLUSH_MS } from '../logs/log-write-queue.js';
import type { UserEntity } from '../users/entities/user.entity.js';
import type { SessionsRepository } from '../users/sessions.repository.js';
import type { UsersRepository } from '../users/users.repository.js';
import { SessionService } from './session.service.js';

// Shutdown with a database that never stores the last sign-in times: the wait ends, and what was
// not stored is counted, as are the times of sign-ins that come after it.
describe('SessionService at shutdown', () => {
  let warnings: string[];
  let stored: number;
  let stuck: boolean;
  let service: SessionService;

  beforeEach(() => {
    jest.useFakeTimers();
    [warnings, stored, stuck] = [[], 0, true];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    const users = {
      recordLogins: (rows: unknown[]) => {
        if (stuck) return new Promise<void>(() => undefined);
        stored += rows.length;
        return Promise.resolve();
      },
    } as unknown as UsersRepository;
    const sessions = { insertSessions: () => Promise.resolve() } as unknown as SessionsRepository;
    service = new SessionService({ sessionTtlSeconds: 60 } as AppConfig, sessions, users, {} as LdapLogService);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  const signIn = () =>
    service.start(
      { id: 1 } as UserEntity,
      'local',
      { ip: '127.0.0.1', secure: false } as Request,
      { clearCookie: () => undefined, cookie: () => undefined } as unknown as Response,
    );

  it('stops waiting for a stuck write after SHUTDOWN_FLUSH_MS and counts the times not stored', async () => {
    await signIn();
    await signIn();
    const shutdown = service.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(SHUTDOWN_FLUSH_MS);
    await shutdown;
    expect(warnings).toEqual([`2 last sign-in time(s) not stored within ${SHUTDOWN_FLUSH_MS} ms of shutdown`]);
  });

  it('counts the times of sign-ins after the shutdown flush instead of dropping them silently', async () => {
    stuck = false;
    await signIn();
    await service.beforeApplicationShutdown();
    expect(stored).toBe(1);
    await signIn();
    await jest.advanceTimersByTimeAsync(0);
    expect(stored).toBe(1);
    expect(warnings).toEqual(['1 last sign-in time(s) came after shutdown began: not stored']);
  });
});
