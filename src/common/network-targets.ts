import { isIP } from 'node:net';

import { cidrContains, type Cidr, CidrSyntaxError, normalizeIp, parseCidr } from './cidr.js';

/** One entry of the allow-list: a host name (`*.` for any subdomain) or a CIDR, with an optional port. */
export type TargetRule = { kind: 'host'; name: string; port?: number } | { kind: 'cidr'; cidr: Cidr; port?: number };

export class TargetListSyntaxError extends Error {}

// Never dialled, whatever the allow-list says: link-local (RFC 3927, RFC 4291 §2.5.6) holds the
// cloud metadata services; the others are metadata addresses outside it (AWS IPv6, Alibaba Cloud).
const LINK_LOCAL = [parseCidr('169.254.0.0/16'), parseCidr('fe80::/10')];
const METADATA_ADDRESSES = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'];
const METADATA_NAMES = ['metadata.google.internal', 'metadata.goog', 'metadata'];
const HOST_NAME = /^(\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const FORM =
  'a host name (ldap.example.com, *.example.com), an IP address or a CIDR (10.0.0.0/8), each with an optional :port ([::1]:389 for IPv6)';

/**
 * Parses a comma-separated allow-list such as `ldap.example.com:636, 10.0.0.0/8, [::1]:389`.
 * Throws TargetListSyntaxError naming the bad entry.
 */
export function parseTargetList(text: string): TargetRule[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseTargetRule);
}

function parseTargetRule(entry: string): TargetRule {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  const [target, portText] = bracketed ? [bracketed[1], bracketed[2]] : withPort ? [withPort[1], withPort[2]] : [entry];
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65535))
    throw new TargetListSyntaxError(`"${entry}": the port must be from 1 to 65535`);
  if (isIP(target.split('/')[0])) {
    try {
      return { kind: 'cidr', cidr: parseCidr(target), port };
    } catch (error) {
      if (error instanceof CidrSyntaxError) throw new TargetListSyntaxError(`"${entry}": ${error.message}`);
      throw error;
    }
  }
  if (!HOST_NAME.test(target)) throw new TargetListSyntaxError(`"${entry}" is not ${FORM}`);
  return { kind: 'host', name: target.toLowerCase().replace(/\.$/, ''), port };
}

/**
 * Why the product must not connect to `host`:`port` resolved to `addresses`, or null when it may.
 * Link-local addresses (169.254.0.0/16, fe80::/10) and cloud metadata names and addresses are
 * always refused; with a non-empty allow-list, the target must also match one rule: a host-name
 * rule by the name as configured, a CIDR rule by every resolved address; a rule's port, if any,
 * must equal `port`.
 */
export function targetRefusal(host: string, port: number, addresses: string[], rules: TargetRule[]): string | null {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (METADATA_NAMES.includes(name)) return `${host} is a cloud metadata service, never a directory`;
  for (const address of addresses) {
    const ip = normalizeIp(address);
    if (METADATA_ADDRESSES.some((metadata) => normalizeIp(metadata) === ip))
      return `${describe(host, ip)} is a cloud metadata address, never a directory`;
    if (LINK_LOCAL.some((range) => cidrContains(range, ip)))
      return `${describe(host, ip)} is a link-local address, never dialled`;
  }
  if (rules.length === 0) return null;
  const allowed = rules.some(
    (rule) =>
      (rule.port === undefined || rule.port === port) &&
      (rule.kind === 'host'
        ? rule.name === name || (rule.name.startsWith('*.') && name.endsWith(rule.name.slice(1)))
        : addresses.length > 0 && addresses.every((address) => cidrContains(rule.cidr, address))),
  );
  return allowed ? null : `${host}:${port} is not in the list of allowed directory targets (LDAP_ALLOWED_TARGETS)`;
}

function describe(host: string, ip: string): string {
  return isIP(host) ? ip : `${host} (${ip})`;
}
