import { HostSyntaxError, ldapUrl, parseLdapHost } from './host.js';

const EXPECTED_FORM =
  'host must be a host name or IP address such as ldap.example.com, or a URL such as ldaps://ldap.example.com:636';

describe('parseLdapHost', () => {
  describe('plain hosts', () => {
    it('takes a host name with the given port and encryption', () => {
      expect(parseLdapHost({ host: 'dc1.example.com', port: 3269, encryption: 'ssl' })).toEqual({
        host: 'dc1.example.com',
        port: 3269,
        encryption: 'ssl',
        notes: [],
      });
    });

    it.each([
      ['none', 389],
      ['starttls', 389],
      ['ssl', 636],
    ] as const)('defaults the port for encryption %s to %i and says so', (encryption, port) => {
      const parsed = parseLdapHost({ host: 'ldap.example.com', encryption });
      expect(parsed.port).toBe(port);
      expect(parsed.notes).toEqual([`no port given: using ${port}, the default for encryption ${encryption}`]);
    });

    it('defaults encryption to none', () => {
      expect(parseLdapHost({ host: 'ldap', port: 389 })).toMatchObject({ host: 'ldap', encryption: 'none' });
    });

    it('lowercases host names and drops a trailing dot', () => {
      expect(parseLdapHost({ host: 'DC1.Example.COM.', port: 389 }).host).toBe('dc1.example.com');
    });

    it('accepts IPv4 and IPv6 addresses, bare or bracketed', () => {
      expect(parseLdapHost({ host: '10.0.0.5', port: 389 }).host).toBe('10.0.0.5');
      expect(parseLdapHost({ host: '2001:DB8::1', port: 389 }).host).toBe('2001:db8::1');
      expect(parseLdapHost({ host: '[::1]', port: 389 }).host).toBe('::1');
    });

    it('splits host:port and [v6]:port', () => {
      expect(parseLdapHost({ host: 'ldap.example.com:10389' })).toEqual({
        host: 'ldap.example.com',
        port: 10389,
        encryption: 'none',
        notes: ['ldap.example.com:10389 understood as host ldap.example.com, port 10389'],
      });
      expect(parseLdapHost({ host: '[2001:db8::1]:636', encryption: 'ssl' })).toMatchObject({
        host: '2001:db8::1',
        port: 636,
      });
    });
  });

  describe('URLs', () => {
    it('splits ldaps:// into host, port and ssl and tells the admin', () => {
      expect(parseLdapHost({ host: 'ldaps://dc1.example.com:636' })).toEqual({
        host: 'dc1.example.com',
        port: 636,
        encryption: 'ssl',
        notes: ['ldaps://dc1.example.com:636 understood as host dc1.example.com, port 636, encryption ssl'],
      });
    });

    it('uses 389 for ldap:// and 636 for ldaps:// without a port', () => {
      expect(parseLdapHost({ host: 'ldap://ldap.example.com' })).toMatchObject({ port: 389, encryption: 'none' });
      expect(parseLdapHost({ host: 'ldaps://ldap.example.com/' })).toMatchObject({ port: 636, encryption: 'ssl' });
    });

    it('keeps starttls given with an ldap:// URL', () => {
      expect(parseLdapHost({ host: 'ldap://ldap.example.com:389', encryption: 'starttls' })).toMatchObject({
        host: 'ldap.example.com',
        port: 389,
        encryption: 'starttls',
      });
    });

    it('lets ldaps:// win over encryption none from a form default', () => {
      expect(parseLdapHost({ host: 'ldaps://ldap.example.com', encryption: 'none' }).encryption).toBe('ssl');
    });

    it('brackets IPv6 in URLs and accepts a matching port field', () => {
      expect(parseLdapHost({ host: 'LDAPS://[2001:db8::1]:636', port: 636 })).toMatchObject({
        host: '2001:db8::1',
        port: 636,
        encryption: 'ssl',
      });
    });
  });

  describe('refusals', () => {
    it.each([
      ['', 'host is empty'],
      ['   ', 'host is empty'],
      ['ldap .example.com', 'must not contain spaces'],
      [' ldap.example.com', 'must not contain spaces'],
      ['http://ldap.example.com', 'http:// is not an LDAP URL'],
      ['ldapi://%2fvar%2frun%2fslapd.sock', 'ldapi:// is not an LDAP URL'],
      ['ldap://ldap.example.com/dc=example,dc=com', 'a URL with a path, query or fragment'],
      ['ldap://ldap.example.com?uid', 'a URL with a path, query or fragment'],
      ['ldap://ldap.example.com#x', 'a URL with a path, query or fragment'],
      ['ldap://admin:secret@ldap.example.com', 'a URL with a user name is not accepted'],
      ['ldap://', 'the host name is missing'],
      ['ldap://host:', 'the port must be a number'],
      ['host:0', 'the port must be a number'],
      ['host:65536', 'the port must be a number'],
      ['host:ldap', 'the port must be a number'],
      ['2001:db8::1:636x', 'brackets'],
      ['dc1:389:1', 'dc1:389:1 is not a host: host must be a host name or address, optionally with :port'],
      ['ldap://dc1:389:1', 'dc1:389:1 is not a host'],
      ['dc1.example.com:389:', 'optionally with :port'],
      ['[not-v6]:636', 'not a valid IPv6 address'],
      ['fe80::1%eth0', 'zone ids'],
      ['999.1.1.1', '999.1.1.1 is not a valid IPv4 address'],
      ['ldap_/example', 'a host name may only contain'],
      ['-bad.example.com', 'a host name may only contain'],
      ['bad-.example.com', 'a host name may only contain'],
      ['ex..ample.com', 'a host name may only contain'],
    ])('refuses %j', (host, reason) => {
      expect(() => parseLdapHost({ host })).toThrow(HostSyntaxError);
      expect(() => parseLdapHost({ host })).toThrow(`${reason}`);
      expect(() => parseLdapHost({ host })).toThrow(EXPECTED_FORM);
    });

    it('never repeats a password from the URL in the message', () => {
      expect(() => parseLdapHost({ host: 'ldaps://admin:s3cret@ldap.example.com' })).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
      );
    });

    it.each([0, 65536, 3.5, Number.NaN])('refuses port %p', (port) => {
      expect(() => parseLdapHost({ host: 'ldap.example.com', port })).toThrow(
        'the port must be a number from 1 to 65535',
      );
    });

    it('refuses conflicting ports and encryptions', () => {
      expect(() => parseLdapHost({ host: 'ldaps://ldap.example.com:636', port: 3269 })).toThrow(
        'differs from the port field',
      );
      expect(() => parseLdapHost({ host: 'ldaps://ldap.example.com', encryption: 'starttls' })).toThrow(
        'cannot be combined with StartTLS',
      );
      expect(() => parseLdapHost({ host: 'ldap://ldap.example.com', encryption: 'ssl' })).toThrow('ldap:// is not SSL');
    });
  });
});

describe('ldapUrl', () => {
  it('builds ldap:// for none and starttls and ldaps:// for ssl', () => {
    expect(ldapUrl({ host: 'ldap.example.com', port: 389, encryption: 'none' })).toBe('ldap://ldap.example.com:389');
    expect(ldapUrl({ host: 'ldap.example.com', port: 389, encryption: 'starttls' })).toBe(
      'ldap://ldap.example.com:389',
    );
    expect(ldapUrl({ host: 'dc1.example.com', port: 636, encryption: 'ssl' })).toBe('ldaps://dc1.example.com:636');
  });

  it('brackets IPv6 addresses', () => {
    expect(ldapUrl({ host: '2001:db8::1', port: 636, encryption: 'ssl' })).toBe('ldaps://[2001:db8::1]:636');
    expect(ldapUrl({ host: '10.0.0.5', port: 389, encryption: 'none' })).toBe('ldap://10.0.0.5:389');
  });

  it('round-trips what parseLdapHost understood', () => {
    const parsed = parseLdapHost({ host: 'ldaps://[::1]:1636' });
    expect(ldapUrl(parsed)).toBe('ldaps://[::1]:1636');
  });
});
