import { DEFAULT_LDAP_SETTINGS } from '../../ldap/settings/ldap-settings.types.js';
import { inDnOrder, isPersonEntry, toCandidate } from './map-entries.js';

const settings = { attributeMap: DEFAULT_LDAP_SETTINGS.attributeMap, uidAttribute: null };
const entry = (dn: string, attributes: Record<string, string[]>) => ({ dn, attributes, binary: {} });

describe('isPersonEntry', () => {
  it.each([
    [['inetOrgPerson'], true],
    [['top', 'person', 'organizationalPerson'], true],
    [['top', 'person', 'organizationalPerson', 'user'], true],
    [['top', 'person', 'organizationalPerson', 'user', 'computer'], false],
    [['device'], false],
    [['groupOfNames'], false],
  ])('%j → %s', (classes, expected) => {
    expect(isPersonEntry(entry('cn=x', { objectClass: classes }))).toBe(expected);
  });
});

describe('toCandidate', () => {
  it('maps a person with email and stable id', () => {
    const result = toCandidate(entry('uid=a,ou=p', { objectClass: ['inetOrgPerson'], mail: ['A@Example.com'], entryUUID: ['U1'] }), settings);
    expect(result).toMatchObject({ kind: 'user', dn: 'uid=a,ou=p', profile: { email: 'a@example.com', ldapUid: 'entryuuid:u1' } });
  });
  it.each([
    [{ objectClass: ['inetOrgPerson'], entryUUID: ['U1'] }, 'no email attribute'],
    [{ objectClass: ['inetOrgPerson'], mail: ['nope'], entryUUID: ['U1'] }, 'invalid email'],
    [{ objectClass: ['inetOrgPerson'], mail: ['a@example.com'] }, 'missing stable id'],
  ])('skips %j with reason %s', (attributes, reason) => {
    expect(toCandidate(entry('uid=a,ou=p', attributes), settings)).toMatchObject({ kind: 'skip', reason });
  });
  it('leaves out what is not a person (a broad scope filter also returns OUs, groups, devices)', () => {
    expect(toCandidate(entry('cn=printer,ou=p', { objectClass: ['device'], mail: ['a@example.com'], entryUUID: ['U1'] }), settings)).toEqual({ kind: 'other', dn: 'cn=printer,ou=p' });
  });
  it('keeps the stable id of a skipped entry, so its user still counts as seen', () => {
    expect(toCandidate(entry('uid=a,ou=p', { objectClass: ['inetOrgPerson'], entryUUID: ['U1'] }), settings)).toMatchObject({ uid: 'entryuuid:u1' });
  });
});

describe('inDnOrder', () => {
  it('orders case-insensitively', () => {
    const dns = ['uid=b,o=x', 'UID=a,o=x', 'uid=c,o=x'].map((dn) => ({ kind: 'skip' as const, dn, uid: null, reason: 'no email attribute' as const, detail: '' }));
    expect(inDnOrder(dns).map((c) => c.dn)).toEqual(['UID=a,o=x', 'uid=b,o=x', 'uid=c,o=x']);
  });
});
