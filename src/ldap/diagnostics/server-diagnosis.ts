import { LdapConnection, type PageSizeRefusal } from '../client/ldap-connection.js';
import type { ListedServer } from '../client/server-list.js';
import { userFilter } from '../directory/directory.service.js';
import { hintFor, LdapError, tlsFailureMessage, toLdapError } from '../ldap.error.js';
import type { LdapConnectionSettings, LdapSettings } from '../settings/ldap-settings.types.js';
import { resolveBindIdentity } from '../syntax/bind-identity.js';
import { isDnUnder } from '../syntax/dn.js';
import { andFilters } from '../syntax/filter.js';
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

export interface ScopeCount {
  dn: string;
  filter: string;
  users: number;
  capped: boolean;
}

/** One server's test: its steps up to the first failure. */
export interface ServerDiagnosis extends ListedServer {
  ok: boolean;
  /** The TCP connection was established (the connect step passed). */
  reachable: boolean;
  serverType?: string;
  steps: DiagnosticStep[];
  scopes?: ScopeCount[];
  /** The addresses the host resolved to (not in the API answer; logged). */
  addresses: string[];
}

interface StepOutcome {
  message: string;
  warnings: string[];
}

/** Users are counted up to this many per scope: enough to tell an admin "it works", cheap on a big directory. */
export const COUNT_CAP = 10_000;

/**
 * resolve → connect → tls → bind → search against one server (the shared encryption, CA and bind
 * account of `connection`, the host and port of `server`), stopping at the first failure, each step
 * timed and, on failure, explained in plain words. The target check runs in the resolve step and
 * again inside LdapConnection.openServer, which dials exactly this server (no failover). Never throws
 * for a directory failure.
 */
export async function diagnoseServer(
  settings: LdapSettings,
  connection: LdapConnectionSettings,
  server: ListedServer,
): Promise<ServerDiagnosis> {
  const c: LdapConnectionSettings = { ...connection, host: server.host, port: server.port };
  const report: ServerDiagnosis = { ...server, ok: false, reachable: false, steps: [], addresses: [] };
  const run = (step: StepName, fn: () => Promise<string | StepOutcome>) => timedStep(report.steps, step, fn);
  let conn: LdapConnection | undefined;
  let target: AllowedTarget | undefined;
  try {
    await run('resolve', async () => {
      target = await resolveAllowedTarget(c.host, c.port, c.timeoutMs);
      report.addresses = target.addresses;
      return `${c.host} resolves to ${target.addresses.join(', ')}`;
    });
    await run('connect', async () => {
      await tcpConnect(c.host, c.port, target!, c.timeoutMs);
      report.reachable = true;
      return `TCP connection to ${c.host}:${c.port} established`;
    });
    await run('tls', async () => {
      conn = await LdapConnection.openServer(c).catch((error: unknown) => {
        throw encryptionMismatch(toLdapError(error), c.encryption);
      });
      return tlsMessage(c);
    });
    await run('bind', async () => {
      if (!c.bindPassword)
        throw new LdapError('INVALID_CREDENTIALS', c.bindPasswordWithheld ?? 'no bind password is set: enter one');
      await conn!.bindService(c);
      return `bound as ${resolveBindIdentity(c.bindUsername, c.bindDn).bindAs}`;
    });
    await run('search', () => search(conn!, settings, report));
    report.ok = true;
  } catch {
    // The failed step is in the report; nothing else to do.
  } finally {
    await conn?.close();
  }
  return report;
}

/**
 * A server that hangs up right after a successful TCP connect, at the SSL handshake or at the
 * StartTLS request, with no LDAP result code, is most likely a port speaking the other kind
 * (plain LDAP on 389, SSL on 636): said as such, not as a refused connection.
 */
function encryptionMismatch(error: LdapError, encryption: LdapConnectionSettings['encryption']): LdapError {
  if (error.resultCode !== undefined) return error;
  const hungUp =
    error.code === 'UNREACHABLE' ||
    error.code === 'PROTOCOL' ||
    /connection closed|ECONNRESET|socket hang up|wrong version number|packet length too long/i.test(error.detail ?? '');
  if (!hungUp || error.code === 'TIMEOUT' || (error.code === 'TLS' && error.tlsReason !== 'other')) return error;
  if (encryption === 'none') return error;
  const tlsReason = encryption === 'ssl' ? 'not-ldaps' : 'ldaps-port';
  return new LdapError('TLS', tlsFailureMessage(tlsReason), { tlsReason, detail: error.detail, cause: error });
}

async function timedStep(
  steps: DiagnosticStep[],
  step: StepName,
  fn: () => Promise<string | StepOutcome>,
): Promise<void> {
  const started = performance.now();
  try {
    const outcome = await fn();
    const { message, warnings } = typeof outcome === 'string' ? { message: outcome, warnings: [] } : outcome;
    steps.push({ step, ok: true, ms: elapsed(started), message, ...(warnings.length > 0 ? { warnings } : {}) });
  } catch (error) {
    const e = toLdapError(error);
    steps.push({ step, ok: false, ms: elapsed(started), message: e.message, code: e.code, hint: hintFor(e) });
    throw e;
  }
}

async function search(conn: LdapConnection, settings: LdapSettings, report: ServerDiagnosis): Promise<StepOutcome> {
  const rootDse = await conn.rootDse([...RECOGNITION_ATTRIBUTES]).catch(() => undefined);
  report.serverType = rootDse ? recogniseServer(rootDse.attributes) : 'unknown';
  if (settings.searchScopes.length === 0)
    throw new LdapError('NO_SUCH_OBJECT', 'no search scope is set: add at least one DN and filter');
  report.scopes = [];
  const refusals: PageSizeRefusal[] = [];
  const missing: string[] = [];
  for (const scope of settings.searchScopes) {
    try {
      const counted = await countEntries(conn, scope.dn, scope.filter, settings.pageSize, refusals);
      report.scopes.push({ ...scope, users: counted.count, capped: counted.capped });
    } catch (error) {
      // noSuchObject (32) on a search names its base (RFC 4511 §4.1.9, §4.5.1): the scope DN is not there.
      if (!(error instanceof LdapError && error.code === 'NO_SUCH_OBJECT')) throw error;
      missing.push(scope.dn);
    }
  }
  if (missing.length > 0) throw missingScopesError(missing, settings.searchScopes.length);
  const warnings = [...pageSizeWarnings(settings.pageSize, refusals), ...(await bindScopeWarnings(conn, settings))];
  const summary = report.scopes.map((s) => `${s.capped ? `more than ${COUNT_CAP}` : s.users} in ${s.dn}`).join('; ');
  return { message: `${report.serverType} server; users found: ${summary}`, warnings };
}

/** The failed search step when scope DNs do not exist on the server (each named). */
function missingScopesError(missing: string[], total: number): LdapError {
  const which =
    missing.length === 1 ? `search scope ${missing[0]} does not` : `search scopes ${missing.join('; ')} do not`;
  const effect =
    missing.length === total
      ? 'no user can be found through the search scopes'
      : 'users there cannot be found; the other scopes still work';
  return new LdapError('NO_SUCH_OBJECT', `${which} exist on this server (noSuchObject, result code 32); ${effect}`, {
    resultCode: 32,
  });
}

/** With Bind DN scope login on, everyone under the Bind DN may sign in: say so when that reaches beyond the scopes. */
async function bindScopeWarnings(conn: LdapConnection, settings: LdapSettings): Promise<string[]> {
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
