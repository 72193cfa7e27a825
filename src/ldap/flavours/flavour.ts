import type { LdapErrorCode } from '../ldap.error.js';
import type { AttributeMap } from '../settings/ldap-settings.types.js';

/** Why the directory says no to an account. */
export type AccountBlock = 'disabled' | 'locked' | 'expired';

/** An entry's values as a flavour reads them (names found case-insensitively). */
export interface EntryValues {
  /** First text value, or undefined when absent. */
  text(name: string): string | undefined;
  /** First value of a binary attribute, or undefined when absent. */
  bytes(name: string): Buffer | undefined;
}

/** The root DSE's attributes (RFC 4512 §5.1), by name as the server spelled it. */
export type RootDse = Record<string, string[]>;

/** Defaults filled in when the admin picks a directory type; still editable. */
export interface Preset {
  loginAttributes: string[];
  /** The scope filter: who counts as a user. */
  userFilter: string;
  attributeMap: AttributeMap;
  uidAttribute: string | null;
}

/**
 * A stable-id attribute and how its value becomes the text stored in users.ldap_uid. Binary
 * attributes without their own form are stored as hex.
 */
export interface StableIdForm {
  attribute: string;
  /** A binary value's canonical text form and back (null when the text is not one). */
  binary?: { toText(bytes: Buffer): string; toBytes(text: string): Buffer | null };
}

/** The attribute a delta run compares with the mark: a counter (AD) or a time stamp. */
export type ChangeCounter = 'uSNChanged' | 'modifyTimestamp';

/** Where a server publishes the point a delta starts from (read when a run starts). */
export type MarkSource =
  | { from: 'root-dse'; attribute: string; form: 'counter' | 'time' }
  | { from: 'naming-context'; attribute: string; form: 'csn' }
  | { from: 'entry'; dn: string; attribute: string; form: 'time' };

/** A vendor error sub-code and what it means, such as AD's "data 52e". */
export interface SubCode {
  code: LdapErrorCode;
  meaning: string;
}

/**
 * Everything the product knows about one kind of directory server. Adding a directory is one
 * file implementing this and one line in the registry (index.ts).
 */
export interface DirectoryFlavour {
  /** The one name used in the API (preset, server type). */
  name: string;
  /** Old names still accepted on input, as stored settings and API clients may send them. */
  aliases: readonly string[];
  /** For people: log lines, the console. */
  label: string;
  preset: Preset;
  /** Attributes whose values are bytes, never text. */
  binaryAttributes: readonly string[];
  /** Stable-id attributes in the order they are looked for when none is configured. */
  stableIds: readonly StableIdForm[];
  /** Attributes the account-state rules read (requested with every entry). */
  accountStateAttributes: readonly string[];
  /** Why this account may not sign in now, or null. */
  signInBlock(entry: EntryValues, now: Date): AccountBlock | null;
  /**
   * The state the help desk mirrors into the user's status: what the directory's administrator
   * turned off (lockouts that end by themselves are left out), or null.
   */
  accountState(entry: EntryValues, now: Date): AccountBlock | null;
  errors: {
    /** The vendor sub-code in a diagnostic message, or undefined. */
    subCode?(message: string): string | undefined;
    /** How a log line names a sub-code, e.g. "AD data". */
    subCodeLabel?: string;
    subCodes: Readonly<Record<string, SubCode>>;
    /** Server messages that say more than the result code. */
    messageRules: ReadonlyArray<readonly [RegExp, LdapErrorCode]>;
  };
  /** Root DSE attributes recognise() reads. */
  rootDseAttributes: readonly string[];
  /** Whether the root DSE is this server's. The generic flavour recognises nothing. */
  recognise(rootDse: RootDse): boolean;
  changeCounter: { attribute: ChangeCounter; sources: readonly MarkSource[] };
}

/** The values of one root DSE attribute, found case-insensitively. */
export function rootDseValues(rootDse: RootDse, name: string): string[] {
  return Object.entries(rootDse).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? [];
}

/** The usual mapping of inetOrgPerson (RFC 2798) attributes, which every flavour uses. */
export const INET_ORG_PERSON_MAP: AttributeMap = {
  email: 'mail',
  firstName: 'givenName',
  lastName: 'sn',
  jobTitle: 'title',
  phone: 'telephoneNumber',
};
