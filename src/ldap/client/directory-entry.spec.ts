import { BINARY_ATTRIBUTES } from '../flavours/index.js';
import { attr, attrs, binaryAttr, bufferAttributeNames, toDirectoryEntry } from './directory-entry.js';

const GUID = Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hex');

describe('bufferAttributeNames', () => {
  it("always asks for every flavour's binary attributes, in the spellings ldapts compares case-sensitively", () => {
    const names = bufferAttributeNames();
    expect(names.slice(0, 4)).toEqual(['objectGUID', 'objectguid', 'objectSid', 'objectsid']);
    expect(names).toEqual(BINARY_ATTRIBUTES.flatMap((name) => [...new Set([name, name.toLowerCase()])]));
  });

  it('adds the requested names without duplicates', () => {
    const always = bufferAttributeNames();
    expect(bufferAttributeNames(['jpegPhoto', 'objectguid', 'carLicense'])).toEqual([
      ...always,
      'carLicense',
      'carlicense',
    ]);
  });
});

describe('toDirectoryEntry', () => {
  it('keeps the DN and the server spelling of names, with every value as a list', () => {
    const entry = toDirectoryEntry({ dn: 'uid=a,dc=x', cn: 'Ann', mail: ['a@x', 'b@x'] }, []);
    expect(entry).toEqual({ dn: 'uid=a,dc=x', attributes: { cn: ['Ann'], mail: ['a@x', 'b@x'] }, binary: {} });
  });

  it('drops attributes that were asked for but are absent', () => {
    expect(toDirectoryEntry({ dn: 'uid=a', title: [] }, []).attributes).toEqual({});
  });

  it('puts binary attributes apart, whatever the case of the name', () => {
    const entry = toDirectoryEntry({ dn: 'cn=a', objectGUID: GUID, cn: 'a' }, bufferAttributeNames());
    expect(entry.binary).toEqual({ objectGUID: GUID });
    expect(entry.attributes).toEqual({ cn: ['a'] });
  });

  it('gives back the exact bytes of a binary value ldapts decoded as text', () => {
    const ascii = Buffer.from('0123456789abcdef');
    const entry = toDirectoryEntry({ dn: 'cn=a', OBJECTGUID: ascii.toString('utf8') }, ['objectGUID']);
    expect(entry.binary.OBJECTGUID).toEqual(ascii);
  });

  it('treats any attribute with a non-UTF-8 value as binary', () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff]);
    const entry = toDirectoryEntry({ dn: 'cn=a', jpegPhoto: photo }, []);
    expect(entry.binary).toEqual({ jpegPhoto: photo });
    expect(entry.attributes).toEqual({});
  });
});

describe('attr and attrs', () => {
  const entry = { dn: 'uid=a', attributes: { mail: ['a@x', 'b@x'], givenName: ['Ann'] }, binary: { objectGUID: GUID } };

  it('finds names case-insensitively', () => {
    expect(attr(entry, 'GIVENNAME')).toBe('Ann');
    expect(attrs(entry, 'Mail')).toEqual(['a@x', 'b@x']);
    expect(binaryAttr(entry, 'objectguid')).toBe(GUID);
  });

  it('answers the first value, and nothing for an absent attribute', () => {
    expect(attr(entry, 'mail')).toBe('a@x');
    expect(attr(entry, 'sn')).toBeUndefined();
    expect(attrs(entry, 'sn')).toEqual([]);
    expect(binaryAttr(entry, 'objectSid')).toBeUndefined();
  });
});
