import { guidToBytes, guidToString, stableIdFilter, stableIdOf } from './stable-id.js';

describe('objectGUID', () => {
  // The example from MS-DTYP: bytes on the wire vs. the printed form.
  const bytes = Buffer.from('6F9619FF8B86D011B42D00C04FC964FF', 'hex');
  it('prints in canonical form with the first three groups byte-swapped', () => {
    expect(guidToString(bytes)).toBe('ff19966f-868b-11d0-b42d-00c04fc964ff');
  });
  it('round-trips', () => {
    expect(guidToBytes(guidToString(bytes)).equals(bytes)).toBe(true);
  });
  it('refuses a value that is not 16 bytes', () => {
    expect(() => guidToString(Buffer.alloc(3))).toThrow(/16 bytes/);
  });
});

describe('stableIdOf', () => {
  it('takes the first stable id present, prefixed by its attribute', () => {
    const entry = { dn: 'uid=a', attributes: { entryUUID: ['0E7D6B2A-1111-2222-3333-444455556666'] }, binary: {} };
    expect(stableIdOf(entry, null)).toBe('entryuuid:0e7d6b2a-1111-2222-3333-444455556666');
  });
  it('reads AD objectGUID from bytes', () => {
    const entry = {
      dn: 'cn=a',
      attributes: {},
      binary: { objectGUID: Buffer.from('6F9619FF8B86D011B42D00C04FC964FF', 'hex') },
    };
    expect(stableIdOf(entry, null)).toBe('objectguid:ff19966f-868b-11d0-b42d-00c04fc964ff');
  });
  it('honours a configured attribute only', () => {
    const entry = { dn: 'uid=a', attributes: { entryUUID: ['x'], ipaUniqueID: ['Y'] }, binary: {} };
    expect(stableIdOf(entry, 'ipaUniqueID')).toBe('ipauniqueid:y');
    expect(stableIdOf(entry, 'nsUniqueId')).toBeNull();
  });
});

describe('stableIdFilter', () => {
  it('searches objectGUID on its bytes, text ids escaped, and gives up on what it cannot read back', () => {
    expect(stableIdFilter('objectguid:00112233-4455-6677-8899-aabbccddeeff')).toBe(
      '(objectGUID=\\33\\22\\11\\00\\55\\44\\77\\66\\88\\99\\aa\\bb\\cc\\dd\\ee\\ff)',
    );
    expect(stableIdFilter('entryuuid:4f2c-a*(b)')).toBe('(entryuuid=4f2c-a\\2a\\28b\\29)');
    expect(stableIdFilter('objectsid:0105')).toBe('(objectSid=\\01\\05)');
    expect(stableIdFilter('objectguid:not-a-guid')).toBeNull();
    expect(stableIdFilter('no colon')).toBeNull();
  });
});
