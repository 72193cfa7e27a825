import { DEFAULT_LDAP_SETTINGS } from '../settings/ldap-settings.types.js';
import { EntryReader, mapEntry } from './entry-reader.js';

const settings = { attributeMap: DEFAULT_LDAP_SETTINGS.attributeMap, uidAttribute: null };
// every entry has a stable id unless a test says otherwise
const entry = (attributes: Record<string, string[]>) => ({
  dn: 'uid=alice,ou=people,dc=example,dc=com',
  attributes: { entryUUID: ['U1'], ...attributes },
  binary: {},
});

describe('mapEntry', () => {
  it('maps the attributes and lower-cases the email', () => {
    const result = mapEntry(
      entry({
        mail: ['Alice@Example.com'],
        givenName: ['Alice'],
        sn: ['Liddell'],
        title: ['Agent'],
        telephoneNumber: ['+1 555'],
        entryUUID: ['ABC'],
      }),
      settings,
    );
    expect(result).toEqual({
      ok: true,
      cuts: [],
      profile: {
        email: 'alice@example.com',
        emails: ['alice@example.com'],
        firstName: 'Alice',
        lastName: 'Liddell',
        jobTitle: 'Agent',
        phone: '+1 555',
        ldapUid: 'entryuuid:abc',
        ldapDn: 'uid=alice,ou=people,dc=example,dc=com',
        directoryState: null,
      },
    });
  });
  it('keeps every valid email value, lower-cased, in lowercase order, whatever order the server sent', () => {
    const one = mapEntry(
      entry({ mail: ['Zed@example.com', 'not an email', 'alex@example.com', 'ALEX@example.com'] }),
      settings,
    );
    const other = mapEntry(entry({ mail: ['alex@example.com', 'zed@example.com'] }), settings);
    expect(one).toMatchObject({
      ok: true,
      profile: { email: 'alex@example.com', emails: ['alex@example.com', 'zed@example.com'] },
    });
    expect(other).toEqual(one);
  });
  it('cuts in characters (code points), never inside one, and says so', () => {
    const result = mapEntry(
      entry({ mail: ['a@example.com'], givenName: [`${'a'.repeat(254)}\u{1F600}b`], title: ['\u{1F600}'.repeat(255)] }),
      settings,
    );
    expect(result).toMatchObject({
      ok: true,
      profile: { firstName: `${'a'.repeat(254)}\u{1F600}`, jobTitle: '\u{1F600}'.repeat(255) },
    });
    expect(result.ok && result.cuts).toEqual([{ field: 'firstName', attribute: 'givenName', length: 256, max: 255 }]);
  });
  it('refuses an entry without email, or with something that is not one', () => {
    expect(mapEntry(entry({ sn: ['x'] }), settings)).toMatchObject({ ok: false, reason: 'no email attribute' });
    expect(mapEntry(entry({ mail: ['not an email'] }), settings)).toMatchObject({ ok: false, reason: 'invalid email' });
  });
  it('refuses an entry without a stable id (an account is matched by it first)', () => {
    const bare = { dn: 'uid=a,dc=example,dc=com', attributes: { mail: ['a@example.com'] }, binary: {} };
    expect(mapEntry(bare, settings)).toMatchObject({ ok: false, reason: 'missing stable id' });
  });
});

const readerSettings = { ...settings, loginAttributes: ['uid', 'mail'] };
const at = (dn: string, attributes: Record<string, string[]>) => ({ dn, attributes, binary: {} });

describe('EntryReader', () => {
  it('is built once per settings object', () => {
    expect(EntryReader.for(readerSettings)).toBe(EntryReader.for(readerSettings));
    expect(EntryReader.for({ ...readerSettings })).not.toBe(EntryReader.for(readerSettings));
  });
  it('requests mapped, stable-id, account-state and login attributes, each once whatever its case', () => {
    const reader = EntryReader.for({ ...readerSettings, loginAttributes: ['uid', 'MAIL'] });
    expect(reader.attributes).toEqual(
      expect.arrayContaining([
        'mail',
        'givenName',
        'entryUUID',
        'objectGUID',
        'nsAccountLock',
        'userAccountControl',
        'uid',
      ]),
    );
    expect(reader.attributes.map((a) => a.toLowerCase()).filter((a) => a === 'mail')).toHaveLength(1);
    expect(EntryReader.for({ ...readerSettings, uidAttribute: 'employeeNumber' }).attributes).not.toContain(
      'objectGUID',
    );
  });
  it('reads a person with email and stable id', () => {
    const result = EntryReader.for(readerSettings).read(
      at('uid=a,ou=p', { objectClass: ['inetOrgPerson'], mail: ['A@Example.com'], entryUUID: ['U1'] }),
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
    expect(EntryReader.for(readerSettings).read(at('uid=a,ou=p', attributes))).toMatchObject({ kind: 'skip', reason });
  });
  it('takes whatever the scope filter returned, whatever its object classes (the server decided)', () => {
    const entry = at('uid=s,ou=p', { objectClass: ['sitePerson'], mail: ['s@example.com'], entryUUID: ['U1'] });
    expect(EntryReader.for(readerSettings).read(entry)).toMatchObject({ kind: 'user' });
  });
  it('keeps the stable id of a skipped entry, so its user still counts as seen', () => {
    const entry = at('uid=a,ou=p', { objectClass: ['inetOrgPerson'], entryUUID: ['U1'] });
    expect(EntryReader.for(readerSettings).read(entry)).toMatchObject({ uid: 'entryuuid:u1' });
  });
  it("mirrors the directory's account state and refuses a sign-in the directory would", () => {
    const reader = EntryReader.for(readerSettings);
    const locked = at('uid=a,ou=p', { mail: ['a@example.com'], entryUUID: ['U1'], nsAccountLock: ['TRUE'] });
    expect(reader.read(locked)).toMatchObject({ kind: 'user', profile: { directoryState: 'disabled' } });
    expect(reader.signInBlock(locked)).toBe('disabled');
  });
});
