const FILTER_SPECIAL_BYTES = new Set([0x00, 0x28, 0x29, 0x2a, 0x5c]); // NUL ( ) * \

const DN_SPECIAL_CHARS = new Set([',', '+', '"', '\\', '<', '>', ';', '=']);

function hexByte(byte: number): string {
  return `\\${byte.toString(16).padStart(2, '0')}`;
}

function isPrintableAscii(byte: number): boolean {
  return byte >= 0x20 && byte <= 0x7e;
}

/**
 * Escapes a value for use inside an LDAP search filter (RFC 4515 §3).
 * Besides the five characters the RFC requires, every byte of the UTF-8 encoding outside
 * printable ASCII is written as \xx, so nothing but printable ASCII reaches the wire raw.
 */
export function escapeFilterValue(value: string): string {
  let escaped = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    escaped += FILTER_SPECIAL_BYTES.has(byte) || !isPrintableAscii(byte) ? hexByte(byte) : String.fromCharCode(byte);
  }
  return escaped;
}

/**
 * Escapes an attribute value for use inside a DN (RFC 4514 §2.4). `=` is escaped too: the RFC
 * allows it unescaped, but some servers (older AD tools) choke on it.
 */
export function escapeDnValue(value: string): string {
  const chars = Array.from(value);
  return chars.map((char, index) => escapeDnChar(char, index, chars.length)).join('');
}

function escapeDnChar(char: string, index: number, length: number): string {
  if (char === '\0') return '\\00';
  if (DN_SPECIAL_CHARS.has(char)) return `\\${char}`;
  if (index === 0 && (char === '#' || char === ' ')) return `\\${char}`;
  if (index === length - 1 && char === ' ') return '\\ ';
  return char;
}
