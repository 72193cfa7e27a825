import type { LdapErrorCode } from './ldap.error.js';

/** What one LDAP result code means to an admin: its RFC name, our code, a message and a hint. */
export interface ResultCodeMeaning {
  /** The name in RFC 4511 Appendix A (or the RFC that added it), such as `busy`. */
  name: string;
  code: LdapErrorCode;
  message: string;
  hint: string;
}

const ENCRYPTED = 'The server only accepts encrypted connections: choose SSL (port 636) or StartTLS.';
const NARROW = 'Narrow the scope DN or the filter';
const WRITE =
  'This product only reads the directory; a server answering this to a search or bind is misconfigured: look at its log.';

function m(name: string, code: LdapErrorCode, message: string, hint: string): ResultCodeMeaning {
  return { name, code, message, hint };
}

/**
 * Every result code of RFC 4511 §4.1.9 and Appendix A, plus RFC 3909 (cancel), RFC 4528
 * (assertion), RFC 4370 (proxied authorization), RFC 4533 (content synchronization) and the codes
 * ldapts makes up on the client side (70, 95, 112, 248), each with its own plain words.
 */
export const RESULT_CODES: Readonly<Record<number, ResultCodeMeaning>> = {
  1: m(
    'operationsError',
    'PROTOCOL',
    'the directory server reported an operations error',
    'The server could not carry out the request in this order (AD says this for a search before any bind): check the Bind DN and password, and the server log.',
  ),
  2: m(
    'protocolError',
    'PROTOCOL',
    'the directory server did not understand the request',
    'The server did not understand the request: often an LDAPv2-only server, or the encryption does not match the port (SSL on 636, none or StartTLS on 389).',
  ),
  3: m(
    'timeLimitExceeded',
    'TIMEOUT',
    'the directory server stopped at its time limit',
    `The server stopped at its time limit. ${NARROW}, or raise the time limit on the server.`,
  ),
  4: m(
    'sizeLimitExceeded',
    'SIZE_LIMIT',
    'the directory server stopped at its size limit',
    "The server hit its size limit. Paging is used: lower pageSize below the server's limit (389/FreeIPA nsslapd-sizelimit applies to each page, OpenLDAP size.pr), or raise the limit for the bind account, or narrow the scope.",
  ),
  5: m(
    'compareFalse',
    'PROTOCOL',
    'the directory server answered a compare (false) where a search was expected',
    'An unexpected answer: look at the directory server log.',
  ),
  6: m(
    'compareTrue',
    'PROTOCOL',
    'the directory server answered a compare (true) where a search was expected',
    'An unexpected answer: look at the directory server log.',
  ),
  7: m(
    'authMethodNotSupported',
    'UNWILLING',
    'the directory server does not support this kind of sign-in',
    'The server does not allow simple binds (name and password) here: allow them on the server, often only over TLS, so choose SSL or StartTLS.',
  ),
  8: m('strongerAuthRequired', 'TLS', 'the directory server requires a stronger (encrypted) connection', ENCRYPTED),
  10: m(
    'referral',
    'REFERRAL',
    'the directory server referred the request to another server',
    "The DN is not held by this server (it answered with a referral): check that the Bind DN and the scope DNs end with this directory's suffix (dc= parts), or point host at the server that holds them (for AD, a Global Catalog on port 3268/3269).",
  ),
  11: m(
    'adminLimitExceeded',
    'ADMIN_LIMIT',
    'the directory server refused the search at an administrative limit',
    'An administrative limit was hit (AD MaxPageSize or MaxResultSetSize, OpenLDAP size.unchecked, 389 nsslapd-lookthroughlimit): lower pageSize, narrow the filter, or raise the limit on the server.',
  ),
  12: m(
    'unavailableCriticalExtension',
    'UNSUPPORTED',
    'the directory server does not support a control the request needs',
    'The server does not support a control we send as critical (paged results, server-side sort): enable it on the server (OpenLDAP: it is built in; check the back end).',
  ),
  13: m('confidentialityRequired', 'TLS', 'the directory server requires an encrypted connection', ENCRYPTED),
  14: m(
    'saslBindInProgress',
    'PROTOCOL',
    'the directory server expects a SASL bind to continue',
    'An unexpected answer to a simple bind: look at the directory server log.',
  ),
  16: m(
    'noSuchAttribute',
    'ATTRIBUTE',
    'the entry does not have the attribute asked for',
    'Check the attribute names in the mapping and the filters.',
  ),
  17: m(
    'undefinedAttributeType',
    'ATTRIBUTE',
    'the directory schema does not know an attribute in the request',
    'An attribute in the filter or the mapping is not in the schema: check its spelling (Fetch Attributes lists those the server has).',
  ),
  18: m(
    'inappropriateMatching',
    'FILTER',
    'the filter uses a match this attribute does not support',
    'The attribute has no matching rule for this comparison (for example >= on a text attribute, or a substring on a DN): use another operator or attribute.',
  ),
  19: m(
    'constraintViolation',
    'UNWILLING',
    'the directory server refused the request: a constraint was violated',
    'The server refused it for one of its rules (a password policy for binds): its message says which.',
  ),
  20: m('attributeOrValueExists', 'UNWILLING', 'the directory already holds this value', WRITE),
  21: m(
    'invalidAttributeSyntax',
    'FILTER',
    'a value in the request has the wrong syntax for its attribute',
    'A value in the filter has the wrong form for its attribute (a DN for memberOf, digits for uSNChanged, a generalized time for modifyTimestamp).',
  ),
  32: m(
    'noSuchObject',
    'NO_SUCH_OBJECT',
    'the DN does not exist in the directory',
    'The DN does not exist in the directory: check the Bind DN and the scope DNs for typos.',
  ),
  33: m(
    'aliasProblem',
    'ALIAS',
    'an alias in the directory points nowhere',
    'An alias entry under the scope points to an entry that does not exist: fix or remove the alias on the server.',
  ),
  34: m(
    'invalidDNSyntax',
    'INVALID_DN',
    'the directory server found a DN malformed',
    'A DN sent to the server is malformed: check the Bind DN and the scope DNs.',
  ),
  35: m(
    'isLeaf',
    'PROTOCOL',
    'the directory server says the entry is a leaf',
    'An unexpected answer: look at the directory server log.',
  ),
  36: m(
    'aliasDereferencingProblem',
    'ALIAS',
    'an alias could not be followed',
    'The bind account may not read the entry an alias points to, or the alias is broken: look at the alias entries under the scope.',
  ),
  48: m(
    'inappropriateAuthentication',
    'INVALID_CREDENTIALS',
    'the directory server refused this kind of sign-in for this account',
    'The account may not sign in with a simple bind (or anonymously): check the Bind DN and password, and that the account has a password.',
  ),
  49: m(
    'invalidCredentials',
    'INVALID_CREDENTIALS',
    'the directory rejected the user name or password',
    'Check the Bind username or Bind DN and the password. For Active Directory, DOMAIN\\user or user@domain also work.',
  ),
  50: m(
    'insufficientAccessRights',
    'INSUFFICIENT_ACCESS',
    'the bind account is not allowed to do this',
    'The bind account may not read these entries: grant it read access, or use another account. AD also says this when no bind was done.',
  ),
  51: m(
    'busy',
    'BUSY',
    'the directory server is too busy to answer now',
    "The server is up but busy: the next run or a retry will usually work; if it keeps happening, look at the server's load and connection limits.",
  ),
  52: m(
    'unavailable',
    'UNAVAILABLE',
    'the directory server is up but not serving requests',
    "The server answered that it is unavailable (shutting down, read-only, a replica not yet in sync, or StartTLS not set up): look at the directory server's log.",
  ),
  53: m(
    'unwillingToPerform',
    'UNWILLING',
    'the directory server refused the request',
    'The server refused the request; its message says why. Servers refuse an empty password on purpose, and some refuse a page size above their limit.',
  ),
  54: m(
    'loopDetect',
    'LOOP',
    'the directory server found a loop (aliases or referrals)',
    'Aliases or referrals under the scope point to each other: fix them on the server.',
  ),
  64: m('namingViolation', 'UNWILLING', 'the directory server reported a naming violation', WRITE),
  65: m('objectClassViolation', 'UNWILLING', 'the directory server reported an object class violation', WRITE),
  66: m(
    'notAllowedOnNonLeaf',
    'UNWILLING',
    'the directory server refused an operation on an entry with children',
    WRITE,
  ),
  67: m('notAllowedOnRDN', 'UNWILLING', 'the directory server refused a change to a naming attribute', WRITE),
  68: m('entryAlreadyExists', 'UNWILLING', 'the entry already exists in the directory', WRITE),
  69: m('objectClassModsProhibited', 'UNWILLING', 'the directory server refused an object class change', WRITE),
  70: m(
    'resultsTooLarge',
    'SIZE_LIMIT',
    'the result is too large for the directory server',
    `${NARROW}, or lower pageSize.`,
  ),
  71: m('affectsMultipleDSAs', 'UNWILLING', 'the request would span several directory servers', WRITE),
  80: m(
    'other',
    'UNKNOWN',
    'the directory server reported an error it gave no code for',
    "See the detail message, and the directory server's log.",
  ),
  95: m(
    'moreResultsToReturn',
    'PROTOCOL',
    'the directory server had more results than it returned',
    'An unexpected answer: look at the directory server log.',
  ),
  112: m(
    'tlsNotSupported',
    'TLS',
    'the directory server does not support TLS',
    'The server has no TLS set up: set it up there, or choose SSL on port 636 if that port has it.',
  ),
  118: m(
    'canceled',
    'CANCELLED',
    'the search was cancelled',
    'The request was cancelled (RFC 3909), usually because a time limit of ours ended it: try again.',
  ),
  119: m(
    'noSuchOperation',
    'CANCELLED',
    'the directory server no longer knew the request to cancel',
    'The request ended before it could be cancelled; nothing to do.',
  ),
  120: m(
    'tooLate',
    'CANCELLED',
    'the request could not be cancelled any more',
    'The request ended before it could be cancelled; nothing to do.',
  ),
  121: m(
    'cannotCancel',
    'CANCELLED',
    'the directory server could not cancel the request',
    'The server cannot cancel this kind of request; nothing to do.',
  ),
  122: m(
    'assertionFailed',
    'PROTOCOL',
    'an assertion sent with the request did not hold',
    'An unexpected answer (RFC 4528): look at the directory server log.',
  ),
  123: m(
    'authorizationDenied',
    'INSUFFICIENT_ACCESS',
    'the directory server refused to act on behalf of another identity',
    'The bind account may not use proxied authorization (RFC 4370): grant it, or bind as the account itself.',
  ),
  248: m(
    'noResult',
    'PROTOCOL',
    'the directory server closed the request without an answer',
    'The server closed the connection or answered unexpectedly: often the encryption does not match the port (SSL on 636, none or StartTLS on 389).',
  ),
  4096: m(
    'e-syncRefreshRequired',
    'PROTOCOL',
    'the directory server asks for a full refresh',
    'An unexpected answer (RFC 4533): look at the directory server log.',
  ),
};

/** The meaning of a result code; codes no RFC lists get `other`'s words with the number. */
export function resultCodeMeaning(resultCode: number): ResultCodeMeaning {
  const known = RESULT_CODES[resultCode];
  if (known) return known;
  return m(
    `code ${resultCode}`,
    'UNKNOWN',
    `the directory server answered with result code ${resultCode}`,
    RESULT_CODES[80].hint,
  );
}
