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

/**
 * The widest prefix a range of proxies may have: the widest private blocks, 10.0.0.0/8 (RFC 1918)
 * and fc00::/7 (RFC 4193). A proxy fleet is no wider; a wider range trusts much of the internet.
 */
export const WIDEST_PROXY_PREFIX: Readonly<Record<4 | 6, number>> = { 4: 8, 6: 7 };

/**
 * The address families (4, 6) every address of which lies in one of `cidrs` together: such a list
 * trusts everyone. IPv4 ranges count for IPv6 too, as their IPv4-mapped form (::ffff:0:0/96, RFC 4291
 * §2.5.5.2), since a dual-stack socket reports IPv4 peers that way.
 */
export function familiesCovered(cidrs: readonly (string | Cidr)[]): (4 | 6)[] {
  const ranges = cidrs.map((cidr) => (typeof cidr === 'string' ? parseCidr(cidr) : cidr));
  const v4 = ranges.filter((range) => range.family === 4).map((range) => span(range, 32, 0n));
  const v6 = ranges
    .filter((range) => range.family === 6)
    .map((range) => span(range, 128, 0n))
    .concat(ranges.filter((range) => range.family === 4).map((range) => span(range, 32, 0xffff_0000_0000n)));
  return [...(coversAll(v4, 1n << 32n) ? [4 as const] : []), ...(coversAll(v6, 1n << 128n) ? [6 as const] : [])];
}

/** A range as [first, end) integers: the address bits as a number, plus `offset`. */
function span(range: Cidr, bits: number, offset: bigint): [bigint, bigint] {
  const first = parseIp(range.address).bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n) + offset;
  return [first, first + (1n << BigInt(bits - range.prefix))];
}

function coversAll(spans: [bigint, bigint][], size: bigint): boolean {
  let reached = 0n;
  for (const [first, end] of [...spans].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (first > reached) return false;
    if (end > reached) reached = end;
  }
  return reached >= size;
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
