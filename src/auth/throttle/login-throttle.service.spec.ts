import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';

import type { AppConfig } from '../../config/app-config.js';
import { SHUTDOWN_FLUSH_MS } from '../../logs/log-write-queue.js';
import type { LoginAttemptsRepository } from './login-attempts.repository.js';
import { LoginThrottleService } from './login-throttle.service.js';

// Shutdown with a database that never answers: the wait ends, and what was not written is counted.
describe('LoginThrottleService at shutdown', () => {
  let warnings: string[];
  let errors: string[];
  let written: number;
  let stuck: boolean;
  let throttle: LoginThrottleService;

  beforeEach(() => {
    jest.useFakeTimers();
    [warnings, errors, written, stuck] = [[], [], 0, true];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
    const attempts = {
      settleMany: (rows: unknown[]) => {
        if (stuck) return new Promise<void>(() => undefined);
        written += rows.length;
        return Promise.resolve();
      },
    } as unknown as LoginAttemptsRepository;
    throttle = new LoginThrottleService({} as AppConfig, attempts);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  const settle = () => throttle.settleBehind({ keys: ['a', 'b'], clearedOnSuccess: ['a'] }, 'succeeded');

  it('stops waiting for a stuck write after SHUTDOWN_FLUSH_MS and counts the settles left unwritten', async () => {
    settle();
    settle();
    const shutdown = throttle.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(SHUTDOWN_FLUSH_MS);
    await shutdown;
    expect(warnings).toEqual([
      `2 sign-in throttle settle(s) not written within ${SHUTDOWN_FLUSH_MS} ms of shutdown: their counts stay until their windows end`,
    ]);
    expect(errors).toEqual([]);
  });

  it('counts settles that come after the shutdown flush instead of dropping them silently', async () => {
    stuck = false;
    settle();
    await throttle.beforeApplicationShutdown();
    expect(written).toBe(1);
    settle();
    settle();
    await jest.advanceTimersByTimeAsync(0);
    expect(written).toBe(1);
    expect(warnings).toEqual([
      '1 sign-in throttle settle(s) came after shutdown began: not written, their counts stay until their windows end',
      '1 sign-in throttle settle(s) came after shutdown began: not written, their counts stay until their windows end',
    ]);
    expect(errors).toEqual([]);
  });
});
