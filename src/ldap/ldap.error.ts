import { ResultCodeError } from 'ldapts';
import { DomainError } from '../common/domain-error.js';
import { codeFromMessage, parseSubCode, subCodeMeaning } from './flavours/rules.js';
import { resultCodeMeaning } from './result-codes.js';
import { FilterSyntaxError } from './syntax/filter.js';

export type LdapErrorCode =
  | 'INVALID_CREDENTIALS'
  | 'UNREACHABLE'
  | 'DNS'
  | 'TIMEOUT'
  | 'TLS'
  | 'NO_SUCH_OBJECT'
  | 'FILTER'
  | 'SIZE_LIMIT'
  | 'ACCOUNT_DISABLED'
  | 'ACCOUNT_LOCKED'
  | 'PASSWORD_EXPIRED'
  | 'MUST_CHANGE_PASSWORD'
  | 'INSUFFICIENT_ACCESS'
  | 'UNWILLING'
  | 'PROTOCOL'
  | 'BUSY'
  | 'UNAVAILABLE'
  | 'REFERRAL'
  | 'ADMIN_LIMIT'
  | 'UNSUPPORTED'
  | 'ATTRIBUTE'
  | 'ALIAS'
  | 'INVALID_DN'
  | 'LOOP'
  | 'CANCELLED'
  | 'TARGET_REFUSED'
  | 'UNKNOWN';

/**
 * `not-ldaps`: SSL spoken to a port that closed the connection at the handshake (plain LDAP);
 * `ldaps-port`: StartTLS asked of a port that closed the connection (it expects SSL). Both are set
 * only where the TCP connect is known to have succeeded (the connection test).
 */
export type TlsReason = 'untrusted' | 'hostname' | 'expired' | 'not-ldaps' | 'ldaps-port' | 'other';

export interface LdapErrorOptions {
  subCode?: string;
  detail?: string;
  tlsReason?: TlsReason;
  resultCode?: number;
  cause?: unknown;
}

// The directory failed us, not the request (502); a target we refuse to dial is forbidden (403).
const HTTP_STATUS: Partial<Record<LdapErrorCode, number>> = { TARGET_REFUSED: 403 };

/** A directory error with a code the app acts on; answers HTTP 502 (403 for TARGET_REFUSED) with its hint. */
export class LdapError extends DomainError {
  declare readonly code: LdapErrorCode;
  /** A vendor sub-code from the diagnostic message, such as Active Directory's "data 52e" (see flavours/). */
  readonly subCode?: string;
  /** The server's diagnostic message or the socket error text; never holds a password. */
  readonly detail?: string;
  readonly tlsReason?: TlsReason;
  /** LDAP result code (RFC 4511 §4.1.9) when the server answered. */
  readonly resultCode?: number;

  constructor(code: LdapErrorCode, message: string, options: LdapErrorOptions = {}) {
    super(code, message, HTTP_STATUS[code] ?? 502, { cause: options.cause });
    this.name = 'LdapError';
    this.subCode = options.subCode;
    this.detail = options.detail;
    this.tlsReason = options.tlsReason;
    this.resultCode = options.resultCode;
  }

  /** The answer carries the hint the connection test gives. */
  override details(): Record<string, unknown> {
    return { hint: hintFor(this) };
  }
}

const SUMMARIES: Record<LdapErrorCode, string> = {
  INVALID_CREDENTIALS: 'the directory rejected the user name or password',
  UNREACHABLE: 'could not connect to the directory server',
  DNS: 'the directory server name could not be resolved',
  TIMEOUT: 'the directory server did not answer in time',
  TLS: 'the secure connection to the directory server failed',
  NO_SUCH_OBJECT: 'the DN does not exist in the directory',
  FILTER: 'the search filter is not valid',
  SIZE_LIMIT: 'the directory returned more entries than it allows',
  ACCOUNT_DISABLED: 'the directory account is disabled',
  ACCOUNT_LOCKED: 'the directory account is locked',
  PASSWORD_EXPIRED: 'the directory password has expired',
  MUST_CHANGE_PASSWORD: 'the directory password must be changed first',
  INSUFFICIENT_ACCESS: 'the bind account is not allowed to do this',
  UNWILLING: 'the directory server refused the request',
  PROTOCOL: 'the directory server answered in an unexpected way',
  BUSY: 'the directory server is too busy to answer now',
  UNAVAILABLE: 'the directory server is up but not serving requests',
  REFERRAL: 'the directory server referred the request to another server',
  ADMIN_LIMIT: 'the directory server refused the search at an administrative limit',
  UNSUPPORTED: 'the directory server does not support a control the request needs',
  ATTRIBUTE: 'the directory schema does not know an attribute in the request',
  ALIAS: 'an alias in the directory could not be followed',
  INVALID_DN: 'the directory server found a DN malformed',
  LOOP: 'the directory server found a loop (aliases or referrals)',
  CANCELLED: 'the request was cancelled',
  TARGET_REFUSED: 'this product does not connect to that address',
  UNKNOWN: 'unexpected LDAP error',
};

const NODE_CODES: Record<string, LdapErrorCode> = {
  ECONNREFUSED: 'UNREACHABLE',
  ECONNRESET: 'UNREACHABLE',
  ECONNABORTED: 'UNREACHABLE',
  EHOSTUNREACH: 'UNREACHABLE',
  ENETUNREACH: 'UNREACHABLE',
  EHOSTDOWN: 'UNREACHABLE',
  ENETDOWN: 'UNREACHABLE',
  EPIPE: 'UNREACHABLE',
  ENOTFOUND: 'DNS',
  EAI_AGAIN: 'DNS',
  EAI_FAIL: 'DNS',
  EAI_NONAME: 'DNS',
  EAI_NODATA: 'DNS',
  ETIMEDOUT: 'TIMEOUT',
};

const TLS_REASONS: Record<string, TlsReason> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'untrusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_SIGNATURE_FAILURE: 'untrusted',
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: 'untrusted',
  CERT_REJECTED: 'untrusted',
  INVALID_CA: 'untrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname',
  HOSTNAME_MISMATCH: 'hostname',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'expired',
};

/** Maps whatever ldapts or Node threw into an LdapError with a code the rest of the app can act on. */
export function toLdapError(error: unknown): LdapError {
  if (error instanceof LdapError) return error;
  const resultCode = error instanceof ResultCodeError ? error.code : numericCode(error);
  if (resultCode !== undefined) return fromResultCode(resultCode, messageOf(error), error);
  const nodeCode = nodeErrorCode(error);
  if (nodeCode !== undefined) return fromNodeCode(nodeCode, messageOf(error), error);
  return fromMessage(messageOf(error), error);
}

function fromResultCode(resultCode: number, message: string | undefined, cause: unknown): LdapError {
  const detail = message?.replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim() || undefined;
  const subCode = parseSubCode(detail);
  const code = (subCode ? subCodeMeaning(subCode)?.code : undefined) ?? codeFromServerMessage(resultCode, detail);
  return create(code, { subCode, detail, resultCode, cause, tlsReason: code === 'TLS' ? 'other' : undefined });
}

/** The result code's own words when the code says no more than it (not an AD sub-code or a server message rule). */
function meaningOf(code: LdapErrorCode, resultCode: number | undefined) {
  const meaning = resultCode === undefined ? undefined : resultCodeMeaning(resultCode);
  return meaning?.code === code ? meaning : undefined;
}

function codeFromServerMessage(resultCode: number, detail: string | undefined): LdapErrorCode {
  const fromMessage = codeFromMessage(detail);
  if (fromMessage) return fromMessage;
  // A refused StartTLS extended operation comes back as protocolError or unavailable.
  if ((resultCode === 2 || resultCode === 52) && /\bTLS\b/i.test(detail ?? '')) return 'TLS';
  return resultCodeMeaning(resultCode).code;
}

function fromNodeCode(nodeCode: string, message: string | undefined, cause: unknown): LdapError {
  const detail = firstLine(message);
  const tlsReason = TLS_REASONS[nodeCode] ?? (isTlsCode(nodeCode) ? 'other' : undefined);
  if (tlsReason) {
    return new LdapError('TLS', TLS_MESSAGES[tlsReason], { tlsReason, detail, cause });
  }
  const code = NODE_CODES[nodeCode] ?? 'UNKNOWN';
  return new LdapError(code, NODE_MESSAGES[nodeCode] ?? SUMMARIES[code], { detail, cause });
}

// Socket errors (Node's errno names), each in its own words; the code groups them for the app.
const NODE_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'the directory server refused the connection: nothing listens on that port',
  ECONNRESET: 'the directory server closed the connection abruptly',
  ECONNABORTED: 'the connection to the directory server was aborted',
  EHOSTUNREACH: 'no route to the directory server host',
  ENETUNREACH: "the directory server's network cannot be reached",
  EHOSTDOWN: 'the directory server host is down',
  ENETDOWN: 'the network is down',
  EPIPE: 'the connection to the directory server broke while sending',
  ENOTFOUND: 'the directory server name could not be resolved',
  EAI_AGAIN: 'the DNS lookup of the directory server failed for now (try again)',
  EAI_FAIL: 'the DNS lookup of the directory server failed',
  EAI_NONAME: 'the directory server name is not known to DNS',
  EAI_NODATA: 'the directory server name has no address in DNS',
  ETIMEDOUT: 'the directory server did not answer in time',
};

/** The message for a TLS failure of this reason. */
export function tlsFailureMessage(reason: TlsReason): string {
  return TLS_MESSAGES[reason];
}

const TLS_MESSAGES: Record<TlsReason, string> = {
  untrusted: "the directory server's certificate is not trusted",
  hostname: "the directory server's certificate is for another host name",
  expired: "the directory server's certificate has expired or is not valid yet",
  'not-ldaps': 'the directory server closed the connection at the SSL (LDAPS) handshake',
  'ldaps-port': 'the directory server closed the connection at the StartTLS request',
  other: 'the secure connection to the directory server failed',
};

function fromMessage(message: string | undefined, cause: unknown): LdapError {
  const detail = firstLine(message);
  const text = message ?? '';
  if (cause instanceof FilterSyntaxError) return create('FILTER', { detail, cause });
  if (/connection timeout|operation timed out/i.test(text)) return create('TIMEOUT', { detail, cause });
  // ldapts wraps socket errors after connect: "Socket error. Message type: …\nconnect ECONNRESET …".
  const embedded = text.match(/\b[A-Z][A-Z0-9_]{3,}\b/g)?.find(isKnownNodeCode);
  if (embedded) return fromNodeCode(embedded, message, cause);
  if (/connection closed before message response/i.test(text)) return create('PROTOCOL', { detail, cause });
  if (
    /filter|paren|invalid attribute name|invalid expression|unescaped character|escaped hex|wildcard missing/i.test(
      text,
    )
  ) {
    return create('FILTER', { detail, cause });
  }
  return create('UNKNOWN', { detail, cause });
}

function create(code: LdapErrorCode, options: LdapErrorOptions): LdapError {
  const known = options.subCode && subCodeMeaning(options.subCode);
  const suffix = known ? ` (${known.label} ${options.subCode}: ${known.meaning})` : '';
  const summary = meaningOf(code, options.resultCode)?.message ?? SUMMARIES[code];
  return new LdapError(code, `${summary}${suffix}`, options);
}

function isKnownNodeCode(code: string): boolean {
  return code in NODE_CODES || code in TLS_REASONS || isTlsCode(code);
}

function isTlsCode(code: string): boolean {
  return /^(ERR_SSL_|ERR_TLS_|CERT_)/.test(code) || code === 'EPROTO';
}

function numericCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

// Node 20 tries IPv4 and IPv6 in turn (autoSelectFamily) and may reject with an AggregateError.
function nodeErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown } | null)?.errors;
  return Array.isArray(inner) ? inner.map(nodeErrorCode).find((found) => found !== undefined) : undefined;
}

function messageOf(error: unknown): string | undefined {
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

function firstLine(message: string | undefined): string | undefined {
  return message
    ?.split('\n')
    .find((line) => line.trim() !== '')
    ?.trim()
    .slice(0, 500);
}

/** What an admin should check or do, in plain words. */
export function hintFor(error: LdapError): string {
  const known = error.subCode ? subCodeMeaning(error.subCode) : undefined;
  const base = specificHint(error) ?? HINTS[error.code];
  return known ? `${known.label} says: ${known.meaning}. ${base}` : base;
}

function specificHint(error: LdapError): string | undefined {
  if (error.code === 'INVALID_CREDENTIALS' && error.subCode === '525')
    return 'Check the Bind username or Bind DN: no such account.';
  if (error.code === 'INVALID_CREDENTIALS' && error.subCode === '52e') return 'Check the password.';
  if (error.code === 'TLS' && error.tlsReason && error.tlsReason !== 'other') return TLS_HINTS[error.tlsReason];
  return meaningOf(error.code, error.resultCode)?.hint ?? (error.code === 'TLS' ? TLS_HINTS.other : undefined);
}

const TLS_HINTS: Record<TlsReason, string> = {
  untrusted:
    'The server\'s certificate is not signed by a CA this server trusts: paste the CA certificate of the directory (PEM) into "CA certificate".',
  hostname:
    'The certificate was issued for another name: use the host name the certificate was issued for (see its subject alternative names), not an IP address or alias.',
  expired:
    "The server's certificate has expired or is not valid yet: renew the server certificate, and check the clocks on both machines.",
  'not-ldaps':
    "The TCP connection worked, but the server hung up when SSL began: this port probably speaks plain LDAP. Choose StartTLS for this port, or keep SSL and use the server's LDAPS port (usually 636).",
  'ldaps-port':
    'The TCP connection worked, but the server hung up at the StartTLS request: this port probably speaks SSL (LDAPS). Choose SSL for this port, or keep StartTLS and use the plain LDAP port (usually 389).',
  other:
    'The TLS handshake failed: check that the port speaks the chosen encryption (SSL on 636, none or StartTLS on 389) and that TLS is set up on the server.',
};

const HINTS: Record<LdapErrorCode, string> = {
  INVALID_CREDENTIALS:
    'Check the Bind username or Bind DN and the password. For Active Directory, DOMAIN\\user or user@domain also work.',
  UNREACHABLE:
    'The connection was refused or the server could not be reached: wrong port (389 for none/StartTLS, 636 for SSL)? A firewall in between? Is the directory server running?',
  DNS: "The host name was not found in DNS: check the spelling of the host, and that this server's DNS can resolve it.",
  TIMEOUT:
    'No answer in time: usually a firewall silently dropping packets, or the wrong host or port. Raise the timeout only if the server is known to be slow.',
  TLS: TLS_HINTS.other,
  NO_SUCH_OBJECT: 'The DN does not exist in the directory: check the Bind DN and the scope DNs for typos.',
  FILTER: 'The filter syntax is not valid: filters look like (&(objectClass=person)(mail=*)).',
  SIZE_LIMIT:
    "The server hit its size limit. Paging is used: lower pageSize below the server's limit (389/FreeIPA nsslapd-sizelimit applies to each page), or check the limits on the server (AD MaxPageSize, OpenLDAP sizelimit for the bind account), or narrow the scope.",
  ACCOUNT_DISABLED: 'The account is disabled or not allowed to sign in now: enable it in the directory.',
  ACCOUNT_LOCKED:
    'The account is locked after too many failed sign-ins: unlock it in the directory or wait for the lockout to end.',
  PASSWORD_EXPIRED: 'The password has expired: set a new one in the directory.',
  MUST_CHANGE_PASSWORD:
    'The directory wants the password changed at next sign-in: change it there (for a service account, clear "must change password").',
  INSUFFICIENT_ACCESS:
    'The bind account may not read these entries: grant it read access, or use another account. AD also says this when no bind was done.',
  UNWILLING: 'The server refused the request; its message says why. Servers refuse an empty password on purpose.',
  PROTOCOL:
    'The server closed the connection or answered unexpectedly: often the encryption does not match the port (SSL on 636, none or StartTLS on 389).',
  BUSY: "The server is up but busy: the next run or a retry will usually work; if it keeps happening, look at the server's load and connection limits.",
  UNAVAILABLE:
    "The server answered that it is unavailable (shutting down, read-only, or a replica not in sync): look at the directory server's log.",
  REFERRAL:
    "The DN is not held by this server (it answered with a referral): check that the Bind DN and the scope DNs end with this directory's suffix.",
  ADMIN_LIMIT: 'An administrative limit was hit: lower pageSize, narrow the filter, or raise the limit on the server.',
  UNSUPPORTED: 'The server does not support a control the request needs (paged results): enable it on the server.',
  ATTRIBUTE: 'Check the attribute names in the filters and the mapping (Fetch Attributes lists those the server has).',
  ALIAS: 'An alias entry under the scope is broken or unreadable: fix it on the server.',
  INVALID_DN: 'A DN sent to the server is malformed: check the Bind DN and the scope DNs.',
  LOOP: 'Aliases or referrals under the scope point to each other: fix them on the server.',
  CANCELLED: 'The request was cancelled before it finished: try again.',
  TARGET_REFUSED:
    'Link-local and cloud metadata addresses are never dialled. When LDAP_ALLOWED_TARGETS is set, only the host names, addresses and ports it lists are: use a listed directory, or ask the operator to add it.',
  UNKNOWN: "See the detail message, and the directory server's log.",
};
