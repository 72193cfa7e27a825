import { CronTime } from 'cron';

/**
 * Why a cron expression cannot be a sync schedule, or null when it can: it must parse (5
 * fields, or 6 with seconds first) and come round at all (`0 0 31 2 *` never does).
 * Checked with the `cron` package, the one the scheduler runs it with.
 */
export function cronScheduleError(expression: string): string | null {
  try {
    new CronTime(expression.trim()).sendAt(1);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    if (/no execution date/i.test(reason)) return `"${expression}" never comes round (no such date)`;
    return `"${expression}" is not a valid cron expression (${reason})`;
  }
  return null;
}

/**
 * The next `count` times the expression fires, as ISO 8601 strings with the server's own UTC
 * offset (cron reads expressions in the server's time zone); [] when it is not a valid schedule.
 */
export function nextRunTimes(expression: string, count = 3): string[] {
  if (cronScheduleError(expression) !== null) return [];
  return new CronTime(expression.trim()).sendAt(count).map((run) => run.toISO() ?? run.toJSDate().toISOString());
}
