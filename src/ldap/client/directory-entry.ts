/** One search result: text values by attribute name (as the server spelled it), binary values apart. */
export interface DirectoryEntry {
  dn: string;
  attributes: Record<string, string[]>;
  /** First value of each binary attribute (objectGUID, objectSid, and those asked for as binary). */
  binary: Record<string, Buffer>;
}

import { BINARY_ATTRIBUTES } from '../flavours/index.js';

/** Read as Buffer whatever else is asked for: every flavour's binary attributes (AD's ids are raw bytes, not text). */
export const ALWAYS_BINARY_ATTRIBUTES = BINARY_ATTRIBUTES;

type RawValue = string | Buffer;
type RawEntry = { dn: string } & Record<string, RawValue | RawValue[]>;

/**
 * Names for ldapts' explicitBufferAttributes. ldapts compares them with the returned attribute
 * type case-sensitively, so the usual spellings are all listed; toDirectoryEntry still turns a
 * value that slipped through as text back into its bytes.
 */
export function bufferAttributeNames(requested: readonly string[] = []): string[] {
  const names = [...ALWAYS_BINARY_ATTRIBUTES, ...requested].flatMap((name) => [name, name.toLowerCase()]);
  return [...new Set(names)];
}

/** The lower-cased names per list: a search maps thousands of entries with the same list. */
const lowerCased = new WeakMap<readonly string[], ReadonlySet<string>>();

function binaryNameSet(names: readonly string[]): ReadonlySet<string> {
  let set = lowerCased.get(names);
  if (!set) lowerCased.set(names, (set = new Set(names.map((name) => name.toLowerCase()))));
  return set;
}

export function toDirectoryEntry(raw: RawEntry, binaryNames: readonly string[]): DirectoryEntry {
  const binarySet = binaryNameSet(binaryNames);
  const entry: DirectoryEntry = { dn: raw.dn, attributes: {}, binary: {} };
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'dn') continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) continue;
    // ldapts hands back values that are not valid UTF-8 as Buffers, whatever the attribute.
    if (binarySet.has(name.toLowerCase()) || values.some((item) => Buffer.isBuffer(item))) {
      entry.binary[name] = asBuffer(values[0]);
    } else {
      entry.attributes[name] = values as string[];
    }
  }
  return entry;
}

function asBuffer(value: RawValue): Buffer {
  // ldapts decoded it as UTF-8 with a fatal decoder, so encoding it again gives back the exact bytes
  return Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
}

function findKey(record: Record<string, unknown>, name: string): string | undefined {
  if (name in record) return name;
  const lower = name.toLowerCase();
  return Object.keys(record).find((key) => key.toLowerCase() === lower);
}

/** First value of a text attribute, found case-insensitively; undefined when absent. */
export function attr(entry: DirectoryEntry, name: string): string | undefined {
  return attrs(entry, name)[0];
}

/** All values of a text attribute, found case-insensitively; [] when absent. */
export function attrs(entry: DirectoryEntry, name: string): string[] {
  const key = findKey(entry.attributes, name);
  return key === undefined ? [] : entry.attributes[key];
}

/** A binary attribute (objectGUID, objectSid…), found case-insensitively. */
export function binaryAttr(entry: DirectoryEntry, name: string): Buffer | undefined {
  const key = findKey(entry.binary, name);
  return key === undefined ? undefined : entry.binary[key];
}
