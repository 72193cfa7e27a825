import { BerWriter, Filter, FilterParser } from 'ldapts';
import { escapeFilterValue } from './escape.js';
import { andFilters, FilterSyntaxError, orEquals, parseFilter, toLdaptsFilter, validateFilter } from './filter.js';

function ber(filter: Filter): string {
  const writer = new BerWriter();
  filter.write(writer);
  return writer.buffer.toString('hex');
}

function failure(filter: string): { message: string; position: number } {
  const result = validateFilter(filter);
  if (result.ok) throw new Error(`expected ${filter} to be refused`);
  return result;
}

const VALID = [
  '(uid=jdoe)',
  '(objectClass=*)',
  '(cn=John Smith)',
  '(cn=Jo*)',
  '(cn=*ohn)',
  '(cn=J*h*n)',
  '(cn=*oh*)',
  '(cn~=jon)',
  '(uSNChanged>=12345)',
  '(modifyTimestamp<=20240101000000Z)',
  '(!(userAccountControl:1.2.840.113556.1.4.803:=2))',
  '(memberOf:1.2.840.113556.1.4.1941:=cn=Help Desk,ou=Groups,dc=example,dc=com)',
  '(ou:dn:=People)',
  '(cn:dn:caseExactMatch:=John)',
  '(:caseExactMatch:=John)',
  '(:dn:2.4.8.10:=Dino)',
  '(2.5.4.3=John)',
  '(cn;lang-en=John)',
  '(&(objectClass=person)(|(mail=*)(uid=a\\2ab)))',
  '(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2))(sAMAccountName=j\\28d\\29))',
  '(cn=a\\5cb\\00c)',
  '(cn=Zoë)',
  '(cn=x=y>z<w~v)',
];

describe('validateFilter', () => {
  it.each(VALID)('accepts %s', (filter) => {
    expect(validateFilter(filter)).toEqual({ ok: true });
  });

  it.each([
    ['uid=jdoe', 1, 'wrap it in parentheses: (uid=jdoe)'],
    ['', 1, 'the filter is empty'],
    ['(&(objectClass=person)(uid=x)', 30, 'unbalanced parentheses at position 30: missing ")"'],
    ['(uid=x))', 8, 'unbalanced parentheses at position 8: this ")" has no matching "("'],
    ['(uid=x)(mail=y)', 8, 'unexpected text after the end of the filter at position 8; to combine filters use (&'],
    ['(=jdoe)', 2, 'missing attribute name at position 2'],
    ['(>=5)', 2, 'missing attribute name'],
    ['(uid!=x)', 5, 'unknown operator "!=" at position 5; for "not equal" use (!(uid=value))'],
    ['(age>5)', 5, 'unknown operator ">" at position 5; LDAP only has =, ~=, >= and <='],
    ['(uid)', 5, 'missing operator after "uid" at position 5'],
    ['(uid=)', 6, 'empty value for "uid" at position 6; to match any value use (uid=*)'],
    ['(age>=)', 7, 'empty value for "age"'],
    ['(cn:caseExactMatch:=)', 21, 'empty value'],
    ['()', 2, 'empty parentheses'],
    ['(&)', 3, '"&" needs at least one filter inside at position 3'],
    ['(|)', 3, '"|" needs at least one filter'],
    ['(!(a=b)(c=d))', 8, '"!" takes exactly one filter at position 8'],
    ['(!)', 3, 'expected "(" at position 3, found ")"'],
    ['(&(a=b)x)', 8, 'expected "(" or ")" at position 8, found "x"'],
    ['(& (a=b))', 3, 'found a space (spaces are only allowed inside values)'],
    [' (a=b)', 1, 'the filter starts with a space; remove the spaces around the filter: (a=b)'],
    ['(a=b) ', 6, 'spaces after the end of the filter at position 6; remove them'],
    ['(uid=x)abc', 8, 'unexpected text "abc" after the end of the filter at position 8; remove it'],
    ['(cn=Smith (EU))', 11, 'unescaped "(" inside a value at position 11; write \\28'],
    ['(cn=EU)x)', 8, 'unexpected text "x)" after the end of the filter at position 8; if a ")" belongs to the value'],
    ['objectClass=person)', 1, 'the opening "(" is missing: (objectClass=person)'],
    ['&(a=1)(b=2)', 1, 'wrap it in parentheses: (&(a=1)(b=2))'],
    ['uid=x))', 1, 'the filter must start with "(", found "u"; a filter looks like (objectClass=person)'],
    ['(uid =x)', 5, 'unexpected a space'],
    ['(cn=a\\zz)', 6, 'invalid escape at position 6: a backslash must be followed by two hex digits'],
    ['(cn=a\\2)', 6, 'invalid escape'],
    ['(cn=a(b)', 6, 'unescaped "(" inside a value at position 6; write \\28'],
    ['(cn=a\0)', 6, 'unescaped NUL inside a value at position 6; write \\00'],
    ['(age>=5*)', 8, 'unescaped "*" at position 8: "*" only works with "="'],
    ['(cn=a**b)', 7, 'two "*" in a row'],
    ['(_x=1)', 2, 'invalid attribute name at position 2'],
    ['(2=x)', 2, 'invalid attribute name'],
    ['(cn:=x', 7, 'unbalanced parentheses'],
    ['(cn:1.2.3)', 10, 'expected ":=" at position 10'],
    ['(cn:%:=x)', 4, 'expected a matching rule or ":="'],
    ['(:=x)', 2, 'an extensible match without an attribute needs a matching rule'],
    ['(a=b)(', 6, 'unexpected text after the end of the filter'],
  ])('refuses %j at position %i', (filter, position, message) => {
    const result = failure(filter);
    expect(result.position).toBe(position);
    expect(result.message).toContain(message);
  });

  it('refuses a filter ldapts would silently wrap in parentheses', () => {
    expect(() => FilterParser.parseString('uid=x')).not.toThrow();
    expect(failure('uid=x').message).toBe('the filter must start with "(" — wrap it in parentheses: (uid=x)');
  });

  it('names the surrounding spaces, not missing parentheses, for a padded filter', () => {
    const result = failure(' (objectClass=inetOrgPerson) ');
    expect(validateFilter(' (objectClass=inetOrgPerson) ')).toEqual({
      ok: false,
      position: 1,
      message: 'the filter starts with a space; remove the spaces around the filter: (objectClass=inetOrgPerson)',
    });
    expect(result.message).not.toContain('((');
  });

  it('suggests only a fix that parses', () => {
    for (const filter of ['objectClass=person)', '&(a=1)(b=2)', ' uid=x', '(a=b)  ', 'uid=x))']) {
      const suggested = /: (\(.*)$/.exec(failure(filter).message)?.[1];
      if (suggested !== undefined) expect(validateFilter(suggested)).toEqual({ ok: true });
    }
  });

  it('refuses the injection strings when pasted raw into a filter', () => {
    expect(validateFilter('(uid=*)(uid=*))(|(uid=*)').ok).toBe(false);
    expect(validateFilter('(uid=admin)(|(objectClass=*))').ok).toBe(false);
  });
});

describe('parseFilter', () => {
  it('builds a tree with decoded values', () => {
    expect(parseFilter('(&(cn=J*h\\2a*n)(!(mail=*))(memberOf:dn:1.2.3:=x\\c3\\a9))')).toEqual({
      kind: 'and',
      filters: [
        {
          kind: 'substrings',
          attribute: 'cn',
          initial: Buffer.from('J'),
          any: [Buffer.from('h*')],
          final: Buffer.from('n'),
        },
        { kind: 'not', filter: { kind: 'present', attribute: 'mail' } },
        { kind: 'extensible', attribute: 'memberOf', dnAttributes: true, rule: '1.2.3', value: Buffer.from('xé') },
      ],
    });
  });

  it('throws FilterSyntaxError', () => {
    expect(() => parseFilter('(uid=x')).toThrow(FilterSyntaxError);
  });
});

describe('toLdaptsFilter', () => {
  const LDAPTS_UNPARSABLE = ['(2.5.4.3=John)', '(cn;lang-en=John)'];

  it.each(VALID.filter((filter) => /^[\x20-\x7e]*$/.test(filter) && !LDAPTS_UNPARSABLE.includes(filter)))(
    'encodes %s exactly as ldapts FilterParser does',
    (filter) => {
      expect(ber(toLdaptsFilter(filter))).toBe(ber(FilterParser.parseString(filter)));
    },
  );

  it.each(LDAPTS_UNPARSABLE)(
    'encodes %s, which ldapts FilterParser cannot parse (OID types, attribute options)',
    (filter) => {
      expect(() => FilterParser.parseString(filter)).toThrow('Invalid expression');
      expect(toLdaptsFilter(filter).toString()).toBe(filter);
    },
  );

  it('sends escaped UTF-8 as the real characters, unlike ldapts FilterParser', () => {
    const escaped = `(cn=${escapeFilterValue('José')})`;
    const expected = ber(FilterParser.parseString('(cn=José)'));
    expect(ber(toLdaptsFilter(escaped))).toBe(expected);
    // ldapts decodes each \xx into U+00xx and re-encodes it as UTF-8: "é" goes out as c3 83 c2 a9.
    expect(ber(FilterParser.parseString(escaped))).not.toBe(expected);
  });

  it('sends a binary equality value (objectGUID) byte for byte', () => {
    const guid = Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hex');
    const filter = `(objectGUID=${[...guid].map((byte) => `\\${byte.toString(16).padStart(2, '0')}`).join('')})`;
    expect(ber(toLdaptsFilter(filter))).toContain(`0410${guid.toString('hex')}`);
    expect(ber(FilterParser.parseString(filter))).not.toContain(guid.toString('hex'));
  });

  it('refuses a binary value where ldapts can only send text', () => {
    expect(() => toLdaptsFilter('(cn>=\\ff)')).toThrow('binary');
  });
});

describe('andFilters', () => {
  it('combines several filters with &', () => {
    expect(andFilters('(objectClass=person)', '(uid=x)')).toBe('(&(objectClass=person)(uid=x))');
  });

  it('skips empty ones and returns a single filter as it is', () => {
    expect(andFilters('', '(uid=x)', '  ')).toBe('(uid=x)');
    expect(andFilters(' (uid=x) ')).toBe('(uid=x)');
  });

  it('returns an empty string when nothing is left', () => {
    expect(andFilters()).toBe('');
    expect(andFilters('', ' ')).toBe('');
  });
});

describe('orEquals', () => {
  it('ORs one equality per attribute with the value escaped', () => {
    expect(orEquals(['uid', 'mail'], 'j*d(oe)')).toBe('(|(uid=j\\2ad\\28oe\\29)(mail=j\\2ad\\28oe\\29))');
  });

  it('uses a plain equality for one attribute', () => {
    expect(orEquals(['sAMAccountName'], 'jdoe')).toBe('(sAMAccountName=jdoe)');
  });

  it('drops duplicate attributes regardless of case', () => {
    expect(orEquals(['uid', 'UID'], 'x')).toBe('(uid=x)');
  });

  it.each(['*)(uid=*))(|(uid=*', 'admin)(|(objectClass=*'])('keeps the injection %j inside one value', (attack) => {
    const filter = orEquals(['uid', 'mail'], attack);
    const tree = parseFilter(filter);
    expect(tree).toEqual({
      kind: 'or',
      filters: [
        { kind: 'equality', attribute: 'uid', value: Buffer.from(attack) },
        { kind: 'equality', attribute: 'mail', value: Buffer.from(attack) },
      ],
    });
    expect(FilterParser.parseString(filter).toString()).toBe(toLdaptsFilter(filter).toString());
  });

  it('refuses no attributes and invalid attribute names', () => {
    expect(() => orEquals([], 'x')).toThrow('at least one attribute');
    expect(() => orEquals(['uid)(cn'], 'x')).toThrow('"uid)(cn" is not a valid attribute name');
  });
});
