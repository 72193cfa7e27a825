import { escapeDnValue } from './escape.js';
import { TextReader } from './text-reader.js';

export interface AttributeTypeAndValue {
  type: string;
  value: string;
  /** The value was given as `#` followed by hex of its BER encoding (RFC 4514 §2.4); kept as written. */
  hex?: boolean;
}

/** One RDN; several entries for a multi-valued RDN such as `cn=John+uid=jd`. */
export type Rdn = AttributeTypeAndValue[];

export class DnSyntaxError extends Error {
  /** 1-based character position where the problem was found. */
  readonly position: number;

  constructor(position: number, reason: string) {
    super(`invalid DN at position ${position}: ${reason}`);
    this.name = 'DnSyntaxError';
    this.position = position;
  }
}

// Short names so that `2.5.4.3=x` and `cn=x` compare equal.
const WELL_KNOWN_OIDS: Record<string, string> = {
  '2.5.4.3': 'cn',
  '2.5.4.6': 'c',
  '2.5.4.7': 'l',
  '2.5.4.8': 'st',
  '2.5.4.9': 'street',
  '2.5.4.10': 'o',
  '2.5.4.11': 'ou',
  '0.9.2342.19200300.100.1.1': 'uid',
  '0.9.2342.19200300.100.1.25': 'dc',
};

const ESCAPABLE = new Set([',', '+', '"', '\\', '<', '>', ';', '#', '=', ' ']);
const MUST_ESCAPE = new Set(['"', ';', '<', '>', '\0']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

class DnReader extends TextReader {
  skipSpaces(): void {
    while (this.peek() === ' ') this.pos++;
  }

  fail(reason: string, at = this.pos): never {
    throw new DnSyntaxError(at + 1, reason);
  }

  found(): string {
    return this.atEnd ? 'the end of the DN' : `"${this.peek()}"`;
  }
}

/** Parses a DN string (RFC 4514 §3). An empty string is the root DN: no RDNs. */
export function parseDn(dn: string): Rdn[] {
  const reader = new DnReader(dn);
  reader.skipSpaces();
  if (reader.atEnd) return [];
  const rdns: Rdn[] = [];
  for (;;) {
    rdns.push(readRdn(reader));
    if (reader.atEnd) return rdns;
    if (reader.peek() !== ',') reader.fail(`expected "," or "+" after the value, found ${reader.found()}`);
    reader.pos++;
  }
}

function readRdn(reader: DnReader): Rdn {
  const rdn: Rdn = [readAttributeTypeAndValue(reader)];
  while (reader.peek() === '+') {
    reader.pos++;
    rdn.push(readAttributeTypeAndValue(reader));
  }
  return rdn;
}

function readAttributeTypeAndValue(reader: DnReader): AttributeTypeAndValue {
  reader.skipSpaces();
  const type = readType(reader);
  reader.skipSpaces();
  if (reader.peek() !== '=') reader.fail(`expected "=" after attribute type "${type}", found ${reader.found()}`);
  reader.pos++;
  reader.skipSpaces();
  const ava = reader.peek() === '#' ? readHexValue(reader, type) : { type, value: readStringValue(reader) };
  reader.skipSpaces();
  return ava;
}

function readType(reader: DnReader): string {
  const match = /^(?:[A-Za-z][A-Za-z0-9-]*|[0-9][0-9.]*)/.exec(reader.text.slice(reader.pos));
  if (!match) reader.fail(`expected an attribute type such as cn, ou or dc, found ${reader.found()}`);
  const type = match[0];
  if (/^[0-9]/.test(type) && !/^\d+(\.\d+)+$/.test(type)) {
    reader.fail(`attribute type "${type}" is neither a name nor a dotted OID such as 2.5.4.3`);
  }
  reader.pos += type.length;
  return type;
}

function readHexValue(reader: DnReader, type: string): AttributeTypeAndValue {
  const start = reader.pos;
  const match = /^#([0-9A-Fa-f]*)/.exec(reader.text.slice(start)) as RegExpExecArray;
  const hex = match[1];
  reader.pos += match[0].length;
  if (hex.length === 0 || hex.length % 2 !== 0) {
    reader.fail('a value starting with "#" must be followed by pairs of hex digits (write \\# for a literal #)', start);
  }
  if (!reader.atEnd && !/[ ,+]/.test(reader.peek())) {
    reader.fail(`unexpected ${reader.found()} in a #hex value (write \\# for a literal #)`);
  }
  return { type, value: `#${hex.toLowerCase()}`, hex: true };
}

function readStringValue(reader: DnReader): string {
  const start = reader.pos;
  const bytes: number[] = [];
  let significantLength = 0;
  while (!reader.atEnd && reader.peek() !== ',' && reader.peek() !== '+') {
    const char = reader.peek();
    if (char === '\\') {
      bytes.push(...readEscape(reader));
      significantLength = bytes.length;
      continue;
    }
    if (MUST_ESCAPE.has(char)) reader.fail(`${describe(char)} must be escaped as ${escapeDnValue(char)}`);
    const code = reader.text.codePointAt(reader.pos) as number;
    const charText = String.fromCodePoint(code);
    bytes.push(...Buffer.from(charText, 'utf8'));
    reader.pos += charText.length;
    if (char !== ' ') significantLength = bytes.length;
  }
  // Unescaped trailing spaces are tolerated as spacing before "," (RFC 4514 wants them escaped).
  return decodeUtf8(reader, bytes.slice(0, significantLength), start);
}

function readEscape(reader: DnReader): number[] {
  const pair = reader.text.slice(reader.pos + 1, reader.pos + 3);
  if (/^[0-9A-Fa-f]{2}$/.test(pair)) {
    reader.pos += 3;
    return [parseInt(pair, 16)];
  }
  const next = reader.peek(1);
  if (!ESCAPABLE.has(next)) {
    reader.fail(
      `invalid escape: a backslash must be followed by one of , + " \\ < > ; # = space, or two hex digits such as \\2C, found ${next ? `"${next}"` : 'the end of the DN'}`,
    );
  }
  reader.pos += 2;
  return [next.charCodeAt(0)];
}

function decodeUtf8(reader: DnReader, bytes: number[], start: number): string {
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return reader.fail('the hex escapes in this value are not valid UTF-8', start);
  }
}

function describe(char: string): string {
  return char === '\0' ? 'a NUL character' : `"${char}"`;
}

/** True for a non-empty, well-formed DN. */
export function isValidDn(dn: string): boolean {
  try {
    return parseDn(dn).length > 0;
  } catch {
    return false;
  }
}

/** Writes RDNs back as a DN string, escaping values (RFC 4514 §2). */
export function buildDn(rdns: Rdn[]): string {
  return rdns.map(formatRdn).join(',');
}

function formatRdn(rdn: Rdn): string {
  return rdn.map(formatAva).join('+');
}

function formatAva(ava: AttributeTypeAndValue): string {
  return `${ava.type}=${ava.hex ? ava.value : escapeDnValue(ava.value)}`;
}

/**
 * A canonical form for comparison: lowercase types (well-known OIDs by name), values unescaped
 * then re-escaped canonically and lowercased, multi-valued RDNs sorted. Throws DnSyntaxError.
 */
export function normalizeDn(dn: string): string {
  return normalizedRdns(dn).join(',');
}

function normalizedRdns(dn: string): string[] {
  return parseDn(dn).map((rdn) => rdn.map(normalizeAva).map(formatAva).sort().join('+'));
}

function normalizeAva(ava: AttributeTypeAndValue): AttributeTypeAndValue {
  const type = ava.type.toLowerCase();
  return { ...ava, type: WELL_KNOWN_OIDS[type] ?? type, value: ava.value.toLowerCase() };
}

/** Same entry? False when either is not a valid DN. */
export function dnEquals(a: string, b: string): boolean {
  try {
    return normalizeDn(a) === normalizeDn(b);
  } catch {
    return false;
  }
}

/** True when `child` is `parent` itself or anywhere below it. False when either is not a valid DN. */
export function isDnUnder(child: string, parent: string): boolean {
  try {
    const childRdns = normalizedRdns(child);
    const parentRdns = normalizedRdns(parent);
    const offset = childRdns.length - parentRdns.length;
    return offset >= 0 && parentRdns.every((rdn, index) => rdn === childRdns[offset + index]);
  } catch {
    return false;
  }
}
