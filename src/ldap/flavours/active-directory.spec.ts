import { activeDirectory, guidToBytes, guidToString, parseAdSubCode } from './active-directory.js';

const AD_SUB_CODES = activeDirectory.errors.subCodes;
const adBindError = (data: string) =>
  `80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data ${data}, v4563`;

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

describe('parseAdSubCode', () => {
  it('reads the data field of an AD diagnostic message', () => {
    expect(parseAdSubCode(adBindError('52e'))).toBe('52e');
    expect(parseAdSubCode(adBindError('775'))).toBe('775');
    expect(
      parseAdSubCode('80090308: LdapErr: DSID-0C090447, comment: AcceptSecurityContext error, data 52E, v3839'),
    ).toBe('52e');
  });

  it('returns undefined without a data field or for data 0', () => {
    expect(parseAdSubCode('Invalid credentials')).toBeUndefined();
    expect(parseAdSubCode(undefined)).toBeUndefined();
    expect(
      parseAdSubCode(
        '000004DC: LdapErr: DSID-0C090A5C, comment: In order to perform this operation a successful bind must be completed on the connection., data 0, v4563',
      ),
    ).toBeUndefined();
  });
});

describe('AD_SUB_CODES', () => {
  it('explains every documented sub-code in plain words', () => {
    expect(Object.keys(AD_SUB_CODES).sort()).toEqual(['525', '52e', '530', '531', '532', '533', '701', '773', '775']);
    for (const entry of Object.values(AD_SUB_CODES)) expect(entry.meaning).toMatch(/^[a-z]/);
  });
});
