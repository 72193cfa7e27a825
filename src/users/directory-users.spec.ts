import { userEntity } from '../../test/support/user-entity.js';
import { duplicateEmail, emailFor, indexUsers, matchUser, profileChanges, statusChanges } from './directory-users.js';

const profile = {
  email: 'alice@example.com',
  emails: ['alice@example.com'],
  firstName: 'Alice',
  lastName: null,
  jobTitle: null,
  phone: null,
  ldapUid: 'entryuuid:1',
  ldapDn: 'uid=alice,ou=people,dc=example,dc=com',
  directoryState: null,
};

describe('matchUser', () => {
  it('prefers the stable id, so a renamed entry is the same user', () => {
    const renamed = userEntity({
      id: 7,
      ldapUid: 'entryuuid:1',
      ldapDn: 'uid=old,ou=people,dc=example,dc=com',
      email: 'old@example.com',
    });
    expect(matchUser(profile, indexUsers([renamed, userEntity({ id: 8, email: 'alice@example.com' })]))?.id).toBe(7);
  });
  it('falls back to DN (case-insensitive), then to email', () => {
    expect(
      matchUser(profile, indexUsers([userEntity({ id: 3, ldapDn: 'UID=alice,ou=people,dc=example,dc=com' })]))?.id,
    ).toBe(3);
    expect(
      matchUser(profile, indexUsers([userEntity({ id: 4, email: 'alice@example.com', authSource: 'local' })]))?.id,
    ).toBe(4);
  });
  it('considers every email value of the entry, not only the first', () => {
    const both = { ...profile, email: 'alice@example.com', emails: ['alice@example.com', 'alice.second@example.com'] };
    expect(
      matchUser(both, indexUsers([userEntity({ id: 6, email: 'alice.second@example.com', authSource: 'sso' })]))?.id,
    ).toBe(6);
  });
  it('links by email only accounts without a local password of their own and without role admin', () => {
    const linkable = [
      userEntity({ id: 4, email: 'alice@example.com', authSource: 'sso' }),
      userEntity({ id: 5, email: 'alice@example.com', authSource: 'local' }),
    ];
    for (const u of linkable) expect(matchUser(profile, indexUsers([u]))?.id).toBe(u.id);
    const protectedOnes = [
      userEntity({ email: 'alice@example.com', authSource: 'local', passwordHash: '$argon2id$x' }),
      userEntity({ email: 'alice@example.com', authSource: 'local', role: 'admin' }),
    ];
    for (const u of protectedOnes) expect(matchUser(profile, indexUsers([u]))).toBeUndefined();
    expect(duplicateEmail(profile.ldapDn, profile.email, protectedOnes[1])).toContain(
      'role admin is not linked by email: an admin links it with POST /api/admin/users/1/link',
    );
  });
  it('an admin-linked account (DN set) is matched by its DN', () => {
    const linked = userEntity({
      id: 9,
      email: 'other@example.com',
      authSource: 'local',
      role: 'admin',
      passwordHash: 'x',
      ldapDn: profile.ldapDn,
    });
    expect(matchUser(profile, indexUsers([linked]))?.id).toBe(9);
  });
  it('never takes over a user tied to another stable id', () => {
    expect(
      matchUser(profile, indexUsers([userEntity({ id: 5, email: 'alice@example.com', ldapUid: 'entryuuid:2' })])),
    ).toBeUndefined();
  });
});

describe('profileChanges', () => {
  it('is empty when nothing changed', () => {
    const same = userEntity({ ...profile, authSource: 'ldap' });
    expect(profileChanges(same, profile)).toEqual({});
  });
  it('keeps the current email while the entry still has it among its values, in any order', () => {
    const both = { ...profile, email: 'alice.a@example.com', emails: ['alice.a@example.com', 'alice@example.com'] };
    expect(profileChanges(userEntity({ ...profile }), both)).toEqual({});
    expect(emailFor(userEntity({ email: 'alice@example.com' }), both)).toBe('alice@example.com');
  });
  it('takes the lowest value in lowercase order when the current email is gone', () => {
    const moved = { ...profile, email: 'alice.a@example.com', emails: ['alice.a@example.com', 'alice.b@example.com'] };
    expect(profileChanges(userEntity({ ...profile }), moved)).toEqual({ email: 'alice.a@example.com' });
    expect(emailFor(undefined, moved)).toBe('alice.a@example.com');
  });
  it('names only what changed, and links a local account', () => {
    const local = userEntity({ ...profile, firstName: 'Al', authSource: 'local' });
    expect(profileChanges(local, profile)).toEqual({ firstName: 'Alice', authSource: 'ldap' });
  });
});

describe('statusChanges (the directory account state mirrored)', () => {
  it('disables an active user whose directory account is off, and only that', () => {
    expect(statusChanges({ status: 'active', disabledBy: null }, 'expired')).toEqual({
      status: 'disabled',
      disabledBy: 'directory',
    });
    expect(statusChanges({ status: 'active', disabledBy: null }, null)).toEqual({});
  });
  it("re-enables users the directory or an import disabled, never an admin's", () => {
    expect(statusChanges({ status: 'disabled', disabledBy: 'directory' }, null)).toEqual({
      status: 'active',
      disabledBy: null,
    });
    expect(statusChanges({ status: 'disabled', disabledBy: 'sync' }, null)).toEqual({
      status: 'active',
      disabledBy: null,
    });
    expect(statusChanges({ status: 'disabled', disabledBy: 'admin' }, null)).toEqual({});
    expect(statusChanges({ status: 'disabled', disabledBy: 'admin' }, 'disabled')).toEqual({});
    expect(statusChanges({ status: 'disabled', disabledBy: 'directory' }, 'locked')).toEqual({});
  });
});
