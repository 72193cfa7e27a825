/** The one answer to every failed sign-in: it must not tell an attacker which part was wrong. */
export const INVALID_LOGIN = 'Invalid login or password';

export interface LoginInput {
  login: string;
  password: string;
}

const MAX_LOGIN_CHARS = 256;
const MAX_PASSWORD_BYTES = 1024;

/**
 * Refuses, before any directory traffic, what can never be a valid sign-in. An empty
 * password in particular would be an unauthenticated bind that servers accept (RFC 4513 §5.1.2).
 */
export function parseLoginInput(body: unknown): LoginInput | null {
  if (!body || typeof body !== 'object') return null;
  const { login, password } = body as Record<string, unknown>;
  if (typeof login !== 'string' || typeof password !== 'string') return null;
  const trimmed = login.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_LOGIN_CHARS) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  if (password.trim().length === 0 || Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return null;
  return { login: trimmed, password };
}
