import { fileTimeToDate } from './active-directory.js';
import { accountBlock, describeSubCode, directoryAccountState, stableIdFilter, stableIdOf } from './rules.js';

const entry = (attributes: Record<string, string[]>) => ({ dn: 'cn=x,dc=example,dc=com', attributes, binary: {} });
const NOW = new Date('2026-11-26T12:00:00Z');

describe('accountBlock', () => {
  it('lets a plain entry in', () => {
    expect(accountBlock(entry({ uid: ['alice'] }), NOW)).toBeNull();
  });
  it('refuses AD userAccountControl with the disabled bit (514)', () => {
    expect(accountBlock(entry({ userAccountControl: ['514'] }), NOW)).toBe('disabled');
    expect(accountBlock(entry({ userAccountControl: ['512'] }), NOW)).toBeNull();
  });
  it('refuses an AD account whose accountExpires is past, not one set to never', () => {
    const past = ((BigInt(Date.parse('2020-01-01T00:00:00Z')) + 11644473600000n) * 10000n).toString();
    expect(accountBlock(entry({ accountExpires: [past] }), NOW)).toBe('expired');
    expect(accountBlock(entry({ accountExpires: ['9223372036854775807'] }), NOW)).toBeNull();
    expect(accountBlock(entry({ accountExpires: ['0'] }), NOW)).toBeNull();
  });
  it('refuses an AD account locked out (lockoutTime set)', () => {
    expect(accountBlock(entry({ lockoutTime: ['133000000000000000'] }), NOW)).toBe('locked');
    expect(accountBlock(entry({ lockoutTime: ['0'] }), NOW)).toBeNull();
  });
  it('refuses 389-ds / FreeIPA nsAccountLock TRUE in any case', () => {
    expect(accountBlock(entry({ nsaccountlock: ['true'] }), NOW)).toBe('disabled');
    expect(accountBlock(entry({ nsAccountLock: ['FALSE'] }), NOW)).toBeNull();
  });
  it('refuses an OpenLDAP ppolicy lock', () => {
    expect(accountBlock(entry({ pwdAccountLockedTime: ['000001010000Z'] }), NOW)).toBe('locked');
  });
});

describe('directoryAccountState (mirrored into the user status)', () => {
  const past = ((BigInt(Date.parse('2020-01-01T00:00:00Z')) + 11644473600000n) * 10000n).toString();
  it('mirrors what an administrator turned off: AD disabled or expired, nsAccountLock, a permanent ppolicy lock', () => {
    expect(directoryAccountState(entry({ userAccountControl: ['514'] }), NOW)).toBe('disabled');
    expect(directoryAccountState(entry({ accountExpires: [past] }), NOW)).toBe('expired');
    expect(directoryAccountState(entry({ nsAccountLock: ['TRUE'] }), NOW)).toBe('disabled');
    expect(directoryAccountState(entry({ pwdAccountLockedTime: ['000001010000Z'] }), NOW)).toBe('locked');
  });
  it('leaves out lockouts after failed passwords, which end by themselves', () => {
    expect(directoryAccountState(entry({ lockoutTime: ['133000000000000000'] }), NOW)).toBeNull();
    expect(directoryAccountState(entry({ pwdAccountLockedTime: ['20261126110000Z'] }), NOW)).toBeNull();
    expect(directoryAccountState(entry({ lockoutTime: ['1'], accountExpires: [past] }), NOW)).toBe('expired');
    expect(directoryAccountState(entry({ userAccountControl: ['512'] }), NOW)).toBeNull();
  });
});

describe('fileTimeToDate', () => {
  it('converts AD FILETIME', () => {
    expect(fileTimeToDate('116444736000000000').toISOString()).toBe('1970-01-01T00:00:00.000Z');
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

describe('describeSubCode', () => {
  it('names a sub-code as its directory type does in log lines', () => {
    expect(describeSubCode('52e')).toBe('AD data 52e: invalid credentials (wrong password)');
    expect(describeSubCode('52f')).toBe('AD data 52f: unknown');
  });
});
