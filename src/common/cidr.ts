import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  family: 4 | 6;
  /** Network address in canonical form (host bits cleared). */
  address: string;
  prefix: number;
}

export class CidrSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CidrSyntaxError';
  }
}

interface ParsedIp {
  family: 4 | 6;
  bytes: number[];
}

const CIDR_FORM = 'such as 10.0.0.0/8, 192.168.1.10 or ::1/128';

/**
 * Canonical text of an IP address: IPv4-mapped IPv6 (::ffff:10.0.0.1, as Node reports IPv4
 * peers on dual-stack sockets) becomes plain IPv4; IPv6 is lowercased and compressed (RFC 5952).
 */
export function normalizeIp(ip: string): string {
  return formatIp(parseIp(ip));
}

/** Parses `address/prefix`; a bare address is a single host (/32 or /128). */
export function parseCidr(text: string): Cidr {
  const [addressText, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) throw new CidrSyntaxError(`"${text}" is not a CIDR ${CIDR_FORM}`);
  const ip = parseIp(addressText);
  const writtenBits = isIPv6(addressText) ? 128 : 32;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))
    throw new CidrSyntaxError(`"${text}" has an invalid prefix length`);
  const writtenPrefix = prefixText === undefined ? writtenBits : Number(prefixText);
  if (writtenPrefix > writtenBits)
    throw new CidrSyntaxError(`"${text}": the prefix length must be at most ${writtenBits}`);
  const prefix = writtenPrefix - (writtenBits - ip.bytes.length * 8);
  if (prefix < 0)
    throw new CidrSyntaxError(`"${text}" mixes IPv4-mapped and other IPv6 addresses; write an IPv4 CIDR instead`);
  return { family: ip.family, address: formatIp({ ...ip, bytes: mask(ip.bytes, prefix) }), prefix };
}

/** True when `ip` is inside `cidr`. An `ip` that is not a valid address is never inside (fail closed). */
export function cidrContains(cidr: string | Cidr, ip: string): boolean {
  const range = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  let candidate: ParsedIp;
  try {
    candidate = parseIp(ip);
  } catch {
    return false;
  }
  if (candidate.family !== range.family) return false;
  const network = parseIp(range.address).bytes;
  return mask(candidate.bytes, range.prefix).every((byte, index) => byte === network[index]);
}

/** 0.0.0.0/0 or ::/0: trusting it means trusting everyone. */
export function isAllAddresses(cidr: string | Cidr): boolean {
  return (typeof cidr === 'string' ? parseCidr(cidr) : cidr).prefix === 0;
}

function parseIp(ip: string): ParsedIp {
  if (ip.includes('%')) throw new CidrSyntaxError(`"${ip}": IPv6 zone ids such as %eth0 are not supported`);
  if (isIPv4(ip)) return { family: 4, bytes: ip.split('.').map(Number) };
  if (!isIPv6(ip)) throw new CidrSyntaxError(`"${ip}" is not an IP address ${CIDR_FORM}`);
  const bytes = ipv6Bytes(ip);
  const mapped = bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? { family: 4, bytes: bytes.slice(12) } : { family: 6, bytes };
}

function ipv6Bytes(ip: string): number[] {
  const [head, tail] = ip.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':').flatMap(hexGroups) : []);
  const headGroups = groups(head);
  const tailGroups = groups(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - headGroups.length - tailGroups.length).fill(0);
  return [...headGroups, ...zeros, ...tailGroups].flatMap((group) => [group >> 8, group & 0xff]);
}

// An embedded IPv4 tail (::ffff:10.0.0.1) stands for two 16-bit groups.
function hexGroups(group: string): number[] {
  if (!group.includes('.')) return [parseInt(group, 16)];
  const [a, b, c, d] = group.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
}

function mask(bytes: number[], prefix: number): number[] {
  return bytes.map((byte, index) => {
    const bits = Math.min(8, Math.max(0, prefix - index * 8));
    return byte & ((0xff << (8 - bits)) & 0xff);
  });
}

function formatIp(ip: ParsedIp): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const groups = Array.from({ length: 8 }, (_, index) =>
    ((ip.bytes[index * 2] << 8) | ip.bytes[index * 2 + 1]).toString(16),
  );
  const run = longestZeroRun(groups);
  if (run.length < 2) return groups.join(':');
  return `${groups.slice(0, run.start).join(':')}::${groups.slice(run.start + run.length).join(':')}`;
}

// RFC 5952 §4.2: compress the longest run of two or more zero groups, the first one on a tie.
function longestZeroRun(groups: string[]): { start: number; length: number } {
  let best = { start: 0, length: 0 };
  let start = -1;
  for (let index = 0; index < groups.length; index++) {
    if (groups[index] !== '0') {
      start = -1;
      continue;
    }
    if (start === -1) start = index;
    if (index - start + 1 > best.length) best = { start, length: index - start + 1 };
  }
  return best;
}
