import { MAX_SSO_USER_CHARS, normaliseSsoUser, printable, readHeader } from './header-value.js';

describe('readHeader', () => {
  it('finds the header whatever its case, once', () => {
    expect(readHeader(['Host', 'x', 'X-Remote-User', 'alice'], 'x-remote-user')).toEqual({
      kind: 'single',
      value: 'alice',
    });
  });

  it('refuses a repeated header, which req.headers would have joined into "alice, bob"', () => {
    expect(readHeader(['x-remote-user', 'alice', 'X-REMOTE-USER', 'bob'], 'X-Remote-User')).toEqual({
      kind: 'repeated',
      count: 2,
    });
    expect(readHeader(['x-remote-user', 'alice', 'x-remote-user', ''], 'x-remote-user')).toEqual({
      kind: 'repeated',
      count: 2,
    });
  });

  it('treats a missing or empty header as no identity, and the underscore spelling as another header', () => {
    expect(readHeader(['Host', 'x'], 'x-remote-user')).toEqual({ kind: 'absent' });
    expect(readHeader(['x-remote-user', '  '], 'x-remote-user')).toEqual({ kind: 'absent' });
    expect(readHeader(['X_Remote_User', 'mallory'], 'x-remote-user')).toEqual({ kind: 'absent' });
  });
});

/** What Node hands over for a UTF-8 header value: one latin1 character per byte. */
const wire = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('normaliseSsoUser', () => {
  const strip = { stripDomain: true };
  const keep = { stripDomain: false };

  it.each([
    ['alice', 'alice', null],
    ['Alice', 'alice', null],
    ['  ALICE  ', 'alice', null],
    ['EXAMPLE\\alice', 'alice', null],
    ['example.com\\Alice', 'alice', null],
    ['alice@EXAMPLE.COM', 'alice', 'alice@example.com'],
    ['Alice@Example.Com', 'alice', 'alice@example.com'],
    ['EXAMPLE\\alice@EXAMPLE.COM', 'alice', 'alice@example.com'],
    ['alice@REALM', 'alice', null],
    [wire('José'), 'josé', null],
  ])('with stripDomain, %p is login %p (email %p)', (raw, login, email) => {
    expect(normaliseSsoUser(raw, strip)).toEqual({ ok: true, identity: { login, email } });
  });

  it('without stripDomain, keeps the domain and the realm, lower-cased', () => {
    expect(normaliseSsoUser('EXAMPLE\\Alice', keep)).toEqual({
      ok: true,
      identity: { login: 'example\\alice', email: null },
    });
    expect(normaliseSsoUser('Alice@Example.com', keep)).toEqual({
      ok: true,
      identity: { login: 'alice@example.com', email: 'alice@example.com' },
    });
  });

  it.each([
    ['a NUL', 'al\u0000ice', /non-printable/],
    ['a newline', 'alice\nbob', /non-printable/],
    ['a tab', 'ali\tce', /non-printable/],
    ['DEL', 'alice\u007f', /non-printable/],
    ['a zero-width joiner', wire('ali\u200dce'), /non-printable/],
    ['a line separator', wire('ali\u2028ce'), /non-printable/],
    ['latin1 bytes that are not UTF-8', 'ali\u00e9ce', /UTF-8/],
    ['only a domain', 'EXAMPLE\\', /no user name/],
    ['only a realm', '@EXAMPLE.COM', /no user name/],
  ])('refuses %s', (_name, raw, reason) => {
    const result = normaliseSsoUser(raw, strip);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it(`accepts ${MAX_SSO_USER_CHARS} characters and refuses one more`, () => {
    expect(normaliseSsoUser('a'.repeat(MAX_SSO_USER_CHARS), strip).ok).toBe(true);
    expect(normaliseSsoUser('a'.repeat(MAX_SSO_USER_CHARS + 1), strip)).toEqual({
      ok: false,
      reason: `is longer than ${MAX_SSO_USER_CHARS} characters`,
    });
  });
});

describe('printable', () => {
  it('masks control characters and bounds the length for a log line', () => {
    expect(printable('a\nb\u0000c')).toBe('a?b?c');
    expect(printable('x'.repeat(150))).toBe(`${'x'.repeat(100)}…`);
  });
});
