import {
  accountKind,
  canSignIn,
  nextStep,
  type AccountKind,
  type DirectoryAnswer,
  type NextStep,
} from './sign-in-policy.js';

const LDAP: NextStep = { step: 'done-ldap' };
const LOCAL: NextStep = { step: 'check-local', method: 'local' };
const FALLBACK: NextStep = { step: 'check-local', method: 'local-fallback' };
const WRONG: NextStep = { step: 'refuse', reason: 'wrong-credentials' };
const BLOCKED: NextStep = { step: 'refuse', reason: 'blocked' };
const UNAVAILABLE: NextStep = { step: 'refuse', reason: 'unavailable' };

// directory answer × account kind × fallbackToLocal → what happens next
const TABLE: [DirectoryAnswer, AccountKind, boolean, NextStep][] = [
  ['off', 'none', true, LOCAL],
  ['off', 'local-only', false, LOCAL],
  ['off', 'directory-managed', false, LOCAL],
  ['admitted', 'none', false, LDAP],
  ['admitted', 'local-only', true, LDAP],
  ['admitted', 'directory-managed', true, LDAP],
  ['wrong-credentials', 'none', true, WRONG],
  ['wrong-credentials', 'local-only', true, LOCAL],
  ['wrong-credentials', 'local-only', false, WRONG],
  ['wrong-credentials', 'directory-managed', true, WRONG],
  ['wrong-credentials', 'directory-managed', false, WRONG],
  ['blocked', 'none', true, BLOCKED],
  ['blocked', 'local-only', true, BLOCKED],
  ['blocked', 'directory-managed', true, BLOCKED],
  ['unavailable', 'none', true, UNAVAILABLE],
  ['unavailable', 'local-only', true, LOCAL],
  ['unavailable', 'local-only', false, UNAVAILABLE],
  ['unavailable', 'directory-managed', true, FALLBACK],
  ['unavailable', 'directory-managed', false, UNAVAILABLE],
];

describe('nextStep', () => {
  it.each(TABLE)('directory %s, account %s, fallback %s', (answer, kind, fallback, expected) => {
    expect(nextStep(answer, kind, fallback)).toEqual(expected);
  });
});

const row = (over: Partial<Parameters<typeof accountKind>[0] & object> = {}) => ({
  status: 'active',
  authSource: 'local',
  passwordHash: 'hash',
  ldapDn: null,
  ldapUid: null,
  ...over,
});

describe('accountKind', () => {
  it.each([
    ['no account', null, 'none'],
    ['a local account', row(), 'local-only'],
    ['a disabled local account', row({ status: 'disabled' }), 'none'],
    ['an account without a local password', row({ passwordHash: null }), 'none'],
    [
      'a local account linked to an entry',
      row({ ldapDn: 'uid=dana,ou=people,dc=example,dc=test' }),
      'directory-managed',
    ],
    ['an account known by stable id only', row({ ldapUid: 'c0ffee' }), 'directory-managed'],
    ['an account the directory created', row({ authSource: 'ldap' }), 'directory-managed'],
    ['an account SSO created', row({ authSource: 'sso' }), 'directory-managed'],
  ])('%s', (_name, user, kind) => {
    expect(accountKind(user)).toBe(kind);
  });
});

describe('canSignIn (would these settings lock an admin out?)', () => {
  it.each([
    ['LDAP off, local admin', row(), { enabled: false, fallbackToLocal: false }, true],
    ['LDAP on with fallback, local admin', row(), { enabled: true, fallbackToLocal: true }, true],
    ['LDAP on without fallback, local admin', row(), { enabled: true, fallbackToLocal: false }, false],
    [
      'LDAP on without fallback, linked admin',
      row({ ldapDn: 'uid=a,dc=x' }),
      { enabled: true, fallbackToLocal: false },
      true,
    ],
    [
      'LDAP off, linked admin without a local password',
      row({ ldapDn: 'uid=a,dc=x', passwordHash: null }),
      { enabled: false, fallbackToLocal: true },
      false,
    ],
    ['a disabled admin', row({ status: 'disabled' }), { enabled: false, fallbackToLocal: true }, false],
  ])('%s', (_name, user, settings, expected) => {
    expect(canSignIn(user, settings)).toBe(expected);
  });
});
