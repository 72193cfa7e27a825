import {
  AdminLimitExceededError,
  ConfidentialityRequiredError,
  ConstraintViolationError,
  InsufficientAccessError,
  InvalidCredentialsError,
  InvalidDNSyntaxError,
  NoSuchObjectError,
  OperationsError,
  ProtocolError,
  SizeLimitExceededError,
  TimeLimitExceededError,
  UnavailableError,
  UnknownStatusCodeError,
  UnwillingToPerformError,
} from 'ldapts';
import { parseFilter } from './syntax/filter.js';
import { activeDirectory } from './flavours/active-directory.js';
import { hintFor, LdapError, toLdapError } from './ldap.error.js';

const AD_SUB_CODES = activeDirectory.errors.subCodes;

const adBindError = (data: string) =>
  `80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data ${data}, v4563`;

function nodeError(code: string, message = `connect ${code} 10.0.0.5:389`): Error {
  return Object.assign(new Error(message), { code });
}

describe('toLdapError: LDAP result codes', () => {
  it.each([
    ['52e', 'INVALID_CREDENTIALS'],
    ['525', 'INVALID_CREDENTIALS'],
    ['530', 'ACCOUNT_DISABLED'],
    ['531', 'ACCOUNT_DISABLED'],
    ['532', 'PASSWORD_EXPIRED'],
    ['533', 'ACCOUNT_DISABLED'],
    ['701', 'ACCOUNT_DISABLED'],
    ['773', 'MUST_CHANGE_PASSWORD'],
    ['775', 'ACCOUNT_LOCKED'],
  ])('maps AD bind failure data %s to %s', (data, code) => {
    const error = toLdapError(new InvalidCredentialsError(adBindError(data)));
    expect(error).toMatchObject({ code, subCode: data, resultCode: 49, detail: adBindError(data) });
    expect(error.message).toContain(`(Active Directory ${data}: ${AD_SUB_CODES[data].meaning})`);
  });

  it('maps a plain invalid credentials error and strips the ldapts code suffix from the detail', () => {
    const cause = new InvalidCredentialsError('Invalid credentials');
    const error = toLdapError(cause);
    expect(error).toBeInstanceOf(LdapError);
    expect(error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      detail: 'Invalid credentials',
      resultCode: 49,
      subCode: undefined,
    });
    expect(error.cause).toBe(cause);
  });

  it('leaves the detail empty when the server sent no message', () => {
    expect(toLdapError(new InvalidCredentialsError('')).detail).toBeUndefined();
  });

  it.each([
    [new NoSuchObjectError('no such object'), 'NO_SUCH_OBJECT'],
    [new SizeLimitExceededError(), 'SIZE_LIMIT'],
    [new AdminLimitExceededError(), 'ADMIN_LIMIT'],
    [new TimeLimitExceededError(), 'TIMEOUT'],
    [new UnwillingToPerformError('unauthenticated bind (DN with no password) disallowed'), 'UNWILLING'],
    [new InsufficientAccessError(), 'INSUFFICIENT_ACCESS'],
    [new ConfidentialityRequiredError('confidentiality required'), 'TLS'],
    [new ProtocolError(), 'PROTOCOL'],
    [new InvalidDNSyntaxError('invalid DN'), 'INVALID_DN'],
    [new UnavailableError(), 'UNAVAILABLE'],
    [new UnknownStatusCodeError(10, 'Referral'), 'REFERRAL'],
    [new UnknownStatusCodeError(80, 'other'), 'UNKNOWN'],
  ])('maps %p', (cause, code) => {
    expect(toLdapError(cause).code).toBe(code);
  });

  it('maps 389-ds "Account inactivated" (nsAccountLock) to ACCOUNT_DISABLED', () => {
    expect(toLdapError(new UnwillingToPerformError('Account inactivated. Contact system administrator.')).code).toBe(
      'ACCOUNT_DISABLED',
    );
  });

  it('maps lockouts reported by 389-ds and OpenLDAP ppolicy to ACCOUNT_LOCKED', () => {
    expect(toLdapError(new ConstraintViolationError('Exceed password retry limit. Please try later.')).code).toBe(
      'ACCOUNT_LOCKED',
    );
    expect(toLdapError(new InvalidCredentialsError('Account locked')).code).toBe('ACCOUNT_LOCKED');
  });

  it('maps AD "a successful bind must be completed" to INSUFFICIENT_ACCESS', () => {
    const message =
      '000004DC: LdapErr: DSID-0C090A5C, comment: In order to perform this operation a successful bind must be completed on the connection., data 0, v4563';
    expect(toLdapError(new OperationsError(message))).toMatchObject({
      code: 'INSUFFICIENT_ACCESS',
      subCode: undefined,
    });
  });

  it('maps a refused StartTLS to TLS', () => {
    expect(toLdapError(new UnavailableError('TLS not configured'))).toMatchObject({ code: 'TLS', tlsReason: 'other' });
  });

  it('accepts a result-code error from another copy of ldapts by its numeric code', () => {
    expect(toLdapError({ code: 32, message: 'No such object Code: 0x20' })).toMatchObject({
      code: 'NO_SUCH_OBJECT',
      detail: 'No such object',
    });
  });
});

describe('toLdapError: sockets, DNS and TLS', () => {
  it.each([
    ['ECONNREFUSED', 'UNREACHABLE'],
    ['EHOSTUNREACH', 'UNREACHABLE'],
    ['ENETUNREACH', 'UNREACHABLE'],
    ['ECONNRESET', 'UNREACHABLE'],
    ['ENOTFOUND', 'DNS'],
    ['EAI_AGAIN', 'DNS'],
    ['ETIMEDOUT', 'TIMEOUT'],
    ['ERR_INVALID_ARG_TYPE', 'UNKNOWN'],
  ])('maps %s to %s', (nodeCode, code) => {
    const error = toLdapError(nodeError(nodeCode));
    expect(error).toMatchObject({ code, detail: `connect ${nodeCode} 10.0.0.5:389` });
  });

  it('maps a plain object with a code', () => {
    expect(toLdapError({ code: 'ENOTFOUND' })).toMatchObject({ code: 'DNS', detail: undefined });
  });

  it.each([
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'untrusted'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'untrusted'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'untrusted'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'untrusted'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'hostname'],
    ['CERT_HAS_EXPIRED', 'expired'],
    ['CERT_NOT_YET_VALID', 'expired'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'other'],
    ['ERR_SSL_PACKET_LENGTH_TOO_LONG', 'other'],
    ['EPROTO', 'other'],
  ])('maps %s to TLS (%s)', (nodeCode, tlsReason) => {
    expect(toLdapError(nodeError(nodeCode, 'certificate problem'))).toMatchObject({ code: 'TLS', tlsReason });
  });

  it('reads the code from an AggregateError (Node tries IPv4 and IPv6)', () => {
    const aggregate = new AggregateError([nodeError('ECONNREFUSED'), nodeError('ECONNREFUSED')], '');
    expect(toLdapError(aggregate).code).toBe('UNREACHABLE');
  });

  it('maps ldapts timeouts', () => {
    expect(toLdapError(new Error('Connection timeout')).code).toBe('TIMEOUT');
    expect(toLdapError(new Error('SearchRequest: Operation timed out')).code).toBe('TIMEOUT');
  });

  it('reads the socket error code ldapts embeds in its message, keeping only the first line as detail', () => {
    const error = toLdapError(new Error('Socket error. Message type: SearchRequest (0x63)\nread ECONNRESET'));
    expect(error).toMatchObject({ code: 'UNREACHABLE', detail: 'Socket error. Message type: SearchRequest (0x63)' });
  });

  it('does not mistake ordinary capitalised words for socket codes', () => {
    expect(toLdapError(new Error('ERROR: Unbalanced parens in filter string: (a=b')).code).toBe('FILTER');
  });

  it('maps a connection closed before any answer to PROTOCOL', () => {
    expect(
      toLdapError(new Error('Connection closed before message response was received. Message type: BindRequest (0x60)'))
        .code,
    ).toBe('PROTOCOL');
  });
});

describe('toLdapError: filters and others', () => {
  it('maps ldapts FilterParser errors to FILTER', () => {
    expect(toLdapError(new Error('Invalid attribute name: =x')).code).toBe('FILTER');
    expect(toLdapError(new Error('Invalid escaped hex character: zz in value: \\zz')).code).toBe('FILTER');
  });

  it('maps our own FilterSyntaxError to FILTER', () => {
    let thrown: unknown;
    try {
      parseFilter('(uid=x');
    } catch (error) {
      thrown = error;
    }
    expect(toLdapError(thrown)).toMatchObject({
      code: 'FILTER',
      detail: 'unbalanced parentheses at position 7: missing ")"',
    });
  });

  it('returns an LdapError unchanged', () => {
    const error = new LdapError('DNS', 'x');
    expect(toLdapError(error)).toBe(error);
  });

  it('maps anything else to UNKNOWN', () => {
    expect(toLdapError('boom')).toMatchObject({ code: 'UNKNOWN', detail: 'boom' });
    expect(toLdapError(undefined)).toMatchObject({ code: 'UNKNOWN', detail: undefined });
    expect(toLdapError(null).code).toBe('UNKNOWN');
  });
});

describe('hintFor', () => {
  const hint = (cause: unknown) => hintFor(toLdapError(cause));

  it.each([
    [nodeError('ENOTFOUND'), 'check the spelling of the host'],
    [nodeError('ECONNREFUSED'), 'wrong port'],
    [nodeError('ECONNREFUSED'), 'firewall'],
    [nodeError('ECONNREFUSED'), 'running'],
    [nodeError('ETIMEDOUT'), 'firewall silently dropping packets'],
    [nodeError('ETIMEDOUT'), 'wrong host'],
    [nodeError('SELF_SIGNED_CERT_IN_CHAIN'), 'paste the CA certificate of the directory (PEM) into "CA certificate"'],
    [nodeError('ERR_TLS_CERT_ALTNAME_INVALID'), 'use the host name the certificate was issued for'],
    [nodeError('CERT_HAS_EXPIRED'), 'renew the server certificate'],
    [nodeError('ERR_SSL_WRONG_VERSION_NUMBER'), 'SSL on 636'],
    [new NoSuchObjectError(), 'check the Bind DN and the scope DNs'],
    [new Error('Unbalanced parens in filter string: (a=b'), 'filter syntax'],
    [new SizeLimitExceededError(), "lower pageSize below the server's limit"],
    [new ConfidentialityRequiredError(), 'choose SSL (port 636) or StartTLS'],
    [new TimeLimitExceededError(), 'time limit'],
    [new InsufficientAccessError(), 'grant it read access'],
  ])('explains %p in plain words', (cause, words) => {
    expect(hint(cause)).toContain(words);
  });

  it('explains AD sub-codes', () => {
    expect(hint(new InvalidCredentialsError(adBindError('52e')))).toBe(
      'Active Directory says: invalid credentials (wrong password). Check the password.',
    );
    expect(hint(new InvalidCredentialsError(adBindError('525')))).toBe(
      'Active Directory says: user not found. Check the Bind username or Bind DN: no such account.',
    );
    expect(hint(new InvalidCredentialsError(adBindError('775')))).toMatch(
      /^Active Directory says: account locked\. .*unlock it/,
    );
    expect(hint(new InvalidCredentialsError(adBindError('773')))).toContain('user must reset password');
  });

  it('gives a hint for every code', () => {
    const codes = [
      'INVALID_CREDENTIALS',
      'UNREACHABLE',
      'DNS',
      'TIMEOUT',
      'TLS',
      'NO_SUCH_OBJECT',
      'FILTER',
      'SIZE_LIMIT',
      'ACCOUNT_DISABLED',
      'ACCOUNT_LOCKED',
      'PASSWORD_EXPIRED',
      'MUST_CHANGE_PASSWORD',
      'INSUFFICIENT_ACCESS',
      'UNWILLING',
      'PROTOCOL',
      'UNKNOWN',
    ] as const;
    for (const code of codes) expect(hintFor(new LdapError(code, code)).length).toBeGreaterThan(20);
  });
});
