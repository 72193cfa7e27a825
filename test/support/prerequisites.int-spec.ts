import { assertPrerequisites, findBinary, INSTALL_COMMAND } from './prerequisites.js';

describe('prerequisites', () => {
  it('finds server binaries outside PATH too (slapd lives in /usr/sbin)', () => {
    expect(findBinary('slapd')).toMatch(/\/slapd$/);
    expect(findBinary('no-such-daemon|mariadbd|mysqld')).toMatch(/\/(mariadbd|mysqld)$/);
  });

  it('fails naming what is missing and the command that installs it', () => {
    expect(() => assertPrerequisites(['slapd', 'no-such-daemon'])).toThrow(
      /missing: no-such-daemon\.\n.*\n\s+apt-get update && /,
    );
    expect(INSTALL_COMMAND).toContain('slapd ldap-utils mariadb-server openssl');
  });
});
