import type { DirectoryEntry } from '../client/directory-entry.js';
import { attrs } from '../client/directory-entry.js';
import type { AttributeMap, LdapSettings } from '../settings/ldap-settings.types.js';
import type { DirectoryProfileInput } from '../../users/directory-users.js';
import { directoryAccountState } from './account-state.js';
import { stableIdAttributes, stableIdOf } from './stable-id.js';

/** What a directory entry says about a user, in our terms (the shape the users module takes in). */
export type DirectoryProfile = DirectoryProfileInput;

/** A value longer than its column, cut to fit: logged where it is written. */
export interface Cut {
  field: 'firstName' | 'lastName' | 'jobTitle' | 'phone';
  attribute: string;
  /** Length in characters (code points) before and after. */
  length: number;
  max: number;
}

export type MappingResult =
  | { ok: true; profile: DirectoryProfile; cuts: Cut[] }
  | { ok: false; reason: 'no email attribute' | 'invalid email' | 'missing stable id'; detail: string };

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/**
 * Maps an entry with attributeMap; email is required, everything else is optional. Every valid
 * value of the email attribute is kept (lower-cased, in lowercase order): LDAP value order carries
 * no meaning (RFC 4511 §4.1.7), so the first value the server sent is nobody's choice.
 */
export function mapEntry(
  entry: DirectoryEntry,
  settings: Pick<LdapSettings, 'attributeMap' | 'uidAttribute'>,
  options: { requireStableId?: boolean } = {},
): MappingResult {
  const map = settings.attributeMap;
  const values = attrs(entry, map.email)
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (values.length === 0)
    return { ok: false, reason: 'no email attribute', detail: `${entry.dn} has no ${map.email}` };
  const emails = [...new Set(values.filter(isEmail).map((v) => v.toLowerCase()))].sort();
  if (emails.length === 0)
    return {
      ok: false,
      reason: 'invalid email',
      detail: `${entry.dn} has ${map.email} "${values[0].slice(0, 100)}", not an email address`,
    };
  const ldapUid = stableIdOf(entry, settings.uidAttribute);
  if (!ldapUid && options.requireStableId)
    return {
      ok: false,
      reason: 'missing stable id',
      detail: `${entry.dn} has no ${stableIdAttributes(settings.uidAttribute).join(' / ')}`,
    };
  const cuts: Cut[] = [];
  const field = (name: Cut['field'], max: number) => mappedValue(entry, map[name], max, name, cuts);
  return {
    ok: true,
    cuts,
    profile: {
      email: emails[0],
      emails,
      firstName: field('firstName', 255),
      lastName: field('lastName', 255),
      jobTitle: field('jobTitle', 255),
      phone: field('phone', 64),
      ldapUid,
      ldapDn: entry.dn,
      directoryState: directoryAccountState(entry),
    },
  };
}

function isEmail(value: string): boolean {
  return EMAIL.test(value) && codePoints(value).length <= 320;
}

/**
 * A mapped text attribute; of several values the lowest, so the server's value order never
 * changes a user. Cut to the column's length in characters (code points, as MariaDB's utf8mb4
 * columns count them), never inside one: a UTF-16 cut would split an emoji's surrogate pair and
 * store U+FFFD, which differs from the directory's value at every later run.
 */
function mappedValue(
  entry: DirectoryEntry,
  name: string | undefined,
  max: number,
  field: Cut['field'],
  cuts: Cut[],
): string | null {
  if (!name) return null;
  const value = attrs(entry, name)
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .sort()[0];
  if (!value) return null;
  const chars = codePoints(value);
  if (chars.length <= max) return value;
  cuts.push({ field, attribute: name, length: chars.length, max });
  return chars.slice(0, max).join('');
}

function codePoints(value: string): string[] {
  return Array.from(value);
}

/** The log line for a cut value. */
export function describeCut(dn: string, cut: Cut): string {
  return `${dn}: ${cut.attribute} has ${cut.length} characters, cut to the first ${cut.max} to fit ${cut.field}`;
}

/** Attributes to request for mapping, stable id and account state. */
export function mappedAttributes(map: AttributeMap, uidAttribute: string | null): string[] {
  const names = [map.email, map.firstName, map.lastName, map.jobTitle, map.phone].filter((n): n is string => !!n);
  return [...new Set([...names, ...stableIdAttributes(uidAttribute)])];
}
