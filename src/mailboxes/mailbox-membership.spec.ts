import { LdapError } from '../ldap/ldap.error.js';
import type { LdapSettings } from '../ldap/settings/ldap-settings.types.js';
import { cheaperForm, filterFailure, filterLimits, membershipSearches } from './mailbox-membership.js';

const GROUP = 'CN=Big,OU=Groups,DC=example,DC=test';

describe('mailbox membership rule', () => {
  it('searches each lookup scope for (&<scope filter><mailbox filter>), the Bind DN scope first when allowed', () => {
    const settings = {
      searchScopes: [{ dn: 'ou=people,dc=x', filter: '(objectClass=person)' }],
      allowBindDnScopeLogin: true,
      bindDn: 'dc=x',
    } as LdapSettings;
    expect(membershipSearches(settings, '(title=*)')).toEqual([
      { dn: 'dc=x', filter: '(&(objectClass=person)(title=*))' },
      { dn: 'ou=people,dc=x', filter: '(&(objectClass=person)(title=*))' },
    ]);
  });
  it('gives the server a time limit under our own timeout', () => {
    expect(filterLimits({ timeoutMs: 5000 })).toEqual({ timeoutMs: 5000, timeLimitSeconds: 4 });
    expect(filterLimits({ timeoutMs: 1500 })).toEqual({ timeoutMs: 1500, timeLimitSeconds: 1 });
    expect(filterLimits({ timeoutMs: 500 })).toEqual({ timeoutMs: 500, timeLimitSeconds: 1 });
  });
  it('tells a refused filter, a timeout and a lost connection apart', () => {
    expect(filterFailure('(a=b)', new LdapError('FILTER', 'bad', { resultCode: 18 })).cause).toBe('rejected');
    expect(filterFailure('(a=b)', new LdapError('FILTER', 'bad filter')).cause).toBe('rejected');
    expect(filterFailure('(a=b)', new LdapError('TIMEOUT', 'slow', { resultCode: 3 })).cause).toBe('timeout');
    expect(filterFailure('(a=b)', new Error('SearchRequest: Operation timed out')).cause).toBe('timeout');
    expect(filterFailure('(a=b)', new LdapError('UNREACHABLE', 'gone')).cause).toBe('dropped');
  });
  it('suggests plain memberOf= for an in-chain filter that timed out, and only then', () => {
    const nested = `(&(objectClass=user)(memberOf:1.2.840.113556.1.4.1941:=${GROUP}))`;
    expect(cheaperForm(nested)).toBe(`(&(objectClass=user)(memberOf=${GROUP}))`);
    expect(cheaperForm(`(memberOf=${GROUP})`)).toBeUndefined();
    expect(filterFailure(nested, new LdapError('TIMEOUT', 'slow')).reason).toContain(
      `(&(objectClass=user)(memberOf=${GROUP})) is much cheaper`,
    );
    expect(filterFailure(nested, new LdapError('UNREACHABLE', 'gone')).reason).not.toContain('cheaper');
  });
});
