import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';

import { SessionsRepository } from '../users/sessions.repository.js';

export const SESSION_SWEEP_JOB = 'session-sweep';
/** Hourly, off the hour (where sync schedules such as "0 * * * *" usually fall). */
export const SESSION_SWEEP_SCHEDULE = '23 * * * *';

/**
 * Deletes expired session rows. A session is refused once expired whether or not it was swept
 * (SessionService.resolve); the sweep only keeps the table from growing with sessions nobody
 * came back to. Every instance sweeps, with no lock: the delete is idempotent, so two instances
 * sweeping at once delete each expired row once between them. Scheduled on the server only
 * (the CLI has no ScheduleModule).
 */
@Injectable()
export class SessionSweeper {
  private readonly logger = new Logger(SessionSweeper.name);

  constructor(private readonly sessions: SessionsRepository) {}

  /** Deletes the sessions whose expiry has passed; returns how many. Throws what the database throws. */
  async sweep(): Promise<number> {
    return this.sessions.deleteExpiredSessions(new Date());
  }

  @Cron(SESSION_SWEEP_SCHEDULE, { name: SESSION_SWEEP_JOB })
  async sweepOnSchedule(): Promise<void> {
    try {
      const deleted = await this.sweep();
      if (deleted > 0) this.logger.log(`deleted ${deleted} expired sessions`);
    } catch (error) {
      // the next hour tries again
      this.logger.error(`expired sessions were not deleted: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
