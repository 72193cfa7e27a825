import { Injectable } from '@nestjs/common';

import { LdapLogService } from '../../logs/ldap-log.service.js';
import { configuredServers, type ListedServer, lookupSrv, mergeDiscovered } from '../client/server-list.js';
import { LdapConnectionSettings, LdapSettings } from '../settings/ldap-settings.types.js';
import { type DiagnosticStep, diagnoseServer, type ScopeCount, type ServerDiagnosis } from './server-diagnosis.js';

export type { DiagnosticStep, StepName } from './server-diagnosis.js';
export { COUNT_CAP } from './server-diagnosis.js';

/** A test dials at most this many servers (an AD domain may publish dozens of domain controllers). */
export const MAX_TESTED_SERVERS = 20;

/** One server in the report (ServerDiagnosis without the resolved addresses, which are only logged). */
export type ServerReport = Omit<ServerDiagnosis, 'addresses'>;

/** The DNS SRV lookup, when srvDomain is set. */
export interface SrvReport {
  domain: string;
  /** The record name asked, e.g. `_ldap._tcp.example.com`. */
  name: string;
  ok: boolean;
  records: { host: string; port: number; priority: number; weight: number }[];
  message: string;
}

/**
 * The connection test. `servers` holds every listed server; `ok`, `steps`, `serverType` and
 * `scopes` are those of the first reachable server (the one connections would use), or of the
 * first server when none is reachable, so a client that reads one server still reads the right one.
 */
export interface DiagnosticReport {
  ok: boolean;
  serverType?: string;
  steps: DiagnosticStep[];
  scopes?: ScopeCount[];
  servers: ServerReport[];
  srv?: SrvReport;
  warnings: string[];
}

/**
 * "Test connection": every server (host, backup servers, SRV records) is tested at once, each
 * resolve → connect → tls → bind → search, and the SRV lookup is reported on its own.
 */
@Injectable()
export class DiagnosticsService {
  constructor(private readonly logs: LdapLogService) {}

  /**
   * Tests every server and logs the report (`diagnostics.run`); `unsaved` marks a test of values
   * that differ from the stored settings, which the dashboard does not take as the directory's state.
   */
  async run(
    settings: LdapSettings,
    connection: LdapConnectionSettings,
    actor: string,
    unsaved = false,
  ): Promise<DiagnosticReport> {
    let servers = configuredServers(connection);
    let srv: SrvReport | undefined;
    if (connection.srvDomain) {
      const lookup = await lookupSrv(connection.srvDomain, connection.encryption);
      servers = mergeDiscovered(servers, lookup.servers);
      srv = srvReport(lookup);
    }
    const tested = servers.slice(0, MAX_TESTED_SERVERS);
    const diagnoses = await Promise.all(tested.map((server) => diagnoseServer(settings, connection, server)));
    const report = summarise(diagnoses, srv);
    if (servers.length > tested.length)
      report.warnings.push(
        `${servers.length - tested.length} more servers from DNS SRV were not tested (at most ${MAX_TESTED_SERVERS} a test)`,
      );
    await this.record(report, diagnoses, actor, unsaved);
    return report;
  }

  /** Every test is logged with its targets (host, port and the addresses each resolved to). */
  private async record(
    report: DiagnosticReport,
    diagnoses: ServerDiagnosis[],
    actor: string,
    unsaved: boolean,
  ): Promise<void> {
    const chosen = diagnoses.find((d) => d.reachable) ?? diagnoses[0];
    const failed = report.steps.find((s) => !s.ok);
    const names = diagnoses.map((d) => `${d.host}:${d.port}`).join(', ') || 'no server';
    await this.logs.write({
      level: report.ok && report.warnings.length === 0 ? 'info' : 'warn',
      event: 'diagnostics.run',
      actor,
      message:
        diagnoses.length <= 1
          ? failed
            ? `connection test to ${names} failed at ${failed.step}: ${failed.message}`
            : `connection test to ${names} succeeded`
          : [`connection test to ${names} ${report.ok ? 'succeeded' : 'failed'}`, ...report.warnings].join('; '),
      // read back by the dashboard as the last connection test
      details: {
        ok: report.ok,
        // the dashboard shows the newest test of the stored settings, not one of values left unsaved
        unsaved,
        host: chosen?.host ?? null,
        port: chosen?.port ?? null,
        addresses: chosen?.addresses ?? [],
        failedStep: failed?.step ?? null,
        message: failed?.message ?? null,
        steps: report.steps.map(({ step, ok, ms, code }) => ({ step, ok, ms, code })),
        scopes: report.scopes,
        servers: diagnoses.map((d) => ({
          host: d.host,
          port: d.port,
          source: d.source,
          addresses: d.addresses,
          ok: d.ok,
          failedStep: d.steps.find((s) => !s.ok)?.step ?? null,
        })),
        srv: report.srv,
      },
    });
  }
}

function summarise(diagnoses: ServerDiagnosis[], srv: SrvReport | undefined): DiagnosticReport {
  const servers: ServerReport[] = diagnoses.map(({ addresses: _a, ...server }) => server);
  const warnings = servers
    .filter((s) => !s.ok)
    .map((s) => {
      const failed = s.steps.find((step) => !step.ok);
      return `${s.host}:${s.port} (${SOURCE_WORDS[s.source]}) failed at ${failed?.step}: ${failed?.message}`;
    });
  if (srv && !srv.ok) warnings.push(srv.message);
  const chosen = servers.find((s) => s.reachable) ?? servers[0];
  if (!chosen) {
    const message = srv
      ? `no server to test: no host, no backup server, and ${srv.message}`
      : 'no server to test: set a host, a backup server or an SRV domain';
    return {
      ok: false,
      steps: [{ step: 'resolve', ok: false, ms: 0, message, code: 'DNS' }],
      servers,
      ...(srv ? { srv } : {}),
      warnings,
    };
  }
  return {
    ok: chosen.ok,
    ...(chosen.serverType ? { serverType: chosen.serverType } : {}),
    steps: chosen.steps,
    ...(chosen.scopes ? { scopes: chosen.scopes } : {}),
    servers,
    ...(srv ? { srv } : {}),
    warnings,
  };
}

const SOURCE_WORDS: Record<ListedServer['source'], string> = {
  host: 'host',
  backup: 'backup server',
  'dns-srv': 'DNS SRV',
};

function srvReport(lookup: Awaited<ReturnType<typeof lookupSrv>>): SrvReport {
  const records = lookup.servers.map((server, i) => ({
    host: server.host,
    port: server.port,
    priority: lookup.records[i].priority,
    weight: lookup.records[i].weight,
  }));
  const age = lookup.cachedMs !== undefined ? ` (answer from ${Math.round(lookup.cachedMs / 1000)} s ago)` : '';
  if (lookup.error)
    return {
      domain: lookup.domain,
      name: lookup.name,
      ok: false,
      records,
      message:
        `SRV lookup of ${lookup.name} failed: ${lookup.error}` +
        (records.length > 0 ? `; using the last good answer${age}` : ''),
    };
  return {
    domain: lookup.domain,
    name: lookup.name,
    ok: true,
    records,
    message:
      records.length === 0
        ? `${lookup.name} has no SRV records`
        : `${lookup.name}: ${records.length} server${records.length === 1 ? '' : 's'}${age}`,
  };
}
