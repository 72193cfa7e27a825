import { Control } from 'ldapts';

/** The password policy control's OID (draft-behera-ldap-password-policy-11 §6.1). */
export const PASSWORD_POLICY_OID = '1.3.6.1.4.1.42.2.27.8.5.1';

/** The `error` values of §6.2, by number. */
export const PASSWORD_POLICY_ERRORS = [
  'passwordExpired',
  'accountLocked',
  'changeAfterReset',
  'passwordModNotAllowed',
  'mustSupplyOldPassword',
  'insufficientPasswordQuality',
  'passwordTooShort',
  'passwordTooYoung',
  'passwordInHistory',
] as const;

export type PasswordPolicyError = (typeof PASSWORD_POLICY_ERRORS)[number];

/** What the server said in the response control; every field absent when it said nothing. */
export interface PasswordPolicyResponse {
  /** Seconds until the password expires. */
  timeBeforeExpiration?: number;
  /** Binds left with the expired password. */
  graceAuthNsRemaining?: number;
  error?: PasswordPolicyError | `unknown (${number})`;
}

/** The response control's value could not be read. */
export class PasswordPolicyDecodeError extends Error {
  constructor(detail: string) {
    super(`password policy response control: ${detail}`);
    this.name = 'PasswordPolicyDecodeError';
  }
}

/**
 * Decodes the response control's value (draft-behera-ldap-password-policy-11 §6.2, IMPLICIT TAGS):
 *
 *     PasswordPolicyResponseValue ::= SEQUENCE {
 *        warning [0] CHOICE { timeBeforeExpiration [0] INTEGER, graceAuthNsRemaining [1] INTEGER } OPTIONAL,
 *        error   [1] ENUMERATED { passwordExpired (0), accountLocked (1), changeAfterReset (2), ... } OPTIONAL }
 *
 * The CHOICE keeps its own tag, so `warning` is a constructed [0] (0xa0) around a primitive
 * [0] (0x80) or [1] (0x81); `error` is a primitive [1] (0x81). Throws PasswordPolicyDecodeError.
 */
export function decodePasswordPolicyResponse(value: Buffer): PasswordPolicyResponse {
  const outer = readTlv(value, 0);
  if (outer.tag !== 0x30) throw new PasswordPolicyDecodeError(`expected a SEQUENCE, got tag 0x${hex(outer.tag)}`);
  if (outer.end !== value.length) throw new PasswordPolicyDecodeError('bytes after the SEQUENCE');
  const result: PasswordPolicyResponse = {};
  let offset = outer.start;
  while (offset < outer.end) {
    const field = readTlv(value, offset, outer.end);
    if (field.tag === 0xa0) {
      const inner = readTlv(value, field.start, field.end);
      const number = readUnsigned(value.subarray(inner.start, inner.end));
      if (inner.tag === 0x80) result.timeBeforeExpiration = number;
      else if (inner.tag === 0x81) result.graceAuthNsRemaining = number;
      else throw new PasswordPolicyDecodeError(`unknown warning tag 0x${hex(inner.tag)}`);
    } else if (field.tag === 0x81) {
      const code = readUnsigned(value.subarray(field.start, field.end));
      result.error = PASSWORD_POLICY_ERRORS[code] ?? `unknown (${code})`;
    } else {
      throw new PasswordPolicyDecodeError(`unknown field tag 0x${hex(field.tag)}`);
    }
    offset = field.end;
  }
  return result;
}

/**
 * The request control (no value) sent with a bind; ldapts hands the response control of the
 * same OID back to this instance (its parse), so after the bind, resolved or rejected,
 * `response` holds what the server said (undefined: it sent no such control).
 */
export class PasswordPolicyControl extends Control {
  response?: PasswordPolicyResponse;
  decodeError?: string;

  constructor() {
    super(PASSWORD_POLICY_OID, { critical: false });
  }

  override parseControl(reader: { buffer: Buffer }): void {
    try {
      this.response = decodePasswordPolicyResponse(reader.buffer);
    } catch (error) {
      this.decodeError = error instanceof Error ? error.message : String(error);
    }
  }
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** One BER tag-length-value at `offset` (single-byte tags, definite lengths). */
function readTlv(buffer: Buffer, offset: number, limit = buffer.length): Tlv {
  if (offset + 2 > limit) throw new PasswordPolicyDecodeError('truncated');
  const tag = buffer[offset];
  let length = buffer[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > limit) throw new PasswordPolicyDecodeError('bad length');
    length = 0;
    for (let i = 0; i < bytes; i += 1) length = length * 256 + buffer[start + i];
    start += bytes;
  }
  if (start + length > limit) throw new PasswordPolicyDecodeError('truncated');
  return { tag, start, end: start + length };
}

/** A non-negative INTEGER or ENUMERATED body (two's complement, big-endian). */
function readUnsigned(body: Buffer): number {
  if (body.length === 0 || body.length > 6) throw new PasswordPolicyDecodeError('bad integer length');
  if (body[0] & 0x80) throw new PasswordPolicyDecodeError('negative integer');
  return body.reduce((n, byte) => n * 256 + byte, 0);
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
