import { BindIdentityError, resolveBindIdentity } from './bind-identity.js';
import { parseDn } from './dn.js';

const BASE = 'ou=Service Accounts,dc=example,dc=com';

describe('resolveBindIdentity', () => {
  it.each([undefined, null, '', '   '])('binds as the Bind DN itself when the username is %p', (username) => {
    expect(resolveBindIdentity(username, 'cn=read-only-admin,dc=example,dc=com')).toEqual({
      bindAs: 'cn=read-only-admin,dc=example,dc=com',
      form: 'bind-dn',
    });
  });

  it('composes cn={name},{bindDn} for a plain name (the Azure AD form)', () => {
    expect(resolveBindIdentity('read-only-admin', 'dc=example,dc=com')).toEqual({
      bindAs: 'cn=read-only-admin,dc=example,dc=com',
      form: 'composed',
    });
  });

  it('escapes a plain name containing , and +', () => {
    const identity = resolveBindIdentity('Smith, John+Jr', BASE);
    expect(identity).toEqual({ bindAs: `cn=Smith\\, John\\+Jr,${BASE}`, form: 'composed' });
    expect(parseDn(identity.bindAs)[0]).toEqual([{ type: 'cn', value: 'Smith, John+Jr' }]);
  });

  it('escapes leading # and surrounding special characters of a plain name', () => {
    expect(resolveBindIdentity('#svc<ldap>;"x"', BASE).bindAs).toBe(`cn=\\#svc\\<ldap\\>\\;\\"x\\",${BASE}`);
  });

  it('binds a full DN as given', () => {
    expect(resolveBindIdentity('CN=svc-helpdesk,OU=Service,DC=corp,DC=local', BASE)).toEqual({
      bindAs: 'CN=svc-helpdesk,OU=Service,DC=corp,DC=local',
      form: 'dn',
    });
  });

  it('binds a DN with an @ in it as a DN, not a UPN', () => {
    expect(resolveBindIdentity('cn=svc@example.com,dc=example,dc=com', BASE).form).toBe('dn');
  });

  it('binds a UPN as given', () => {
    expect(resolveBindIdentity('svc-helpdesk@corp.example.com', BASE)).toEqual({
      bindAs: 'svc-helpdesk@corp.example.com',
      form: 'upn',
    });
  });

  it('binds DOMAIN\\user as given', () => {
    expect(resolveBindIdentity('CORP\\svc-helpdesk', BASE)).toEqual({
      bindAs: 'CORP\\svc-helpdesk',
      form: 'down-level',
    });
    expect(resolveBindIdentity('corp.example.com\\svc', BASE).form).toBe('down-level');
  });

  it('trims surrounding spaces from both settings', () => {
    expect(resolveBindIdentity('  svc  ', ` ${BASE} `).bindAs).toBe(`cn=svc,${BASE}`);
  });

  it('refuses something that looks like a DN but does not parse, with the position', () => {
    expect(() => resolveBindIdentity('cn=svc,,dc=example', BASE)).toThrow(BindIdentityError);
    expect(() => resolveBindIdentity('cn=svc,,dc=example', BASE)).toThrow(
      'Bind username looks like a DN but is not one: invalid DN at position 8',
    );
  });

  it('refuses a plain name without a usable Bind DN', () => {
    expect(() => resolveBindIdentity('svc', '')).toThrow('Bind DN must be the DN it lives under');
    expect(() => resolveBindIdentity('svc', 'example.com')).toThrow(BindIdentityError);
  });

  it('refuses when there is nothing to bind as', () => {
    expect(() => resolveBindIdentity(undefined, ' ')).toThrow('no bind identity: set Bind DN or Bind username');
  });
});
