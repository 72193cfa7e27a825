import { cronScheduleError, nextRunTimes } from './cron-schedule.js';

describe('cronScheduleError', () => {
  it.each([
    '0 * * * *',
    '*/15 * * * *',
    '30 2 * * MON-FRI',
    '0 0 1 * *',
    '0 * * * * *',
    '* * * * * *',
    '@hourly',
    ' 0 * * * * ',
  ])('accepts %j', (expression) => {
    expect(cronScheduleError(expression)).toBeNull();
  });

  it.each([
    ['', /not a valid cron expression \(Too few fields\)/],
    ['0 * * *', /Too few fields/],
    ['0 * * * * * *', /Too many fields/],
    ['61 * * * *', /out of range/],
    ['0 25 * * *', /out of range/],
    ['*/0 * * * *', /step of zero/],
    ['every hour', /not a valid cron expression/],
    ['0 0 31 2 *', /never comes round/],
  ])('refuses %j', (expression, reason) => {
    expect(cronScheduleError(expression)).toMatch(reason);
  });
});

describe('nextRunTimes', () => {
  it('lists the next three runs, in order, in the future, with the server offset', () => {
    const runs = nextRunTimes('0 * * * *');
    expect(runs).toHaveLength(3);
    const times = runs.map((run) => new Date(run).getTime());
    expect(times[0]).toBeGreaterThan(Date.now());
    expect(times[1] - times[0]).toBe(3_600_000);
    expect(times[2] - times[1]).toBe(3_600_000);
    for (const run of runs) expect(run).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\.000(Z|[+-]\d\d:\d\d)$/);
  });

  it('is empty for an expression that is not a valid schedule', () => {
    expect(nextRunTimes('61 * * * *')).toEqual([]);
    expect(nextRunTimes('0 0 31 2 *')).toEqual([]);
  });
});
