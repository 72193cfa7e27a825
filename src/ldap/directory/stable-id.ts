import type { DirectoryEntry } from '../client/directory-entry.js';
import { ALWAYS_BINARY_ATTRIBUTES, attr, binaryAttr } from '../client/directory-entry.js';
import { escapeFilterValue } from '../syntax/escape.js';
import { STABLE_ID_ATTRIBUTES } from '../settings/ldap-settings.types.js';

/**
 * AD's objectGUID in its canonical string form: the first three groups are little-endian
 * on the wire (MS-DTYP 2.3.4), so the bytes are reordered before printing.
 */
export function guidToString(bytes: Buffer): string {
  if (bytes.length !== 16) throw new Error(`objectGUID must be 16 bytes, got ${bytes.length}`);
  const hex = (from: number, to: number, reverse = false) => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10)}-${hex(10, 16)}`;
}

/** The inverse, for searching by objectGUID. */
export function guidToBytes(guid: string): Buffer {
  const h = guid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(h)) throw new Error('not a GUID');
  const b = Buffer.from(h, 'hex');
  return Buffer.concat([
    b.subarray(0, 4).reverse(),
    b.subarray(4, 6).reverse(),
    b.subarray(6, 8).reverse(),
    b.subarray(8),
  ]);
}

/** The entry's stable id as stored in users.ldap_uid, prefixed by its attribute so ids of two kinds never collide. */
export function stableIdOf(entry: DirectoryEntry, configured: string | null): string | null {
  const names = configured ? [configured] : STABLE_ID_ATTRIBUTES;
  for (const name of names) {
    const bytes = binaryAttr(entry, name);
    if (bytes)
      return `${name.toLowerCase()}:${bytes.length === 16 && name.toLowerCase() === 'objectguid' ? guidToString(bytes) : bytes.toString('hex')}`;
    const text = attr(entry, name);
    if (text) return `${name.toLowerCase()}:${text.toLowerCase()}`;
  }
  return null;
}

/**
 * A filter that finds the entry holding this stable id (as stableIdOf writes it), or null when the
 * id's text form cannot be turned back into the attribute's value with certainty (a binary
 * attribute other than objectGUID/objectSid). objectGUID is matched on its bytes (MS-DTYP 2.3.4).
 */
export function stableIdFilter(stableId: string): string | null {
  const colon = stableId.indexOf(':');
  if (colon <= 0) return null;
  const name = stableId.slice(0, colon);
  const value = stableId.slice(colon + 1);
  if (name === 'objectguid')
    return /^[0-9a-f-]{36}$/.test(value) ? `(objectGUID=${escapeBytes(guidToBytes(value))})` : null;
  const binary = ALWAYS_BINARY_ATTRIBUTES.find((a) => a.toLowerCase() === name);
  if (binary) return /^([0-9a-f]{2})+$/.test(value) ? `(${binary}=${escapeBytes(Buffer.from(value, 'hex'))})` : null;
  return `(${name}=${escapeFilterValue(value)})`;
}

function escapeBytes(bytes: Buffer): string {
  return [...bytes].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
}

/** Attributes to request so that stableIdOf can answer. */
export function stableIdAttributes(configured: string | null): string[] {
  return configured ? [configured] : [...STABLE_ID_ATTRIBUTES];
}
