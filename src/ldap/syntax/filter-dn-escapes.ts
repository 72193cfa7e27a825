import { isValidDn } from './dn.js';

// Attributes whose syntax is a DN (RFC 4519, RFC 4524, RFC 2798, AD and 389/FreeIPA schemas), lower case.
const DN_VALUED_ATTRIBUTES = new Set([
  'aliasedobjectname',
  'creatorsname',
  'directreports',
  'distinguishedname',
  'dn',
  'entrydn',
  'ismemberof',
  'managedby',
  'managedobjects',
  'manager',
  'member',
  'memberof',
  'modifiersname',
  'nsroledn',
  'owner',
  'roleoccupant',
  'secretary',
  'seealso',
  'uniquemember',
]);

// RFC 4514 §2.4: the characters a DN string escapes with a single backslash.
export const DN_SPECIALS: ReadonlySet<string> = new Set([',', '+', '"', '\\', '<', '>', ';', '=', ' ', '#']);
const ASSERTION =
  /^((?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9-]+)*)?((?::dn)?(?::[A-Za-z0-9.-]+)?:=|[~<>]?=)/i;

export interface DnEscapeConversion {
  /** The filter in RFC 4515 form: each `\,` of a DN written as `\5c,`. The input when nothing was converted. */
  filter: string;
  /** The assertions that were converted, as written in the input, such as `(memberOf=CN=Support\, EU,DC=example,DC=test)`. */
  converted: string[];
}

/** True for an attribute whose values are DNs (member, memberOf, uniqueMember, manager, ...). */
export function isDnValuedAttribute(attribute: string): boolean {
  return DN_VALUED_ATTRIBUTES.has(attribute.split(';')[0].toLowerCase());
}

/**
 * Rewrites the DN escapes of RFC 4514 §2.4 (`\,` `\+` `\"` `\\` `\<` `\>` `\;` `\=` `\ ` `\#`, the
 * form Active Directory tools print) into the filter escapes of RFC 4515 §3, where the backslash
 * itself is `\5c`: `(memberOf=CN=Support\, EU,DC=example,DC=test)` becomes
 * `(memberOf=CN=Support\5c, EU,DC=example,DC=test)`, which the server compares as the same DN.
 *
 * Only DN-valued assertions are rewritten: the attribute is one whose syntax is a DN (see
 * isDnValuedAttribute; any operator, including `:1.2.840.113556.1.4.1941:=`), or the operator is
 * `=` or `:=` without `*` and the value, read as a DN string, is a valid DN of two or more RDNs
 * (`(seeAlso=...)`, a custom `(x-groupDn=...)`). Anywhere else such an escape stays an error of the
 * filter, since RFC 4515 allows only a backslash followed by two hex digits. Escapes that already are
 * RFC 4515 (`\2c`, `\5c`) are left as they are. Never throws; the result still needs parseFilter.
 */
export function convertDnEscapes(filter: string): DnEscapeConversion {
  let out = '';
  const converted: string[] = [];
  let pos = 0;
  while (pos < filter.length) {
    const open = filter.indexOf('(', pos);
    if (open < 0) break;
    out += filter.slice(pos, open + 1);
    pos = open + 1;
    const assertion = ASSERTION.exec(filter.slice(pos));
    if (!assertion) continue;
    const valueStart = pos + assertion[0].length;
    const valueEnd = endOfValue(filter, valueStart);
    const value = filter.slice(valueStart, valueEnd);
    const rewritten = rewriteValue(value);
    const head = filter.slice(pos, valueStart);
    if (rewritten !== value && isDnAssertion(assertion[1], assertion[2], value)) {
      out += head + rewritten;
      converted.push(`(${head}${value})`);
    } else {
      out += head + value;
    }
    pos = valueEnd;
  }
  out += filter.slice(pos);
  return { filter: converted.length > 0 ? out : filter, converted };
}

// RFC 4514 §2.4 hexpair escapes of DN specials (`\2C` is how OpenLDAP prints a comma inside an RDN).
const DN_SPECIAL_HEX = /\\(2[cCbB2]|3[cCeEbBdD])/g;

/**
 * A filter that parses, whose DN-valued equality assertions read a DN's own hex escape (`\2C`, as
 * OpenLDAP prints `cn=Support\2C EU`) as the filter escape of a comma: the value is then no DN at
 * all (`cn=Support, EU,…`) and can match nothing. Where keeping the escape in the DN
 * (`\5c2C`) gives a valid DN, the assertion is rewritten so, and named in `converted`. Assertions
 * whose value is already a valid DN are left as written. Never throws.
 */
export function convertDnHexEscapes(filter: string): DnEscapeConversion {
  const converted: string[] = [];
  const out = filter.replace(
    /\(([^()=~<>:]+)(=)([^()*]*)\)/g,
    (whole, attribute: string, _op: string, value: string) => {
      if (!isDnValuedAttribute(attribute) || !value.match(DN_SPECIAL_HEX)) return whole;
      if (isValidDn(decodeHex(value))) return whole;
      const kept = value.replace(DN_SPECIAL_HEX, '\\5c$1');
      if (!isValidDn(decodeHex(kept))) return whole;
      converted.push(whole);
      return `(${attribute}=${kept})`;
    },
  );
  return { filter: converted.length > 0 ? out : filter, converted };
}

function decodeHex(value: string): string {
  return value.replace(/\\([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function endOfValue(filter: string, start: number): number {
  let pos = start;
  while (pos < filter.length && filter[pos] !== ')') pos += filter[pos] === '\\' ? 2 : 1;
  return Math.min(pos, filter.length);
}

function rewriteValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const next = value[i + 1];
    if (value[i] !== '\\' || next === undefined) out += value[i];
    else if (/^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      out += value.slice(i, i + 3);
      i += 2;
    } else if (DN_SPECIALS.has(next)) {
      out += next === '\\' ? '\\5c\\5c' : `\\5c${next}`;
      i += 1;
    } else out += value[i];
  }
  return out;
}

function isDnAssertion(attribute: string | undefined, operator: string, value: string): boolean {
  if (attribute !== undefined && isDnValuedAttribute(attribute)) return true;
  if (!(operator === '=' || operator.endsWith(':='))) return false;
  if (/(^|[^\\])\*/.test(value)) return false;
  const dn = value.replace(/\\([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return isValidDn(dn) && /[^\\],/.test(dn);
}
