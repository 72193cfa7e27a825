import { escapeDnValue, escapeFilterValue } from './escape.js';

describe('escapeFilterValue', () => {
  it.each([
    ['*', '\\2a'],
    ['(', '\\28'],
    [')', '\\29'],
    ['\\', '\\5c'],
    ['\0', '\\00'],
  ])('escapes %j as %s', (raw, escaped) => {
    expect(escapeFilterValue(raw)).toBe(escaped);
  });

  it('leaves ordinary printable ASCII alone', () => {
    expect(escapeFilterValue('john.doe-42@example.com')).toBe('john.doe-42@example.com');
    expect(escapeFilterValue('a=b,c+d;e<f>g"h#i !')).toBe('a=b,c+d;e<f>g"h#i !');
  });

  it('escapes every byte of the UTF-8 encoding of non-ASCII characters', () => {
    expect(escapeFilterValue('José')).toBe('Jos\\c3\\a9');
    expect(escapeFilterValue('日本')).toBe('\\e6\\97\\a5\\e6\\9c\\ac');
    expect(escapeFilterValue('😀')).toBe('\\f0\\9f\\98\\80');
  });

  it('escapes control characters so nothing outside printable ASCII goes out raw', () => {
    expect(escapeFilterValue('a\nb\tc\x7f')).toBe('a\\0ab\\09c\\7f');
  });

  it('returns an empty string for an empty value', () => {
    expect(escapeFilterValue('')).toBe('');
  });

  it.each([
    ['*)(uid=*))(|(uid=*', '\\2a\\29\\28uid=\\2a\\29\\29\\28|\\28uid=\\2a'],
    ['admin)(|(objectClass=*', 'admin\\29\\28|\\28objectClass=\\2a'],
    ['*', '\\2a'],
  ])('neutralises the injection %j', (attack, escaped) => {
    const escapedValue = escapeFilterValue(attack);
    expect(escapedValue).toBe(escaped);
    expect(escapedValue).not.toMatch(/[()*]/);
  });
});

describe('escapeDnValue', () => {
  it.each([',', '+', '"', '\\', '<', '>', ';', '='])('escapes %s with a backslash', (char) => {
    expect(escapeDnValue(`a${char}b`)).toBe(`a\\${char}b`);
  });

  it('escapes NUL as \\00', () => {
    expect(escapeDnValue('a\0b')).toBe('a\\00b');
  });

  it('escapes a leading # but not one further in', () => {
    expect(escapeDnValue('#admins')).toBe('\\#admins');
    expect(escapeDnValue('team#1')).toBe('team#1');
  });

  it('escapes leading and trailing spaces but not inner ones', () => {
    expect(escapeDnValue(' John Smith ')).toBe('\\ John Smith\\ ');
    expect(escapeDnValue(' ')).toBe('\\ ');
    expect(escapeDnValue('  ')).toBe('\\ \\ ');
  });

  it('keeps non-ASCII characters as they are', () => {
    expect(escapeDnValue('Zoë Ünal')).toBe('Zoë Ünal');
  });

  it('escapes a typical "Last, First" AD common name', () => {
    expect(escapeDnValue('Smith, John')).toBe('Smith\\, John');
  });

  it('returns an empty string for an empty value', () => {
    expect(escapeDnValue('')).toBe('');
  });

  it('turns an attempt to add an RDN into a literal value', () => {
    expect(escapeDnValue('x,ou=admins,dc=example,dc=com')).toBe('x\\,ou\\=admins\\,dc\\=example\\,dc\\=com');
  });
});
