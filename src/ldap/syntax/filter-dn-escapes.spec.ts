import { convertDnEscapes, isDnValuedAttribute } from './filter-dn-escapes.js';
import { normalizeFilter, parseFilter, validateFilter } from './filter.js';

// input as an admin pastes it → the RFC 4515 filter sent to the server
const CONVERTED: Array<[string, string]> = [
  [
    '(memberOf=CN=Support\\, EU,OU=Groups,DC=example,DC=test)',
    '(memberOf=CN=Support\\5c, EU,OU=Groups,DC=example,DC=test)',
  ],
  ['(member=CN=a\\+b,DC=x)', '(member=CN=a\\5c+b,DC=x)'],
  ['(uniqueMember=cn=\\"quoted\\",dc=x)', '(uniqueMember=cn=\\5c"quoted\\5c",dc=x)'],
  ['(manager=cn=back\\\\slash,dc=x)', '(manager=cn=back\\5c\\5cslash,dc=x)'],
  ['(memberOf=cn=\\<lt\\>,dc=x)', '(memberOf=cn=\\5c<lt\\5c>,dc=x)'],
  ['(memberOf=cn=semi\\;colon,dc=x)', '(memberOf=cn=semi\\5c;colon,dc=x)'],
  ['(memberOf=cn=a\\=b,dc=x)', '(memberOf=cn=a\\5c=b,dc=x)'],
  ['(memberOf=cn=\\ lead,dc=x)', '(memberOf=cn=\\5c lead,dc=x)'],
  ['(memberOf=cn=\\#hash,dc=x)', '(memberOf=cn=\\5c#hash,dc=x)'],
  ['(distinguishedName=CN=Doe\\, Jane,OU=People,DC=x)', '(distinguishedName=CN=Doe\\5c, Jane,OU=People,DC=x)'],
  ['(MEMBEROF=CN=A\\, B,DC=x)', '(MEMBEROF=CN=A\\5c, B,DC=x)'],
  [
    '(memberOf:1.2.840.113556.1.4.1941:=CN=Support\\, EU,DC=x)',
    '(memberOf:1.2.840.113556.1.4.1941:=CN=Support\\5c, EU,DC=x)',
  ],
  // an attribute we do not list, but the value is a DN of two or more RDNs
  ['(seeAlsoCustom=CN=Doe\\, Jane,DC=x)', '(seeAlsoCustom=CN=Doe\\5c, Jane,DC=x)'],
  // hex escapes already in RFC 4515 form stay; only the DN escapes change
  ['(memberOf=CN=R\\c3\\a9seau\\, EU,DC=x)', '(memberOf=CN=R\\c3\\a9seau\\5c, EU,DC=x)'],
  // inside and/or/not, next to assertions that stay as they are
  [
    '(&(objectClass=user)(|(memberOf=CN=A\\, B,DC=x)(memberOf=CN=C\\, D,DC=x))(!(cn=x\\2a)))',
    '(&(objectClass=user)(|(memberOf=CN=A\\5c, B,DC=x)(memberOf=CN=C\\5c, D,DC=x))(!(cn=x\\2a)))',
  ],
  // substrings on a DN-valued attribute
  ['(memberOf=CN=Support\\, *)', '(memberOf=CN=Support\\5c, *)'],
];

// stay refused: an RFC 4514 escape where no DN is meant
const REFUSED = [
  '(cn=Doe\\, Jane)',
  '(description=a\\+b)',
  '(cn=x\\, y*,dc=x)',
  '(cn~=CN=A\\, B,DC=x)',
  '(memberOf=CN=A\\q,DC=x)',
  '(memberOf=CN=A(B),DC=x)',
];

describe('convertDnEscapes / normalizeFilter', () => {
  it.each(CONVERTED)('%s → %s', (input, expected) => {
    const result = normalizeFilter(input);
    expect(result.filter).toBe(expected);
    expect(result.converted.length).toBeGreaterThan(0);
    expect(validateFilter(input)).toEqual({ ok: true });
    expect(() => parseFilter(expected)).not.toThrow();
  });

  it('sends the DN with its RFC 4514 escape to the server', () => {
    const node = parseFilter(normalizeFilter('(memberOf=CN=Support\\, EU,DC=x)').filter);
    expect(node).toMatchObject({ kind: 'equality', attribute: 'memberOf' });
    expect((node as { value: Buffer }).value.toString()).toBe('CN=Support\\, EU,DC=x');
  });

  it('names each converted assertion as written', () => {
    const input = '(|(memberOf=CN=A\\, B,DC=x)(cn=plain)(member=CN=C\\, D,DC=x))';
    expect(convertDnEscapes(input).converted).toEqual(['(memberOf=CN=A\\, B,DC=x)', '(member=CN=C\\, D,DC=x)']);
  });

  it('leaves a filter that already parses untouched', () => {
    const input = '(memberOf=CN=Support\\5c, EU,DC=x)';
    expect(normalizeFilter(input)).toEqual({ filter: input, converted: [] });
  });

  it.each(REFUSED)('still refuses %s, at the position in the input', (input) => {
    const result = validateFilter(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(input.slice(result.position - 1)).toMatch(/^[\\(]/);
  });

  it('explains where a DN escape is accepted', () => {
    const result = validateFilter('(cn=Doe\\, Jane)');
    expect(result.ok || result.message).toMatch(/DN-valued assertion/);
  });

  it.each<[string, string]>([
    // OpenLDAP prints a comma inside an RDN as \2C; read as a filter escape it would split the RDN
    [
      '(memberOf=cn=Support\\2C EU,ou=groups,dc=example,dc=com)',
      '(memberOf=cn=Support\\5c2C EU,ou=groups,dc=example,dc=com)',
    ],
    ['(member=cn=a\\2Bb\\3Dc\\2C d,dc=x)', '(member=cn=a\\5c2Bb\\5c3Dc\\5c2C d,dc=x)'],
    [
      '(&(objectClass=person)(memberOf=cn=Doe\\2c Jane,dc=x))',
      '(&(objectClass=person)(memberOf=cn=Doe\\5c2c Jane,dc=x))',
    ],
  ])('keeps the DN hex escape of a DN-valued assertion that parses but holds no DN: %s → %s', (input, expected) => {
    const result = normalizeFilter(input);
    expect(result.filter).toBe(expected);
    expect(result.converted).toHaveLength(1);
    const node = parseFilter(expected) as { value?: Buffer; filters?: { value?: Buffer }[] };
    const value = (node.value ?? node.filters?.[1].value)!.toString();
    expect(value).toMatch(/\\2[CcB]/);
  });

  it.each([
    // already a valid DN as the filter reads it: the author meant that
    '(memberOf=cn=a\\2Cou=x,dc=y)',
    '(member=cn=Support\\5c2C EU,dc=x)',
    // not a DN-valued attribute, or not an equality
    '(cn=Support\\2C EU,dc=x)',
    '(memberOf=cn=Support\\2C*)',
  ])('leaves %s as written', (input) => {
    expect(normalizeFilter(input)).toEqual({ filter: input, converted: [] });
  });

  it.each([
    ['memberOf', true],
    ['member;range=0-1499', true],
    ['uniqueMember', true],
    ['manager', true],
    ['cn', false],
    ['mail', false],
  ])('isDnValuedAttribute(%s) is %s', (attribute, expected) => {
    expect(isDnValuedAttribute(attribute)).toBe(expected);
  });
});
