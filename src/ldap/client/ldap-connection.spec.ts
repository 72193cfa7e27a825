import { DEFAULT_TIMEOUT_MS, effectiveTimeout, refuseEmptyCredentials } from './ldap-connection.js';

describe('effectiveTimeout', () => {
  it('keeps a positive timeout', () => {
    expect(effectiveTimeout(1500)).toBe(1500);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, undefined])(
    'never leaves %p (ldapts would wait forever)',
    (value) => {
      expect(effectiveTimeout(value)).toBe(DEFAULT_TIMEOUT_MS);
    },
  );
});

describe('refuseEmptyCredentials', () => {
  it.each(['', '   ', '\t\n', null, undefined])('refuses the password %p as INVALID_CREDENTIALS', (password) => {
    expect(() => refuseEmptyCredentials('uid=a,dc=x', password)).toThrow(
      expect.objectContaining({
        name: 'LdapError',
        code: 'INVALID_CREDENTIALS',
        detail: 'empty password refused before bind',
      }),
    );
  });

  it('refuses an empty DN', () => {
    expect(() => refuseEmptyCredentials(' ', 'secret')).toThrow(
      expect.objectContaining({ code: 'INVALID_CREDENTIALS' }),
    );
  });

  it('lets a DN with a password through', () => {
    expect(() => refuseEmptyCredentials('uid=a,dc=x', ' secret ')).not.toThrow();
  });
});
