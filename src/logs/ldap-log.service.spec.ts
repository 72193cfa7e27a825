import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';

import type { LdapLogRepository } from './ldap-log.repository.js';
import { LdapLogService } from './ldap-log.service.js';
import { SHUTDOWN_FLUSH_MS } from './log-write-queue.js';

// Shutdown of the LDAP log: lines a stuck database never takes go to the process log in full;
// when everything was written in time, lines that come later are still written.
describe('LdapLogService at shutdown', () => {
  let errors: string[];
  let stored: string[];
  let stuck: boolean;
  let service: LdapLogService;

  beforeEach(() => {
    jest.useFakeTimers();
    [errors, stored, stuck] = [[], [], true];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    const logs = {
      insert: (rows: { message: string }[]) => {
        if (stuck) return new Promise<void>(() => undefined);
        stored.push(...rows.map((r) => r.message));
        return Promise.resolve();
      },
    } as unknown as LdapLogRepository;
    service = new LdapLogService(logs);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('writes the lines a stuck database did not take within SHUTDOWN_FLUSH_MS to the process log', async () => {
    await service.append(
      { level: 'info', event: 'test.one', message: 'first' },
      { level: 'info', event: 'test.two', message: 'second' },
    );
    const shutdown = service.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(SHUTDOWN_FLUSH_MS);
    await shutdown;
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^not written to the LDAP log: \{.*"event":"test\.one","message":"first"/);
    expect(errors[1]).toMatch(/"message":"second"/);
  });

  it('keeps writing lines that come after a shutdown flush that was in time', async () => {
    stuck = false;
    await service.append({ level: 'info', event: 'test.before', message: 'before' });
    await service.beforeApplicationShutdown();
    await service.append({ level: 'info', event: 'test.after', message: 'after' });
    await service.flush();
    expect(stored).toEqual(['before', 'after']);
    expect(errors).toEqual([]);
  });
});
