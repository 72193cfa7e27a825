/** Longest user name accepted from the proxy (the sign-in form allows the same). */
export const MAX_SSO_USER_CHARS = 256;

export type HeaderRead = { kind: 'absent' } | { kind: 'repeated'; count: number } | { kind: 'single'; value: string };

/**
 * Every copy of a header. Node joins repeated custom headers with ", " in req.headers, which
 * would turn "alice" + an injected "bob" into one value; rawHeaders keeps each copy apart.
 */
export function readHeader(rawHeaders: readonly string[], name: string): HeaderRead {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    if (rawHeaders[index].toLowerCase() === wanted) values.push(rawHeaders[index + 1]);
  }
  if (values.length > 1) return { kind: 'repeated', count: values.length };
  // An empty value is how a proxy says "nobody": the same as no header.
  if (values.length === 0 || values[0].trim() === '') return { kind: 'absent' };
  return { kind: 'single', value: values[0] };
}

/** Who the proxy says the user is: a login to look up, and the whole value when it reads as an email. */
export interface SsoIdentity {
  login: string;
  email: string | null;
}

export type NormalisedUser = { ok: true; identity: SsoIdentity } | { ok: false; reason: string };

const EMAIL = /^[^\s@\\]{1,64}@[^\s@\\]+\.[^\s@\\]+$/;
const NON_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;

/**
 * `DOMAIN\user` (NTLM, mod_auth_sspi) and `user@REALM` (Kerberos, mod_auth_gssapi) become `user`
 * when stripDomain is on; case never matters (directory matching is case-insensitive).
 */
export function normaliseSsoUser(raw: string, options: { stripDomain: boolean }): NormalisedUser {
  const text = decodeUtf8(raw)?.trim();
  if (text === undefined) return { ok: false, reason: 'is not valid UTF-8' };
  if (text.length > MAX_SSO_USER_CHARS) return { ok: false, reason: `is longer than ${MAX_SSO_USER_CHARS} characters` };
  if (NON_PRINTABLE.test(text)) return { ok: false, reason: 'contains non-printable characters' };
  let value = text.toLowerCase();
  if (options.stripDomain) value = value.slice(value.lastIndexOf('\\') + 1);
  const email = EMAIL.test(value) ? value : null;
  if (options.stripDomain && value.includes('@')) value = value.slice(0, value.lastIndexOf('@'));
  if (value === '') return { ok: false, reason: 'holds no user name once the domain is removed' };
  return { ok: true, identity: { login: value, email } };
}

/** Node reads header bytes as latin1; proxies send user names as UTF-8. */
function decodeUtf8(raw: string): string | undefined {
  if (/^\p{ASCII}*$/u.test(raw)) return raw;
  if (/[^\p{ASCII}\u0080-\u00ff]/u.test(raw)) return undefined;
  const decoded = Buffer.from(raw, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? undefined : decoded;
}

/** A header value fit for a log line: no control characters, bounded. */
export function printable(value: string, max = 100): string {
  const cleaned = value.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, '?');
  return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
}
