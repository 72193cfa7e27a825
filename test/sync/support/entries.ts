import { BASE_DN, DEFAULT_PASSWORD } from '../../directories/fixtures.js';
import { ldifLine } from '../../directories/ldif.js';

/** An organizational unit directly under the suffix, as LDIF; returns its DN too. */
export function ouLdif(name: string): { dn: string; ldif: string } {
  const dn = `ou=${name},${BASE_DN}`;
  return { dn, ldif: `dn: ${dn}\nobjectClass: organizationalUnit\nou: ${name}\n` };
}

/**
 * A person entry as LDIF: objectClass inetOrgPerson unless given, password DEFAULT_PASSWORD;
 * `attributes` values are written in the order given (several values for one attribute allowed).
 */
export function personLdif(
  parentDn: string,
  uid: string,
  attributes: Record<string, string | string[]> = {},
): { dn: string; ldif: string } {
  const dn = `uid=${uid},${parentDn}`;
  const all: Record<string, string | string[]> = {
    objectClass: 'inetOrgPerson',
    uid,
    cn: uid,
    sn: uid,
    mail: `${uid}@example.test`,
    userPassword: DEFAULT_PASSWORD,
    ...attributes,
  };
  const lines = [ldifLine('dn', dn)];
  for (const [name, values] of Object.entries(all))
    for (const value of [values].flat()) lines.push(ldifLine(name, value));
  return { dn, ldif: `${lines.join('\n')}\n` };
}

/** LDIF records joined for one ldapadd. */
export function joinLdif(records: { ldif: string }[]): string {
  return records.map((r) => r.ldif).join('\n');
}
