import { decodePasswordPolicyResponse, PasswordPolicyDecodeError } from './password-policy.js';

const bytes = (...values: number[]) => Buffer.from(values);

describe('decodePasswordPolicyResponse (draft-behera-ldap-password-policy-11 §6.2)', () => {
  it.each([
    ['an empty value', bytes(0x30, 0x00), {}],
    [
      'timeBeforeExpiration 864000 s',
      bytes(0x30, 0x07, 0xa0, 0x05, 0x80, 0x03, 0x0d, 0x2f, 0x00),
      { timeBeforeExpiration: 864000 },
    ],
    ['graceAuthNsRemaining 2', bytes(0x30, 0x05, 0xa0, 0x03, 0x81, 0x01, 0x02), { graceAuthNsRemaining: 2 }],
    ['error passwordExpired', bytes(0x30, 0x03, 0x81, 0x01, 0x00), { error: 'passwordExpired' }],
    ['error accountLocked', bytes(0x30, 0x03, 0x81, 0x01, 0x01), { error: 'accountLocked' }],
    ['error changeAfterReset', bytes(0x30, 0x03, 0x81, 0x01, 0x02), { error: 'changeAfterReset' }],
    ['an error number the draft does not list', bytes(0x30, 0x03, 0x81, 0x01, 0x2a), { error: 'unknown (42)' }],
    [
      'a warning and an error together',
      bytes(0x30, 0x08, 0xa0, 0x03, 0x81, 0x01, 0x00, 0x81, 0x01, 0x00),
      { graceAuthNsRemaining: 0, error: 'passwordExpired' },
    ],
    ['a long-form length', bytes(0x30, 0x81, 0x03, 0x81, 0x01, 0x02), { error: 'changeAfterReset' }],
    [
      'an INTEGER with a leading zero byte',
      bytes(0x30, 0x06, 0xa0, 0x04, 0x80, 0x02, 0x00, 0xff),
      { timeBeforeExpiration: 255 },
    ],
  ])('%s', (_name, value, expected) => {
    expect(decodePasswordPolicyResponse(value)).toEqual(expected);
  });

  it.each([
    ['not a SEQUENCE', bytes(0x31, 0x00), /expected a SEQUENCE, got tag 0x31/],
    ['truncated', bytes(0x30, 0x05, 0x81, 0x01), /truncated/],
    ['bytes after the SEQUENCE', bytes(0x30, 0x00, 0x00), /bytes after the SEQUENCE/],
    ['an unknown field', bytes(0x30, 0x03, 0x82, 0x01, 0x00), /unknown field tag 0x82/],
    ['an unknown warning', bytes(0x30, 0x05, 0xa0, 0x03, 0x82, 0x01, 0x00), /unknown warning tag 0x82/],
    ['a negative number', bytes(0x30, 0x05, 0xa0, 0x03, 0x80, 0x01, 0xff), /negative integer/],
    ['an empty INTEGER', bytes(0x30, 0x04, 0xa0, 0x02, 0x80, 0x00), /bad integer length/],
  ])('refuses %s', (_name, value, message) => {
    expect(() => decodePasswordPolicyResponse(value)).toThrow(PasswordPolicyDecodeError);
    expect(() => decodePasswordPolicyResponse(value)).toThrow(message);
  });
});
