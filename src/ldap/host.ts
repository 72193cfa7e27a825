import { isIPv4, isIPv6 } from 'node:net';

export type LdapEncryption = 'none' | 'ssl' | 'starttls';

export interface LdapHostInput {
  host: string;
  port?: number | null;
  encryption?: LdapEncryption | null;
}

export interface LdapHost {
  /** Host name (lowercase), IPv4 address or IPv6 address without brackets. */
  host: string;
  port: number;
  encryption: LdapEncryption;
  /** What was understood from the input, to show the admin. */
  notes: string[];
}

const EXPECTED_FORM =
  'host must be a host name or IP address such as ldap.example.com, or a URL such as ldaps://ldap.example.com:636';

export class HostSyntaxError extends Error {
  constructor(reason: string) {
    super(`${reason}; ${EXPECTED_FORM}`);
    this.name = 'HostSyntaxError';
  }
}

const DEFAULT_PORTS: Record<LdapEncryption, number> = { none: 389, starttls: 389, ssl: 636 };
const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

interface Authority {
  host: string;
  port?: number;
}

/**
 * Splits what the admin typed into host, port and encryption. URLs are taken apart and never
 * passed through raw, so a path, user info or query cannot reach the client.
 */
export function parseLdapHost(input: LdapHostInput): LdapHost {
  const raw = input.host ?? '';
  if (raw.trim() === '') throw new HostSyntaxError('host is empty');
  if (/\s/.test(raw)) throw new HostSyntaxError('host must not contain spaces');
  const givenPort = input.port ?? undefined;
  if (givenPort !== undefined) checkPort(givenPort);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  return scheme === undefined ? fromHost(raw, givenPort, input.encryption) : fromUrl(raw, scheme, givenPort, input.encryption);
}

function fromHost(raw: string, givenPort: number | undefined, given: LdapEncryption | null | undefined): LdapHost {
  const authority = parseAuthority(raw);
  const encryption = given ?? 'none';
  const port = pickPort(authority.port, givenPort, encryption);
  const notes: string[] = [];
  if (authority.port !== undefined) notes.push(`${raw} understood as host ${authority.host}, port ${port}`);
  else if (givenPort === undefined) notes.push(`no port given: using ${port}, the default for encryption ${encryption}`);
  return { host: authority.host, port, encryption, notes };
}

function fromUrl(raw: string, scheme: string, givenPort: number | undefined, given: LdapEncryption | null | undefined): LdapHost {
  if (scheme !== 'ldap' && scheme !== 'ldaps') throw new HostSyntaxError(`${scheme}:// is not an LDAP URL; use ldap:// or ldaps://`);
  const rest = raw.slice(scheme.length + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const authorityText = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  if (authorityText.includes('@')) throw new HostSyntaxError('a URL with a user name is not accepted: put the account in Bind username');
  if (tail !== '' && tail !== '/') {
    throw new HostSyntaxError('a URL with a path, query or fragment is not accepted: put the base DN in Bind DN or search scopes');
  }
  const authority = parseAuthority(authorityText);
  const encryption = urlEncryption(scheme, given);
  const port = pickPort(authority.port, givenPort, encryption);
  const note = `${raw} understood as host ${authority.host}, port ${port}, encryption ${encryption}`;
  return { host: authority.host, port, encryption, notes: [note] };
}

function urlEncryption(scheme: string, given: LdapEncryption | null | undefined): LdapEncryption {
  if (scheme === 'ldaps') {
    if (given === 'starttls') throw new HostSyntaxError('ldaps:// is already encrypted with SSL and cannot be combined with StartTLS');
    return 'ssl';
  }
  if (given === 'ssl') throw new HostSyntaxError('ldap:// is not SSL: write ldaps:// or choose encryption none or starttls');
  return given ?? 'none';
}

function pickPort(fromInput: number | undefined, given: number | undefined, encryption: LdapEncryption): number {
  if (fromInput !== undefined && given !== undefined && fromInput !== given) {
    throw new HostSyntaxError(`the port in host (${fromInput}) differs from the port field (${given})`);
  }
  return fromInput ?? given ?? DEFAULT_PORTS[encryption];
}

function parseAuthority(text: string): Authority {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    if (!isIPv6(bracketed[1]) || bracketed[1].includes('%')) throw new HostSyntaxError('the address in [ ] is not a valid IPv6 address');
    return { host: bracketed[1].toLowerCase(), port: parsePortText(bracketed[2]) };
  }
  if (isIPv6(text)) {
    if (text.includes('%')) throw new HostSyntaxError('IPv6 zone ids (%eth0) are not supported');
    return { host: text.toLowerCase() };
  }
  if ((text.match(/:/g) ?? []).length > 1) throw new HostSyntaxError('an IPv6 address with a port must be written in brackets, as in [2001:db8::1]:636');
  const [host, portText] = text.split(':');
  return { host: checkHostName(host), port: parsePortText(portText) };
}

function parsePortText(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text)) throw new HostSyntaxError('the port must be a number from 1 to 65535');
  return checkPort(Number(text));
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new HostSyntaxError('the port must be a number from 1 to 65535');
  return port;
}

function checkHostName(text: string): string {
  if (text === '') throw new HostSyntaxError('the host name is missing');
  if (isIPv4(text)) return text;
  const name = text.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(name)) throw new HostSyntaxError(`${text} is not a valid IPv4 address`);
  if (name.length > 253 || !name.split('.').every((label) => HOST_LABEL.test(label))) {
    throw new HostSyntaxError('a host name may only contain letters, digits, "-" and "." between its parts');
  }
  return name;
}

/** The URL to hand to the LDAP client: ldaps:// for SSL, ldap:// otherwise (StartTLS upgrades later). */
export function ldapUrl(target: { host: string; port: number; encryption: LdapEncryption }): string {
  const scheme = target.encryption === 'ssl' ? 'ldaps' : 'ldap';
  const host = isIPv6(target.host) ? `[${target.host}]` : target.host;
  return `${scheme}://${host}:${target.port}`;
}
