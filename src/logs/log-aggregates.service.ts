import { Injectable } from '@nestjs/common';

import { LdapLogRepository } from './ldap-log.repository.js';
import { LdapLogService } from './ldap-log.service.js';

export type SignInOutcome = 'succeeded' | 'failed' | 'blocked';

/**
 * Which log events count as which sign-in outcome. Each attempt writes exactly one of these
 * (SignInService writes one line per attempt).
 * SSO refusals and unknown users are logged at most once a minute per user and source, so SSO
 * failures are a lower bound.
 */
export const SIGN_IN_EVENTS: Readonly<Record<string, SignInOutcome>> = {
  'login.succeeded': 'succeeded',
  'sso.login': 'succeeded',
  'login.failed': 'failed',
  'login.unavailable': 'failed',
  'sso.unknown': 'failed',
  'sso.failed': 'failed',
  'login.blocked': 'blocked',
  'login.throttled': 'blocked',
  'sso.blocked': 'blocked',
};

export interface HourlySignIns {
  /** Start of the hour. */
  hour: Date;
  succeeded: number;
  failed: number;
  blocked: number;
}

export interface ConnectionTestSummary {
  at: Date;
  ok: boolean;
  failedStep: string | null;
  message: string | null;
}

const HOUR_MS = 3_600_000;

/** Aggregates of the LDAP log for the dashboard: counts, never raw lines. */
@Injectable()
export class LogAggregatesService {
  constructor(
    private readonly logs: LdapLogRepository,
    private readonly lines: LdapLogService,
  ) {}

  /** Sign-ins in each of the last 24 hours (the current one included), oldest first, zero-filled. */
  async signInsPerHour(now = new Date()): Promise<{ from: Date; to: Date; hours: HourlySignIns[] }> {
    const from = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS);
    const hours: HourlySignIns[] = Array.from({ length: 24 }, (_, i) => ({
      hour: new Date(from.getTime() + i * HOUR_MS),
      succeeded: 0,
      failed: 0,
      blocked: 0,
    }));
    const byKey = new Map(hours.map((h) => [hourKey(h.hour), h]));
    await this.lines.flush();
    for (const row of await this.logs.countPerHour(Object.keys(SIGN_IN_EVENTS), from)) {
      const bucket = byKey.get(row.hour);
      const outcome = SIGN_IN_EVENTS[row.event];
      if (bucket && outcome) bucket[outcome] += row.count;
    }
    return { from, to: now, hours };
  }

  /**
   * The newest connection test ("Test connection") of the stored settings, or null when none of
   * the last RECENT_TESTS was: a test of values left unsaved says nothing of the directory in use.
   */
  async lastConnectionTest(): Promise<ConnectionTestSummary | null> {
    await this.lines.flush();
    const tests = (await this.logs.newest('diagnostics.run', RECENT_TESTS)).map((line) => ({
      line,
      details: parseDetails(line.details),
    }));
    const found = tests.find((test) => test.details.unsaved !== true);
    if (!found) return null;
    const { line, details } = found;
    const ok = typeof details.ok === 'boolean' ? details.ok : line.level === 'info';
    return {
      at: line.createdAt,
      ok,
      failedStep: typeof details.failedStep === 'string' ? details.failedStep : null,
      message: typeof details.message === 'string' ? details.message : ok ? null : line.message,
    };
  }
}

/** Connection tests looked through for one of the stored settings. */
const RECENT_TESTS = 50;

/** `YYYY-MM-DD HH` in UTC, as the database buckets it. */
function hourKey(hour: Date): string {
  return hour.toISOString().slice(0, 13).replace('T', ' ');
}

function parseDetails(text: string | null): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
