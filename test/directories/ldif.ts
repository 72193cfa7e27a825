// RFC 2849: a value goes out plain only if it is a SAFE-STRING; anything else (non-ASCII, a leading
// space, colon or "<", a trailing space) goes out base64-encoded after "::".
// eslint-disable-next-line no-control-regex -- RFC 2849's SAFE-STRING is defined by control characters
const SAFE_STRING = /^[\x01-\x09\x0B\x0C\x0E-\x1F\x21-\x39\x3B\x3D-\x7F][\x01-\x09\x0B\x0C\x0E-\x7F]*$/;

export function ldifLine(attribute: string, value: string): string {
  if (value === '') return `${attribute}:`;
  if (SAFE_STRING.test(value) && !value.endsWith(' ')) return `${attribute}: ${value}`;
  return `${attribute}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

export function deleteRecord(dn: string): string {
  return `${ldifLine('dn', dn)}\nchangetype: delete\n`;
}

export interface ModRdnOptions {
  /** Move the entry under this parent as well (LDIF newsuperior). */
  newSuperior?: string;
  /** Remove the old RDN value from the entry (default true). */
  deleteOldRdn?: boolean;
}

export function modRdnRecord(dn: string, newRdn: string, options: ModRdnOptions = {}): string {
  const lines = [ldifLine('dn', dn), 'changetype: modrdn', ldifLine('newrdn', newRdn)];
  lines.push(`deleteoldrdn: ${options.deleteOldRdn === false ? 0 : 1}`);
  if (options.newSuperior !== undefined) lines.push(ldifLine('newsuperior', options.newSuperior));
  return `${lines.join('\n')}\n`;
}

export function replaceRecord(dn: string, attribute: string, values: readonly string[]): string {
  const lines = [ldifLine('dn', dn), 'changetype: modify', `replace: ${attribute}`];
  lines.push(...values.map((value) => ldifLine(attribute, value)), '-');
  return `${lines.join('\n')}\n`;
}
