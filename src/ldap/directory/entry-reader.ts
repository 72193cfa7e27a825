import type { DirectoryEntry } from '../client/directory-entry.js';
import { attrs } from '../client/directory-entry.js';
import type { LdapSettings } from '../settings/ldap-settings.types.js';
import type { DirectoryProfileInput } from '../../users/directory-users.js';
import type { AccountBlock } from '../flavours/flavour.js';
import { ACCOUNT_STATE_ATTRIBUTES, BINARY_ATTRIBUTES } from '../flavours/index.js';
import { accountBlock, directoryAccountState, stableIdAttributes, stableIdOf } from '../flavours/rules.js';

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

/** Why an entry cannot be an account. */
export type UnreadableReason = 'no email attribute' | 'invalid email' | 'missing stable id';

export type MappingResult =
  { ok: true; profile: DirectoryProfile; cuts: Cut[] } | { ok: false; reason: UnreadableReason; detail: string };

/** One directory entry read: a candidate account, or the reason it cannot be one. */
export type Candidate =
  | { kind: 'user'; dn: string; profile: DirectoryProfile; cuts: Cut[] }
  | { kind: 'skip'; dn: string; uid: string | null; reason: UnreadableReason; detail: string };

type ReaderSettings = Pick<LdapSettings, 'attributeMap' | 'uidAttribute' | 'loginAttributes'>;

/**
 * The one reader of directory entries, built once from the settings: which attributes to request
 * and what an entry says (mapping, stable id, every email value, account state). Sign-in, SSO,
 * account linking, attribute discovery and the import all read through it, so an entry is the same
 * candidate account on every path. Every entry a scope search returned is a user: the scope's
 * filter, evaluated by the server (which knows the class hierarchy), decides who is one.
 */
export class EntryReader {
  private static readonly built = new WeakMap<ReaderSettings, EntryReader>();

  /** Attributes to request with every user entry: mapped, login, stable id and account state. */
  readonly attributes: readonly string[];
  /** Attributes read as bytes (every flavour's). */
  readonly binaryAttributes: readonly string[] = BINARY_ATTRIBUTES;

  private constructor(private readonly settings: ReaderSettings) {
    const map = settings.attributeMap;
    const mapped = [map.email, map.firstName, map.lastName, map.jobTitle, map.phone].filter((n): n is string => !!n);
    this.attributes = uniqueNames([
      ...mapped,
      ...stableIdAttributes(settings.uidAttribute),
      ...ACCOUNT_STATE_ATTRIBUTES,
      ...settings.loginAttributes,
    ]);
  }

  /** The reader for these settings (one per settings object). */
  static for(settings: ReaderSettings): EntryReader {
    let reader = EntryReader.built.get(settings);
    if (!reader) {
      reader = new EntryReader(settings);
      EntryReader.built.set(settings, reader);
    }
    return reader;
  }

  /** The candidate account this entry is; the stable id is required (an account is matched by it first). */
  read(entry: DirectoryEntry): Candidate {
    const mapped = mapEntry(entry, this.settings);
    if (mapped.ok) return { kind: 'user', dn: entry.dn, profile: mapped.profile, cuts: mapped.cuts };
    return {
      kind: 'skip',
      dn: entry.dn,
      uid: stableIdOf(entry, this.settings.uidAttribute),
      reason: mapped.reason,
      detail: mapped.detail,
    };
  }

  /** Why the directory refuses this account a sign-in now (disabled, locked, expired), or null. */
  signInBlock(entry: DirectoryEntry, now = new Date()): AccountBlock | null {
    return accountBlock(entry, now);
  }
}

function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()));
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/**
 * Maps an entry with attributeMap; email and the stable id are required, everything else is optional. Every valid
 * value of the email attribute is kept (lower-cased, in lowercase order): LDAP value order carries
 * no meaning (RFC 4511 §4.1.7), so the first value the server sent is nobody's choice.
 */
export function mapEntry(
  entry: DirectoryEntry,
  settings: Pick<LdapSettings, 'attributeMap' | 'uidAttribute'>,
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
  if (!ldapUid)
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
