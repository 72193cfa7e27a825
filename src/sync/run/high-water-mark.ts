import type { DirectoryEntry } from '../../ldap/client/directory-entry.js';
import { attr } from '../../ldap/client/directory-entry.js';
import { escapeFilterValue } from '../../ldap/escape.js';

/**
 * The server's own change counter: AD's uSNChanged when present (per domain controller, exact),
 * else modifyTimestamp (OpenLDAP, 389-ds; one-second resolution, so deltas use >=).
 */
export interface HighWaterMark {
  attribute: 'uSNChanged' | 'modifyTimestamp';
  value: string;
}

/** Operational attributes a search must name to get them back. */
export const CHANGE_ATTRIBUTES = ['modifyTimestamp', 'uSNChanged'];

export function entryMark(entry: DirectoryEntry): HighWaterMark | undefined {
  const usn = attr(entry, 'uSNChanged');
  if (usn && /^\d+$/.test(usn)) return { attribute: 'uSNChanged', value: usn };
  const stamp = attr(entry, 'modifyTimestamp');
  if (stamp && generalizedTimeMs(stamp) !== undefined) return { attribute: 'modifyTimestamp', value: stamp };
  return undefined;
}

/** The later of two marks; a mark of another kind (server changed) replaces the old one. */
export function laterMark(current: HighWaterMark | undefined, next: HighWaterMark | undefined): HighWaterMark | undefined {
  if (!current || !next) return current ?? next;
  if (current.attribute !== next.attribute) return next;
  return compareMarks(next, current) > 0 ? next : current;
}

/**
 * The latest mark of a page of entries and the current one. Consecutive entries mostly carry the
 * same stamp (a bulk load, a busy second): a value equal to the best so far is not parsed again.
 */
export function latestMark(current: HighWaterMark | undefined, entries: readonly DirectoryEntry[]): HighWaterMark | undefined {
  let best = current;
  for (const entry of entries) {
    const mark = entryMark(entry);
    if (mark && (mark.attribute !== best?.attribute || mark.value !== best.value)) best = laterMark(best, mark);
  }
  return best;
}

function compareMarks(a: HighWaterMark, b: HighWaterMark): number {
  if (a.attribute === 'uSNChanged') {
    const x = BigInt(a.value);
    const y = BigInt(b.value);
    return x === y ? 0 : x > y ? 1 : -1;
  }
  return (generalizedTimeMs(a.value) ?? 0) - (generalizedTimeMs(b.value) ?? 0);
}

export function formatMark(mark: HighWaterMark | undefined): string | null {
  return mark ? `${mark.attribute}:${mark.value}` : null;
}

export function parseMark(stored: string | null | undefined): HighWaterMark | undefined {
  const match = /^(uSNChanged|modifyTimestamp):(.+)$/.exec(stored ?? '');
  return match ? { attribute: match[1] as HighWaterMark['attribute'], value: match[2] } : undefined;
}

/** The clause a delta run adds to each scope filter. */
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
