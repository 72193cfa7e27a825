import { BusyError, UnavailableError, UnknownStatusCodeError } from 'ldapts';

import { hintFor, LdapError, toLdapError } from './ldap.error.js';
import { RESULT_CODES, resultCodeMeaning } from './result-codes.js';

// RFC 4511 §4.1.9 / Appendix A, RFC 3909, RFC 4528, RFC 4370, RFC 4533, and ldapts' client codes.
const EXPECTED: Array<[number, string, string]> = [
  [1, 'operationsError', 'PROTOCOL'],
  [2, 'protocolError', 'PROTOCOL'],
  [3, 'timeLimitExceeded', 'TIMEOUT'],
  [4, 'sizeLimitExceeded', 'SIZE_LIMIT'],
  [5, 'compareFalse', 'PROTOCOL'],
  [6, 'compareTrue', 'PROTOCOL'],
  [7, 'authMethodNotSupported', 'UNWILLING'],
  [8, 'strongerAuthRequired', 'TLS'],
  [10, 'referral', 'REFERRAL'],
  [11, 'adminLimitExceeded', 'ADMIN_LIMIT'],
  [12, 'unavailableCriticalExtension', 'UNSUPPORTED'],
  [13, 'confidentialityRequired', 'TLS'],
  [14, 'saslBindInProgress', 'PROTOCOL'],
  [16, 'noSuchAttribute', 'ATTRIBUTE'],
  [17, 'undefinedAttributeType', 'ATTRIBUTE'],
  [18, 'inappropriateMatching', 'FILTER'],
  [19, 'constraintViolation', 'UNWILLING'],
  [20, 'attributeOrValueExists', 'UNWILLING'],
  [21, 'invalidAttributeSyntax', 'FILTER'],
  [32, 'noSuchObject', 'NO_SUCH_OBJECT'],
  [33, 'aliasProblem', 'ALIAS'],
  [34, 'invalidDNSyntax', 'INVALID_DN'],
  [35, 'isLeaf', 'PROTOCOL'],
  [36, 'aliasDereferencingProblem', 'ALIAS'],
  [48, 'inappropriateAuthentication', 'INVALID_CREDENTIALS'],
  [49, 'invalidCredentials', 'INVALID_CREDENTIALS'],
  [50, 'insufficientAccessRights', 'INSUFFICIENT_ACCESS'],
  [51, 'busy', 'BUSY'],
  [52, 'unavailable', 'UNAVAILABLE'],
  [53, 'unwillingToPerform', 'UNWILLING'],
  [54, 'loopDetect', 'LOOP'],
  [64, 'namingViolation', 'UNWILLING'],
  [65, 'objectClassViolation', 'UNWILLING'],
  [66, 'notAllowedOnNonLeaf', 'UNWILLING'],
  [67, 'notAllowedOnRDN', 'UNWILLING'],
  [68, 'entryAlreadyExists', 'UNWILLING'],
  [69, 'objectClassModsProhibited', 'UNWILLING'],
  [70, 'resultsTooLarge', 'SIZE_LIMIT'],
  [71, 'affectsMultipleDSAs', 'UNWILLING'],
  [80, 'other', 'UNKNOWN'],
  [95, 'moreResultsToReturn', 'PROTOCOL'],
  [112, 'tlsNotSupported', 'TLS'],
  [118, 'canceled', 'CANCELLED'],
  [119, 'noSuchOperation', 'CANCELLED'],
  [120, 'tooLate', 'CANCELLED'],
  [121, 'cannotCancel', 'CANCELLED'],
  [122, 'assertionFailed', 'PROTOCOL'],
  [123, 'authorizationDenied', 'INSUFFICIENT_ACCESS'],
  [248, 'noResult', 'PROTOCOL'],
  [4096, 'e-syncRefreshRequired', 'PROTOCOL'],
];

describe('LDAP result codes', () => {
  it('lists exactly the codes of the table', () => {
    expect(Object.keys(RESULT_CODES).map(Number)).toEqual(EXPECTED.map(([resultCode]) => resultCode));
  });

  it.each(EXPECTED)('%i (%s) maps to %s with its own message and hint', (resultCode, name, code) => {
    const error = toLdapError(new UnknownStatusCodeError(resultCode, 'server text'));
    expect(error).toMatchObject({ code, resultCode, detail: 'server text' });
    expect(resultCodeMeaning(resultCode).name).toBe(name);
    expect(error.message).toBe(RESULT_CODES[resultCode].message);
    expect(hintFor(error)).toBe(RESULT_CODES[resultCode].hint);
  });

  it('gives every code its own message', () => {
    const messages = Object.values(RESULT_CODES).map((meaning) => meaning.message);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('never calls busy, unavailable, a referral or a refused StartTLS "could not connect" or "does not exist"', () => {
    for (const error of [new BusyError(), new UnavailableError(), new UnknownStatusCodeError(10, 'Referral')]) {
      const mapped = toLdapError(error);
      expect(mapped.code).not.toMatch(/UNREACHABLE|NO_SUCH_OBJECT/);
      expect(mapped.message).not.toMatch(/could not connect|does not exist/);
    }
  });

  it('names a code no RFC lists by its number', () => {
    const error = toLdapError(new UnknownStatusCodeError(9999, 'odd'));
    expect(error).toMatchObject({ code: 'UNKNOWN', message: 'the directory server answered with result code 9999' });
  });

  it('keeps the more precise words of an AD sub-code or a server message over the result code', () => {
    const locked = toLdapError(new UnknownStatusCodeError(49, 'Account locked'));
    expect(locked.code).toBe('ACCOUNT_LOCKED');
    expect(locked.message).toBe('the directory account is locked');
    const tls = toLdapError(new UnavailableError('TLS not configured'));
    expect(tls.code).toBe('TLS');
    expect(hintFor(tls)).toMatch(/TLS handshake/);
    expect(hintFor(new LdapError('TLS', 'x', { tlsReason: 'expired' }))).toMatch(/expired/);
  });
});

describe('socket and TLS errors', () => {
  const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });

  it.each([
    ['ECONNREFUSED', 'UNREACHABLE', /refused the connection/],
    ['ECONNRESET', 'UNREACHABLE', /closed the connection abruptly/],
    ['EHOSTUNREACH', 'UNREACHABLE', /no route/],
    ['ENETUNREACH', 'UNREACHABLE', /network cannot be reached/],
    ['ENOTFOUND', 'DNS', /could not be resolved/],
    ['EAI_AGAIN', 'DNS', /for now/],
    ['ETIMEDOUT', 'TIMEOUT', /did not answer in time/],
    ['CERT_HAS_EXPIRED', 'TLS', /expired/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS', /another host name/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'TLS', /not trusted/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS', /secure connection .* failed/],
  ])('%s maps to %s in its own words', (nodeCode, code, message) => {
    const error = toLdapError(socket(nodeCode));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(hintFor(error)).not.toBe('');
  });
});
