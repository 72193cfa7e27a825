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

/** The port each encryption listens on by default (RFC 4516 §2: 389; LDAPS: 636). */
export const DEFAULT_PORTS: Record<LdapEncryption, number> = { none: 389, starttls: 389, ssl: 636 };
const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

interface Authority {
  host: string;
  port?: number;
}

/** What the host text itself states: the scheme only when it is a URL, the port only when written. */
interface StatedHost extends Authority {
  scheme?: 'ldap' | 'ldaps';
}

/** The target already stored, which a request changes only where it says so. */
export interface LdapTarget {
  port: number;
  encryption: LdapEncryption;
}

/**
 * Splits what the admin typed into host, port and encryption. URLs are taken apart and never
 * passed through raw, so a path, user info or query cannot reach the client.
 *
 * With `stored`, the input changes only what it states (README, "LDAP sign-in"):
 * - encryption changes only when `encryption` is given or the URL is ldaps://. An ldap:// URL
 *   does not say "no StartTLS": it keeps starttls, and turns a stored ssl into starttls.
 * - the port changes only when the port field or the host text states one; otherwise, when the
 *   encryption moved between SSL and not-SSL and the stored port was the old default, the new
 *   default follows (389 <-> 636). A custom port is kept, and the notes say so.
 * Without `stored` (nothing saved yet), encryption defaults to none and the port to its default.
 */
export function parseLdapHost(input: LdapHostInput, stored?: LdapTarget): LdapHost {
  const raw = input.host ?? '';
  if (raw.trim() === '') throw new HostSyntaxError('host is empty');
  if (/\s/.test(raw)) throw new HostSyntaxError('host must not contain spaces');
  const givenPort = input.port ?? undefined;
  if (givenPort !== undefined) checkPort(givenPort);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  const stated: StatedHost = scheme === undefined ? parseAuthority(raw) : fromUrl(raw, scheme);
  if (stated.port !== undefined && givenPort !== undefined && stated.port !== givenPort) {
    throw new HostSyntaxError(`the port in host (${stated.port}) differs from the port field (${givenPort})`);
  }
  const notes: string[] = [];
  const encryption = pickEncryption(stated.scheme, input.encryption ?? undefined, stored?.encryption, notes);
  const port = pickPort(stated.port ?? givenPort, encryption, stored, notes);
  if (stated.scheme) notes.unshift(`${raw} understood as host ${stated.host}, port ${port}, encryption ${encryption}`);
  else if (stated.port !== undefined) notes.unshift(`${raw} understood as host ${stated.host}, port ${port}`);
  if (encryption === 'none' && stored && stored.encryption !== 'none') {
    notes.push('encryption none: passwords will cross the network in clear text');
  }
  return { host: stated.host, port, encryption, notes };
}

function fromUrl(raw: string, scheme: string): StatedHost {
  if (scheme !== 'ldap' && scheme !== 'ldaps')
    throw new HostSyntaxError(`${scheme}:// is not an LDAP URL; use ldap:// or ldaps://`);
  const rest = raw.slice(scheme.length + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const authorityText = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  if (authorityText.includes('@'))
    throw new HostSyntaxError('a URL with a user name is not accepted: put the account in Bind username');
  if (tail !== '' && tail !== '/') {
    throw new HostSyntaxError(
      'a URL with a path, query or fragment is not accepted: put the base DN in Bind DN or search scopes',
    );
  }
  return { ...parseAuthority(authorityText), scheme };
}

function pickEncryption(
  scheme: StatedHost['scheme'],
  given: LdapEncryption | undefined,
  stored: LdapEncryption | undefined,
  notes: string[],
): LdapEncryption {
  if (scheme === 'ldaps') {
    if (given === 'starttls')
      throw new HostSyntaxError('ldaps:// is already encrypted with SSL and cannot be combined with StartTLS');
    return 'ssl';
  }
  if (scheme === 'ldap' && given === 'ssl')
    throw new HostSyntaxError('ldap:// is not SSL: write ldaps:// or choose encryption none or starttls');
  if (given !== undefined) return given;
  if (stored === undefined) return 'none';
  if (scheme === 'ldap' && stored === 'ssl') {
    notes.push(
      'ldap:// is not SSL: encryption starttls instead of ssl, still encrypted; send "encryption": "none" for plain text',
    );
    return 'starttls';
  }
  if (scheme === 'ldap' && stored === 'starttls') {
    notes.push(
      'encryption starttls kept: ldap:// is also the scheme of StartTLS; send "encryption": "none" for plain text',
    );
  }
  return stored;
}

function pickPort(
  stated: number | undefined,
  encryption: LdapEncryption,
  stored: LdapTarget | undefined,
  notes: string[],
): number {
  if (stated !== undefined) return stated;
  const fallback = DEFAULT_PORTS[encryption];
  if (stored === undefined) {
    notes.push(`no port given: using ${fallback}, the default for encryption ${encryption}`);
    return fallback;
  }
  if (fallback === DEFAULT_PORTS[stored.encryption]) {
    notes.push(`port ${stored.port} kept`);
    return stored.port;
  }
  if (stored.port === DEFAULT_PORTS[stored.encryption]) {
    notes.push(`no port given: using ${fallback}, the default for encryption ${encryption}`);
    return fallback;
  }
  notes.push(
    `port ${stored.port} kept although the default for encryption ${encryption} is ${fallback}: send "port" if the server listens elsewhere`,
  );
  return stored.port;
}

function parseAuthority(text: string): Authority {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    if (!isIPv6(bracketed[1]) || bracketed[1].includes('%'))
      throw new HostSyntaxError('the address in [ ] is not a valid IPv6 address');
    return { host: bracketed[1].toLowerCase(), port: parsePortText(bracketed[2]) };
  }
  if (isIPv6(text)) {
    if (text.includes('%')) throw new HostSyntaxError('IPv6 zone ids (%eth0) are not supported');
    return { host: text.toLowerCase() };
  }
  if ((text.match(/:/g) ?? []).length > 1) {
    // Only an IPv6 address followed by a port is about brackets; dc1:389:1 is a name with two ports.
    if (isIPv6(text.slice(0, text.lastIndexOf(':'))))
      throw new HostSyntaxError('an IPv6 address with a port must be written in brackets, as in [2001:db8::1]:636');
    throw new HostSyntaxError(
      `${text} is not a host: host must be a host name or address, optionally with :port (as in dc1.example.com:389)`,
    );
  }
  const [host, portText] = text.split(':');
  return { host: checkHostName(host), port: parsePortText(portText) };
}

function parsePortText(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text)) throw new HostSyntaxError('the port must be a number from 1 to 65535');
  return checkPort(Number(text));
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new HostSyntaxError('the port must be a number from 1 to 65535');
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
