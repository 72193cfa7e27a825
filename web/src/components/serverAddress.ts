/** The encryptions of the LDAP settings, and the port each listens on by default (RFC 4516 §2: 389; LDAPS: 636). */
export type ServerEncryption = 'none' | 'ssl' | 'starttls';
const DEFAULT_PORTS: Record<ServerEncryption, number> = { none: 389, starttls: 389, ssl: 636 };

/** host:port of a stored server (a name or an address, IPv6 without brackets); IPv6 goes in brackets (RFC 3986 §3.2.2). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * host:port of a server row as typed, before the API has read it: the host field may hold a name,
 * an address, host:port, [IPv6]:port or an ldap:// or ldaps:// URL, and an empty port field takes
 * the port in the host, else the encryption's default (ldaps:// says SSL). When the host and the
 * port field name two ports, both are shown (the API refuses such a row and says why).
 */
export function typedHostPort(hostField: string, portField: number | string, encryption: ServerEncryption): string {
  const raw = hostField.trim();
  if (raw === '') return '(no host)';
  const scheme = /^(ldaps?):\/\//i.exec(raw)?.[1]?.toLowerCase();
  const authority = scheme ? raw.slice(scheme.length + 3).split(/[/?#]/)[0] : raw;
  const split = splitAuthority(authority);
  // not a host the API would take: shown as typed (the API's error says what is wrong)
  if (!split) return portField === '' ? raw : `${raw} (port ${portField})`;
  const { host, port: stated } = split;
  const given = portField === '' ? undefined : Number(portField);
  const port = given ?? stated ?? DEFAULT_PORTS[scheme === 'ldaps' ? 'ssl' : encryption];
  if (given !== undefined && stated !== undefined && given !== stated)
    return `${hostPort(host, stated)} (but the port field says ${given})`;
  return hostPort(host, port);
}

function splitAuthority(text: string): { host: string; port?: number } | null {
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : undefined };
  // two or more colons: an IPv6 address without brackets, which cannot carry a port
  if ((text.match(/:/g) ?? []).length > 1) return { host: text };
  const [host, port] = text.split(':');
  if (host === '' || (port !== undefined && !/^\d+$/.test(port))) return null;
  return { host, port: port === undefined ? undefined : Number(port) };
}

/**
 * A host field typed as a URL or host:port, split into the fields the form has: the bare host,
 * the port it states (else the scheme's default), and the encryption an ldaps:// or ldap:// URL
 * implies (ldap:// over SSL becomes StartTLS). Null when the field holds a bare host or cannot be
 * read (the API then says what is wrong).
 */
export function splitHostField(
  hostField: string,
  encryption: ServerEncryption,
): { host: string; port: number; encryption: ServerEncryption } | null {
  const raw = hostField.trim();
  const scheme = /^(ldaps?):\/\//i.exec(raw)?.[1]?.toLowerCase();
  const authority = scheme ? raw.slice(scheme.length + 3).split(/[/?#]/)[0] : raw;
  const split = splitAuthority(authority);
  if (!split || (!scheme && split.port === undefined)) return null;
  const implied: ServerEncryption =
    scheme === 'ldaps' ? 'ssl' : scheme === 'ldap' && encryption === 'ssl' ? 'starttls' : encryption;
  return { host: split.host, port: split.port ?? DEFAULT_PORTS[implied], encryption: implied };
}
