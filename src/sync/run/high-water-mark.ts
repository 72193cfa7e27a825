import { createHash } from 'node:crypto';

import type { DirectoryEntry } from '../../ldap/client/directory-entry.js';
import { attr, attrs } from '../../ldap/client/directory-entry.js';
import type { LdapConnection } from '../../ldap/client/ldap-connection.js';
import { isDnUnder } from '../../ldap/syntax/dn.js';
import { escapeFilterValue } from '../../ldap/syntax/escape.js';
import { LdapError } from '../../ldap/ldap.error.js';
import type { ChangeCounter, MarkSource } from '../../ldap/flavours/flavour.js';
import { CHANGE_COUNTERS, FLAVOURS } from '../../ldap/flavours/index.js';

/**
 * Where a delta starts: a point every later change on this server is sure to follow, in the
 * change counter of the server's flavour (AD uSNChanged; elsewhere modifyTimestamp, whole seconds).
 */
export interface HighWaterMark {
  attribute: ChangeCounter;
  value: string;
  /**
   * For a counter local to one server (AD's uSNChanged: each domain controller counts its own
   * changes), a short tag of the server it was read from (see serverTag); a delta from it is only
   * valid on that server. Undefined for times, which every replica shares.
   */
  server?: string;
}

/** The mark read from the server, or why there is none (then every run is a full one). */
export type ServerMark = { mark: HighWaterMark; source: string } | { mark: undefined; reason: string };

/** Every flavour's mark sources, in registry order, with the counter each feeds. */
const SOURCES = FLAVOURS.flatMap((f) =>
  f.changeCounter.sources.map((source) => ({ source, counter: f.changeCounter.attribute })),
);
const ROOT_DSE_ATTRIBUTES = [
  ...new Set([
    ...SOURCES.flatMap(({ source }) => (source.from === 'root-dse' ? [source.attribute] : [])),
    'namingContexts',
  ]),
];

/**
 * The change mark, read from the server when a run starts: never our clock and never the stamps
 * of the entries the run reads (a change made during the run would push the mark past changes
 * the run read too early). Each flavour names where its server publishes one (see
 * src/ldap/flavours/): AD the root DSE's highestCommittedUSN; OpenLDAP (syncprov) the suffix's
 * contextCSN, which slapd advances only once every change before it is committed (with several
 * providers, the oldest of their CSNs); 389-ds the currentTime in cn=monitor; any other server
 * the root DSE's currentTime. The first source that answers decides, in registry order.
 * Times are cut to whole seconds: modifyTimestamp has one-second resolution and deltas search
 * modifyTimestamp>=mark, so a change in the same second is read again rather than missed.
 */
export async function readServerMark(conn: LdapConnection, scopeDns: readonly string[]): Promise<ServerMark> {
  const root = await optional(conn.rootDse(ROOT_DSE_ATTRIBUTES));
  for (const { source, counter } of SOURCES) {
    const found = await readSource(conn, root, scopeDns, source);
    if (!found) continue;
    const local = source.from === 'root-dse' && source.form === 'counter';
    const mark = { attribute: counter, value: found.value, ...(local ? { server: serverTag(conn.server) } : {}) };
    return { mark, source: local ? `${found.where} of ${conn.server}` : found.where };
  }
  return {
    mark: undefined,
    reason:
      'the directory publishes no change mark (AD highestCommittedUSN, a contextCSN from the syncprov overlay, or its current time)',
  };
}

async function readSource(
  conn: LdapConnection,
  root: DirectoryEntry | undefined,
  scopeDns: readonly string[],
  source: MarkSource,
): Promise<{ value: string; where: string } | undefined> {
  if (source.from === 'root-dse') {
    const raw = root && attr(root, source.attribute);
    const value = source.form === 'counter' ? (raw && /^\d+$/.test(raw) ? raw : undefined) : wholeSeconds(raw);
    return value ? { value, where: `the root DSE ${source.attribute}` } : undefined;
  }
  if (source.from === 'naming-context') {
    for (const context of namingContextsOf(root, scopeDns)) {
      const entry = await optional(
        conn.search(context, { scope: 'base', attributes: [source.attribute] }).then((entries) => entries[0]),
      );
      const value = entry && oldestCsnTime(attrs(entry, source.attribute));
      if (value) return { value, where: `the ${source.attribute} of ${context}` };
    }
    return undefined;
  }
  const entry = await optional(
    conn.search(source.dn, { scope: 'base', attributes: [source.attribute] }).then((entries) => entries[0]),
  );
  const value = entry && wholeSeconds(attr(entry, source.attribute));
  return value ? { value, where: `${source.dn} ${source.attribute}` } : undefined;
}

/** The naming contexts holding the scopes (each once), or every one when none does. */
export function namingContextsOf(root: DirectoryEntry | undefined, scopeDns: readonly string[]): string[] {
  const contexts = root ? attrs(root, 'namingContexts') : [];
  const used = contexts.filter((context) => scopeDns.some((dn) => isDnUnder(dn, context)));
  return used.length > 0 ? used : contexts;
}

/** A CSN is "<GeneralizedTime>#<count>#<server id>#<mod>"; a CSN per provider, the oldest is safe for all. */
export function oldestCsnTime(csns: readonly string[]): string | undefined {
  const times = csns.map((csn) => wholeSeconds(csn.split('#')[0])).filter((time): time is string => time !== undefined);
  return times.sort()[0];
}

/** A GeneralizedTime cut (never rounded up) to whole seconds in UTC (YYYYMMDDHHMMSSZ); undefined when it is not one. */
export function wholeSeconds(value: string | undefined): string | undefined {
  const ms = value === undefined ? undefined : generalizedTimeMs(value.replace(/[.,]\d+/, ''));
  if (ms === undefined) return undefined;
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-T:]/g, '')}Z`;
}

/** What the server refuses to tell us (no such entry, no access) is simply not a mark source. */
async function optional<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof LdapError && error.resultCode !== undefined) return undefined;
    throw error;
  }
}

/** Eight hex digits naming a server (host:port, any case) in a stored mark; the column is short. */
export function serverTag(server: string): string {
  return createHash('sha256').update(server.toLowerCase()).digest('hex').slice(0, 8);
}

/**
 * True when a delta may start from `mark` on the server `server` (host:port): always for a time,
 * and for a per-server counter only on the server it was read from. A mark stored before marks
 * named their server has no tag and is taken as it always was.
 */
export function markFitsServer(mark: HighWaterMark, server: string): boolean {
  return mark.server === undefined || mark.server === serverTag(server);
}

/** The stored form: `attribute:value`, with `@tag` for a per-server counter (at most 41 characters). */
export function formatMark(mark: HighWaterMark | undefined): string | null {
  return mark ? `${mark.attribute}:${mark.value}${mark.server ? `@${mark.server}` : ''}` : null;
}

export function parseMark(stored: string | null | undefined): HighWaterMark | undefined {
  const colon = stored?.indexOf(':') ?? -1;
  if (!stored || colon <= 0 || colon === stored.length - 1) return undefined;
  const attribute = CHANGE_COUNTERS.find((counter) => counter === stored.slice(0, colon));
  if (!attribute) return undefined;
  const [value, server] = stored.slice(colon + 1).split('@');
  if (!value || (server !== undefined && !/^[0-9a-f]{8}$/.test(server))) return undefined;
  return { attribute, value, ...(server !== undefined ? { server } : {}) };
}

/** The clause a delta run adds to each scope filter: >= so a change in the mark's own second is read again. */
export function deltaClause(mark: HighWaterMark): string {
  return `(${mark.attribute}>=${escapeFilterValue(mark.value)})`;
}

/** RFC 4517 §3.3.13 GeneralizedTime (YYYYMMDDHH[MM[SS]][.fff](Z|±hh[mm])) in ms since the epoch. */
export function generalizedTimeMs(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{2}(?:\d{2})?)$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi = '0', s = '0', frac = '0', zone] = m;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offset = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5) || '0');
    time -= sign * offset * 60_000;
  }
  return Number.isNaN(time) ? undefined : time;
}
