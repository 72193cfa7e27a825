import { accountBlock, directoryAccountState, fileTimeToDate } from './account-state.js';

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
