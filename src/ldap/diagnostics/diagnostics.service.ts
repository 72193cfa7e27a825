import { Injectable } from '@nestjs/common';

import { LdapLogService } from '../../logs/ldap-log.service.js';
import { resolveBindIdentity } from '../syntax/bind-identity.js';
import { LdapConnection, type PageSizeRefusal } from '../client/ldap-connection.js';
import { userFilter } from '../directory/directory.service.js';
import { isDnUnder } from '../syntax/dn.js';
import { andFilters } from '../syntax/filter.js';
import { hintFor, LdapError, toLdapError } from '../ldap.error.js';
import { LdapConnectionSettings, LdapSettings } from '../settings/ldap-settings.types.js';
import { type AllowedTarget, resolveAllowedTarget } from '../target-guard.js';
import { tcpConnect } from './probes.js';
import { RECOGNITION_ATTRIBUTES, recogniseServer } from '../flavours/index.js';

export type StepName = 'resolve' | 'connect' | 'tls' | 'bind' | 'search';

export interface DiagnosticStep {
  step: StepName;
  ok: boolean;
  ms: number;
  message: string;
  hint?: string;
  code?: string;
  warnings?: string[];
}

export interface DiagnosticReport {
  ok: boolean;
  serverType?: string;
  steps: DiagnosticStep[];
  scopes?: { dn: string; filter: string; users: number; capped: boolean }[];
}

interface StepOutcome {
  message: string;
  warnings: string[];
}

/** Users are counted up to this many per scope: enough to tell an admin "it works", cheap on a big directory. */
export const COUNT_CAP = 10_000;

/**
 * "Test connection": resolve → connect → tls → bind → search, stopping at the first failure,
 * each step timed and, on failure, explained in plain words.
 */
@Injectable()
export class DiagnosticsService {
  constructor(private readonly logs: LdapLogService) {}

  async run(settings: LdapSettings, connection: LdapConnectionSettings, actor: string): Promise<DiagnosticReport> {
    const report: DiagnosticReport = { ok: false, steps: [] };
    let conn: LdapConnection | undefined;
    let target: AllowedTarget | undefined;
    try {
      await this.step(report, 'resolve', async () => {
        target = await resolveAllowedTarget(connection.host, connection.port, connection.timeoutMs);
        return `${connection.host} resolves to ${target.addresses.join(', ')}`;
      });
      await this.step(report, 'connect', async () => {
        await tcpConnect(connection.host, connection.port, target!, connection.timeoutMs);
        return `TCP connection to ${connection.host}:${connection.port} established`;
      });
      await this.step(report, 'tls', async () => {
        conn = await LdapConnection.open(connection);
        return tlsMessage(connection);
      });
      await this.step(report, 'bind', async () => {
        if (!connection.bindPassword) throw new LdapError('INVALID_CREDENTIALS', 'no bind password is set: enter one');
        await conn!.bindService(connection);
        return `bound as ${resolveBindIdentity(connection.bindUsername, connection.bindDn).bindAs}`;
      });
      await this.step(report, 'search', () => this.search(conn!, settings, report));
      report.ok = true;
    } catch {
      // The failed step is in the report; nothing else to do.
    } finally {
      await conn?.close();
    }
    await this.record(report, connection, actor, target?.addresses ?? []);
    return report;
  }

  private async step(report: DiagnosticReport, step: StepName, fn: () => Promise<string | StepOutcome>): Promise<void> {
    const started = performance.now();
    try {
      const outcome = await fn();
      const { message, warnings } = typeof outcome === 'string' ? { message: outcome, warnings: [] } : outcome;
      report.steps.push({
        step,
        ok: true,
        ms: elapsed(started),
        message,
        ...(warnings.length > 0 ? { warnings } : {}),
      });
    } catch (error) {
      const e = toLdapError(error);
      report.steps.push({ step, ok: false, ms: elapsed(started), message: e.message, code: e.code, hint: hintFor(e) });
      throw e;
    }
  }

  private async search(conn: LdapConnection, settings: LdapSettings, report: DiagnosticReport): Promise<StepOutcome> {
    const rootDse = await conn.rootDse([...RECOGNITION_ATTRIBUTES]).catch(() => undefined);
    report.serverType = rootDse ? recogniseServer(rootDse.attributes) : 'unknown';
    if (settings.searchScopes.length === 0)
      throw new LdapError('NO_SUCH_OBJECT', 'no search scope is set: add at least one DN and filter');
    report.scopes = [];
    const refusals: PageSizeRefusal[] = [];
    for (const scope of settings.searchScopes) {
      const counted = await countEntries(conn, scope.dn, scope.filter, settings.pageSize, refusals);
      report.scopes.push({ ...scope, users: counted.count, capped: counted.capped });
    }
    const warnings = [
      ...pageSizeWarnings(settings.pageSize, refusals),
      ...(await this.bindScopeWarnings(conn, settings)),
    ];
    const summary = report.scopes.map((s) => `${s.capped ? `more than ${COUNT_CAP}` : s.users} in ${s.dn}`).join('; ');
    return { message: `${report.serverType} server; users found: ${summary}`, warnings };
  }

  /** With Bind DN scope login on, everyone under the Bind DN may sign in: say so when that reaches beyond the scopes. */
  private async bindScopeWarnings(conn: LdapConnection, settings: LdapSettings): Promise<string[]> {
    if (!settings.allowBindDnScopeLogin || settings.bindDn === '') return [];
    let outside = 0;
    for await (const page of conn.pagedSearch(settings.bindDn, {
      filter: userFilter(settings),
      attributes: ['1.1'],
      pageSize: settings.pageSize,
    })) {
      outside += page.filter((e) => !settings.searchScopes.some((s) => isDnUnder(e.dn, s.dn))).length;
      if (outside >= COUNT_CAP) break;
    }
    return outside > 0
      ? [
          `${outside} users under the Bind DN ${settings.bindDn} are outside every search scope, and "allowBindDnScopeLogin" lets them sign in: everyone under the Bind DN could sign in`,
        ]
      : [];
  }

  /** Every test is logged with its target (host, port and the addresses it resolved to). */
  private async record(
    report: DiagnosticReport,
    connection: LdapConnectionSettings,
    actor: string,
    addresses: string[],
  ): Promise<void> {
    const failed = report.steps.find((s) => !s.ok);
    await this.logs.write({
      level: failed ? 'warn' : 'info',
      event: 'diagnostics.run',
      actor,
      message: failed
        ? `connection test to ${connection.host}:${connection.port} failed at ${failed.step}: ${failed.message}`
        : `connection test to ${connection.host}:${connection.port} succeeded`,
      // read back by the dashboard as the last connection test
      details: {
        ok: report.ok,
        host: connection.host,
        port: connection.port,
        addresses,
        failedStep: failed?.step ?? null,
        message: failed?.message ?? null,
        steps: report.steps.map(({ step, ok, ms, code }) => ({ step, ok, ms, code })),
        scopes: report.scopes,
      },
    });
  }
}

async function countEntries(
  conn: LdapConnection,
  base: string,
  filter: string,
  pageSize: number,
  refusals: PageSizeRefusal[],
): Promise<{ count: number; capped: boolean }> {
  let count = 0;
  const onPageSizeRefused = (refusal: PageSizeRefusal) => refusals.push(refusal);
  const options = { filter: andFilters(filter), attributes: ['1.1'], pageSize, onPageSizeRefused };
  for await (const page of conn.pagedSearch(base, options)) {
    count += page.length;
    if (count > COUNT_CAP) return { count: COUNT_CAP, capped: true };
  }
  return { count, capped: false };
}

/**
 * The server's page-size limit as far as the count found it: the largest page it refused and the
 * page size that then worked (OpenLDAP's size.pr and 389's per-page size limit are not readable
 * by the bind account, so they are learnt by asking).
 */
function pageSizeWarnings(pageSize: number, refusals: PageSizeRefusal[]): string[] {
  if (refusals.length === 0) return [];
  const smallestRefused = Math.min(...refusals.map((r) => r.refused));
  const worked = Math.min(...refusals.map((r) => r.next));
  return [
    `the server refuses pages of ${smallestRefused} entries (${refusals[0].reason}); pages of ${worked} worked, ` +
      `so its limit is between ${worked} and ${smallestRefused - 1}: set pageSize to ${worked} or lower ` +
      `(now ${pageSize}; searches retry with smaller pages meanwhile)`,
  ];
}

function tlsMessage(c: LdapConnectionSettings): string {
  if (c.encryption === 'none')
    return 'no encryption: the bind password and user passwords cross the network in clear text (choose SSL or StartTLS)';
  const how = c.encryption === 'ssl' ? 'SSL (LDAPS)' : 'StartTLS';
  return `${how} established, certificate ${c.verifyCertificate ? 'verified' : 'NOT verified (verifyCertificate is off)'}`;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
