import { detectServerType } from './server-type.js';

describe('detectServerType', () => {
  it('recognises Active Directory by its capability OID', () => {
    expect(detectServerType({ supportedCapabilities: ['1.2.840.113556.1.4.800', '1.2.840.113556.1.4.1670'] })).toBe(
      'active-directory',
    );
  });
  it('recognises 389 Directory Server by its vendor', () => {
    expect(detectServerType({ vendorName: ['389 Project'] })).toBe('389-ds');
  });
  it('recognises OpenLDAP by its root DSE class, whatever the attribute case', () => {
    expect(detectServerType({ structuralobjectclass: ['OpenLDAProotDSE'] })).toBe('openldap');
  });
  it('says unknown otherwise', () => {
    expect(detectServerType({ namingContexts: ['dc=example,dc=com'] })).toBe('unknown');
  });
});
