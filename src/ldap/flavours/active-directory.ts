import { type DirectoryFlavour, type EntryValues, INET_ORG_PERSON_MAP, rootDseValues } from './flavour.js';

const UF_ACCOUNTDISABLE = 0x2;
// AD's accountExpires: 0 and 2^63-1 both mean "never" (MS-ADA1 2.13).
const NEVER = ['0', '9223372036854775807'];
const FILETIME_EPOCH_OFFSET_MS = 11644473600000n;
// LDAP_CAP_ACTIVE_DIRECTORY_OID (MS-ADTS 3.1.1.3.4.3)
const AD_CAPABILITY = '1.2.840.113556.1.4.800';

/**
 * Microsoft Active Directory (and Samba AD DC). The user filter leaves out
 * (!(userAccountControl:1.2.840.113556.1.4.803:=2)) on purpose: disabled accounts are recognised
 * and refused with a clear log line instead.
 */
export const activeDirectory: DirectoryFlavour = {
  name: 'active-directory',
  aliases: [],
  label: 'Active Directory',
  preset: {
    loginAttributes: ['sAMAccountName', 'userPrincipalName', 'mail'],
    userFilter: '(&(objectCategory=person)(objectClass=user))',
    attributeMap: { ...INET_ORG_PERSON_MAP },
    uidAttribute: 'objectGUID',
  },
  binaryAttributes: ['objectGUID', 'objectSid', 'thumbnailPhoto', 'msExchMailboxGuid'],
  stableIds: [{ attribute: 'objectGUID', binary: { toText: guidText, toBytes: guidOrNull } }],
  accountStateAttributes: ['userAccountControl', 'accountExpires', 'lockoutTime'],
  signInBlock(entry, now) {
    if (disabled(entry)) return 'disabled';
    const lockout = entry.text('lockoutTime');
    if (lockout !== undefined && lockout !== '0') return 'locked';
    return expired(entry, now) ? 'expired' : null;
  },
  // lockoutTime is left out: it ends by itself (lockoutDuration) while the attribute stays until the next bind
  accountState(entry, now) {
    if (disabled(entry)) return 'disabled';
    return expired(entry, now) ? 'expired' : null;
  },
  errors: {
    subCode: parseAdSubCode,
    subCodeLabel: 'AD data',
    // The "data" field of AD bind errors (49), e.g. "AcceptSecurityContext error, data 52e, v4563".
    subCodes: {
      '525': { code: 'INVALID_CREDENTIALS', meaning: 'user not found' },
      '52e': { code: 'INVALID_CREDENTIALS', meaning: 'invalid credentials (wrong password)' },
      '530': { code: 'ACCOUNT_DISABLED', meaning: 'not permitted to log on at this time' },
      '531': { code: 'ACCOUNT_DISABLED', meaning: 'not permitted to log on at this workstation' },
      '532': { code: 'PASSWORD_EXPIRED', meaning: 'password expired' },
      '533': { code: 'ACCOUNT_DISABLED', meaning: 'account disabled' },
      '701': { code: 'ACCOUNT_DISABLED', meaning: 'account expired' },
      '773': { code: 'MUST_CHANGE_PASSWORD', meaning: 'user must reset password' },
      '775': { code: 'ACCOUNT_LOCKED', meaning: 'account locked' },
    },
    messageRules: [[/successful bind must be completed/i, 'INSUFFICIENT_ACCESS']],
  },
  rootDseAttributes: ['supportedCapabilities', 'forestFunctionality'],
  recognise: (rootDse) =>
    rootDseValues(rootDse, 'supportedCapabilities').includes(AD_CAPABILITY) ||
    rootDseValues(rootDse, 'forestFunctionality').length > 0,
  // every later change gets a higher uSNChanged than the root DSE's highestCommittedUSN (MS-ADTS 3.1.1.3.2.4)
  changeCounter: {
    attribute: 'uSNChanged',
    sources: [{ from: 'root-dse', attribute: 'highestCommittedUSN', form: 'counter' }],
  },
};

function disabled(entry: EntryValues): boolean {
  const uac = Number(entry.text('userAccountControl') ?? 0);
  return Number.isFinite(uac) && (uac & UF_ACCOUNTDISABLE) !== 0;
}

function expired(entry: EntryValues, now: Date): boolean {
  const expires = entry.text('accountExpires');
  return expires !== undefined && !NEVER.includes(expires) && fileTimeToDate(expires) <= now;
}

/** AD FILETIME (100 ns since 1601-01-01) → Date. */
export function fileTimeToDate(value: string): Date {
  const ms = BigInt(value) / 10000n - FILETIME_EPOCH_OFFSET_MS;
  return new Date(Number(ms));
}

/** The AD sub-code from a diagnostic message ("..., data 52e, v4563" → "52e"); undefined when absent or 0. */
export function parseAdSubCode(message: string | undefined): string | undefined {
  const data = /\bdata ([0-9a-f]+)\b/i.exec(message ?? '')?.[1]?.toLowerCase();
  return data === undefined || /^0+$/.test(data) ? undefined : data;
}

/**
 * objectGUID in its canonical string form: the first three groups are little-endian on the wire
 * (MS-DTYP 2.3.4), so the bytes are reordered before printing. Throws when not 16 bytes.
 */
export function guidToString(bytes: Buffer): string {
  if (bytes.length !== 16) throw new Error(`objectGUID must be 16 bytes, got ${bytes.length}`);
  const hex = (from: number, to: number, reverse = false) => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10)}-${hex(10, 16)}`;
}

/** The inverse of guidToString, for searching by objectGUID. Throws on a string that is not a GUID. */
export function guidToBytes(guid: string): Buffer {
  const h = guid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(h)) throw new Error('not a GUID');
  const b = Buffer.from(h, 'hex');
  return Buffer.concat([
    b.subarray(0, 4).reverse(),
    b.subarray(4, 6).reverse(),
    b.subarray(6, 8).reverse(),
    b.subarray(8),
  ]);
}

// a value that is not 16 bytes is no GUID: kept as hex, like any other binary id
function guidText(bytes: Buffer): string {
  return bytes.length === 16 ? guidToString(bytes) : bytes.toString('hex');
}

function guidOrNull(text: string): Buffer | null {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text) ? guidToBytes(text) : null;
}
