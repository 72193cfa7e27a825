import { DEFAULT_LDAP_SETTINGS } from '../settings/ldap-settings.types.js';
import { mapEntry } from './entry-mapping.js';

const settings = { attributeMap: DEFAULT_LDAP_SETTINGS.attributeMap, uidAttribute: null };
const entry = (attributes: Record<string, string[]>) => ({
  dn: 'uid=alice,ou=people,dc=example,dc=com',
  attributes,
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
  it('refuses a missing stable id only when asked to', () => {
    expect(mapEntry(entry({ mail: ['a@example.com'] }), settings).ok).toBe(true);
    expect(mapEntry(entry({ mail: ['a@example.com'] }), settings, { requireStableId: true })).toMatchObject({
      ok: false,
      reason: 'missing stable id',
    });
  });
});
