import { DEFAULT_LDAP_SETTINGS } from '../../ldap/settings/ldap-settings.types.js';
import { inDnOrder, toCandidate } from './map-entries.js';

const settings = { attributeMap: DEFAULT_LDAP_SETTINGS.attributeMap, uidAttribute: null };
const entry = (dn: string, attributes: Record<string, string[]>) => ({ dn, attributes, binary: {} });

describe('toCandidate', () => {
  it('maps a person with email and stable id', () => {
    const result = toCandidate(
      entry('uid=a,ou=p', { objectClass: ['inetOrgPerson'], mail: ['A@Example.com'], entryUUID: ['U1'] }),
      settings,
    );
    expect(result).toMatchObject({
      kind: 'user',
      dn: 'uid=a,ou=p',
      profile: { email: 'a@example.com', ldapUid: 'entryuuid:u1' },
    });
  });
  it.each([
    [{ objectClass: ['inetOrgPerson'], entryUUID: ['U1'] }, 'no email attribute'],
    [{ objectClass: ['inetOrgPerson'], mail: ['nope'], entryUUID: ['U1'] }, 'invalid email'],
    [{ objectClass: ['inetOrgPerson'], mail: ['a@example.com'] }, 'missing stable id'],
  ])('skips %j with reason %s', (attributes, reason) => {
    expect(toCandidate(entry('uid=a,ou=p', attributes), settings)).toMatchObject({ kind: 'skip', reason });
  });
  it('takes whatever the scope filter returned, whatever its object classes (the server decided)', () => {
    expect(
      toCandidate(
        entry('uid=s,ou=p', { objectClass: ['sitePerson'], mail: ['s@example.com'], entryUUID: ['U1'] }),
        settings,
      ),
    ).toMatchObject({ kind: 'user' });
  });
  it('keeps the stable id of a skipped entry, so its user still counts as seen', () => {
    expect(
      toCandidate(entry('uid=a,ou=p', { objectClass: ['inetOrgPerson'], entryUUID: ['U1'] }), settings),
    ).toMatchObject({ uid: 'entryuuid:u1' });
  });
});

describe('inDnOrder', () => {
  it('orders case-insensitively', () => {
    const dns = ['uid=b,o=x', 'UID=a,o=x', 'uid=c,o=x'].map((dn) => ({
      kind: 'skip' as const,
      dn,
      uid: null,
      reason: 'no email attribute' as const,
      detail: '',
    }));
    expect(inDnOrder(dns).map((c) => c.dn)).toEqual(['UID=a,o=x', 'uid=b,o=x', 'uid=c,o=x']);
  });
});
