import { DN as LdaptsDn } from 'ldapts';
import { buildDn, dnEquals, DnSyntaxError, isDnUnder, isValidDn, normalizeDn, parseDn } from './dn.js';

describe('parseDn', () => {
  it('splits a simple DN into RDNs', () => {
    expect(parseDn('uid=jdoe,ou=People,dc=example,dc=com')).toEqual([
      [{ type: 'uid', value: 'jdoe' }],
      [{ type: 'ou', value: 'People' }],
      [{ type: 'dc', value: 'example' }],
      [{ type: 'dc', value: 'com' }],
    ]);
  });

  it('returns no RDNs for the empty (root) DN', () => {
    expect(parseDn('')).toEqual([]);
    expect(parseDn('   ')).toEqual([]);
  });

  it('unescapes backslash-escaped special characters', () => {
    expect(parseDn('cn=Smith\\, John\\+Jr\\;\\<x\\>\\"q\\"\\\\,dc=example')[0]).toEqual([
      { type: 'cn', value: 'Smith, John+Jr;<x>"q"\\' },
    ]);
  });

  it('unescapes hex pairs, including multi-byte UTF-8', () => {
    expect(parseDn('cn=Smith\\2C John,dc=x')[0][0].value).toBe('Smith, John');
    expect(parseDn('cn=Jos\\C3\\A9,dc=x')[0][0].value).toBe('José');
  });

  it('keeps raw UTF-8 characters', () => {
    expect(parseDn('cn=Zoë Ünal 日本,dc=x')[0][0].value).toBe('Zoë Ünal 日本');
  });

  it('reads escaped leading #, leading and trailing spaces', () => {
    expect(parseDn('cn=\\#admins,dc=x')[0][0].value).toBe('#admins');
    expect(parseDn('cn=\\ padded\\ ,dc=x')[0][0].value).toBe(' padded ');
  });

  it('reads multi-valued RDNs', () => {
    expect(parseDn('cn=John+uid=jd,dc=example')[0]).toEqual([
      { type: 'cn', value: 'John' },
      { type: 'uid', value: 'jd' },
    ]);
  });

  it('reads #hex values as written', () => {
    expect(parseDn('1.3.6.1.4.1.1466.0=#04024869,dc=x')[0]).toEqual([
      { type: '1.3.6.1.4.1.1466.0', value: '#04024869', hex: true },
    ]);
  });

  it('accepts dotted OIDs as attribute types', () => {
    expect(parseDn('2.5.4.3=John')[0][0]).toEqual({ type: '2.5.4.3', value: 'John' });
  });

  it('tolerates spaces around "," "=" and "+"', () => {
    expect(parseDn(' cn = John Smith , dc = example + o = x ')).toEqual([
      [{ type: 'cn', value: 'John Smith' }],
      [
        { type: 'dc', value: 'example' },
        { type: 'o', value: 'x' },
      ],
    ]);
  });

  it('accepts an unescaped "=" inside a value (RFC 4514 allows it)', () => {
    expect(parseDn('cn=a=b')[0][0].value).toBe('a=b');
  });

  it.each([
    ['dc=example,', 12, 'expected an attribute type'],
    [',dc=example', 1, 'expected an attribute type'],
    ['cn', 3, 'expected "=" after attribute type "cn"'],
    ['cn John,dc=x', 4, 'expected "=" after attribute type "cn", found "J"'],
    ['=John', 1, 'expected an attribute type such as cn, ou or dc, found "="'],
    ['cn=a\\zb', 5, 'invalid escape'],
    ['cn=a\\', 5, 'found the end of the DN'],
    ['cn=a;b', 5, '";" must be escaped as \\;'],
    ['cn="quoted"', 4, '""" must be escaped as \\"'],
    ['cn=a<b', 5, 'must be escaped as \\<'],
    ['cn=#zz', 4, 'pairs of hex digits'],
    ['cn=#414', 4, 'pairs of hex digits'],
    ['cn=#41x', 7, 'in a #hex value'],
    ['2=x', 1, 'dotted OID'],
    ['cn=\\ff\\fe', 4, 'not valid UTF-8'],
    ['cn=a\0', 5, 'a NUL character must be escaped as \\00'],
  ])('refuses %j at position %i', (dn, position, reason) => {
    const error = catchError(() => parseDn(dn));
    expect(error).toBeInstanceOf(DnSyntaxError);
    expect((error as DnSyntaxError).position).toBe(position);
    expect((error as DnSyntaxError).message).toContain(`invalid DN at position ${position}: `);
    expect((error as DnSyntaxError).message).toContain(reason);
  });

  it('agrees with ldapts on the value of escaped DNs it builds', () => {
    const built = new LdaptsDn({ cn: 'Smith, John+Jr', ou: 'People' }).toString();
    expect(parseDn(built)).toEqual([[{ type: 'cn', value: 'Smith, John+Jr' }], [{ type: 'ou', value: 'People' }]]);
  });
});

describe('isValidDn', () => {
  it('accepts well-formed DNs and refuses malformed or empty ones', () => {
    expect(isValidDn('dc=example,dc=com')).toBe(true);
    expect(isValidDn('CN=Smith\\, John,OU=Users,DC=corp,DC=local')).toBe(true);
    expect(isValidDn('')).toBe(false);
    expect(isValidDn('example.com')).toBe(false);
    expect(isValidDn('admin@example.com')).toBe(false);
    expect(isValidDn('dc=example,')).toBe(false);
  });
});

describe('buildDn', () => {
  it('escapes values and joins RDNs and multi-valued parts', () => {
    expect(
      buildDn([
        [
          { type: 'cn', value: 'Smith, John' },
          { type: 'uid', value: '#1 ' },
        ],
        [{ type: 'dc', value: 'example' }],
      ]),
    ).toBe('cn=Smith\\, John+uid=\\#1\\ ,dc=example');
  });

  it('writes #hex values unescaped', () => {
    expect(buildDn([[{ type: '1.2.3', value: '#0401ff', hex: true }]])).toBe('1.2.3=#0401ff');
  });

  it('round-trips through parseDn', () => {
    const rdns = [[{ type: 'cn', value: ' a,b+c="d";<e>\\f# ' }], [{ type: 'o', value: 'Zoë' }]];
    expect(parseDn(buildDn(rdns))).toEqual(rdns);
  });
});

describe('normalizeDn', () => {
  it('lowercases types and values and drops insignificant spaces', () => {
    expect(normalizeDn(' CN = John Smith , OU=People,DC=Example,DC=COM')).toBe(
      'cn=john smith,ou=people,dc=example,dc=com',
    );
  });

  it('writes escapes canonically whatever form they were given in', () => {
    expect(normalizeDn('cn=Smith\\2C John,dc=x')).toBe('cn=smith\\, john,dc=x');
    expect(normalizeDn('cn=Jos\\C3\\A9,dc=x')).toBe('cn=josé,dc=x');
  });

  it('sorts the parts of multi-valued RDNs', () => {
    expect(normalizeDn('uid=jd+cn=John,dc=x')).toBe(normalizeDn('cn=John+uid=jd,dc=x'));
  });

  it('keeps an escaped + inside a multi-valued RDN intact', () => {
    expect(normalizeDn('uid=a\\+b+cn=c,dc=x')).toBe('cn=c+uid=a\\+b,dc=x');
  });

  it('names well-known OIDs', () => {
    expect(normalizeDn('2.5.4.3=John,0.9.2342.19200300.100.1.25=example')).toBe('cn=john,dc=example');
  });

  it('throws DnSyntaxError on a malformed DN', () => {
    expect(() => normalizeDn('cn=a,,dc=x')).toThrow(DnSyntaxError);
  });
});

describe('dnEquals', () => {
  it('compares case-insensitively and ignores escaping form and spacing', () => {
    expect(dnEquals('CN=Smith\\, John,DC=corp', 'cn=smith\\2c john, dc=CORP')).toBe(true);
    expect(dnEquals('cn=a,dc=x', 'cn=b,dc=x')).toBe(false);
    expect(dnEquals('cn=a,dc=x', 'cn=a')).toBe(false);
  });

  it('is false when either side is not a DN', () => {
    expect(dnEquals('cn=a;b', 'cn=a;b')).toBe(false);
  });
});

describe('isDnUnder', () => {
  const people = 'ou=People,dc=example,dc=com';

  it('is true for the parent itself and anything below it', () => {
    expect(isDnUnder(people, people)).toBe(true);
    expect(isDnUnder('uid=jd,OU=people,DC=Example,DC=com', people)).toBe(true);
    expect(isDnUnder('cn=x,uid=jd,ou=People,dc=example,dc=com', people)).toBe(true);
  });

  it('is false for siblings, parents and look-alikes', () => {
    expect(isDnUnder('uid=jd,ou=Groups,dc=example,dc=com', people)).toBe(false);
    expect(isDnUnder('dc=example,dc=com', people)).toBe(false);
    expect(isDnUnder('uid=jd,ou=People,dc=example,dc=com,dc=evil', people)).toBe(false);
    expect(isDnUnder('uid=jd,ou=xPeople,dc=example,dc=com', people)).toBe(false);
  });

  it('does not let an escaped comma fake a level', () => {
    expect(isDnUnder('uid=jd\\,ou=People,dc=example,dc=com', people)).toBe(false);
    expect(isDnUnder('uid=jd\\,ou=People,dc=example,dc=com', 'dc=example,dc=com')).toBe(true);
  });

  it('treats everything as under the root DN and is false for malformed input', () => {
    expect(isDnUnder(people, '')).toBe(true);
    expect(isDnUnder('cn=a;b,' + people, people)).toBe(false);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
