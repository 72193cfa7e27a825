import { userEntity } from '../../test/support/user-entity.js';
import type { DirectoryProfileInput } from './directory-users.js';
import { indexUsers } from './directory-users.js';
import type { UserEntity } from './entities/user.entity.js';
import { decideAccount, newClaims, recreatedUsers } from './account-writer.js';

const ann: DirectoryProfileInput = {
  email: 'ann@example.com',
  emails: ['ann@example.com'],
  firstName: 'Ann',
  lastName: null,
  jobTitle: null,
  phone: null,
  ldapUid: 'entryuuid:new',
  ldapDn: 'uid=ann,ou=p',
  directoryState: null,
};
const user = (over: Partial<UserEntity>): UserEntity =>
  userEntity({
    id: 7,
    email: 'ann@example.com',
    firstName: 'Ann',
    ldapUid: 'entryuuid:old',
    ldapDn: 'uid=ann,ou=p',
    ...over,
  });
const one = { dn: ann.ldapDn, profile: ann };
const decide = (users: UserEntity[], recreated: number[] = []) =>
  decideAccount(one, {
    lookup: indexUsers(users),
    recreated: new Set(recreated),
    alreadySeen: () => false,
    claims: newClaims(),
  });

describe('decideAccount for one candidate (sign-in, SSO)', () => {
  it('refuses an entry with a new stable id whose DN and email another user holds: the holder keeps the email', () => {
    expect(decide([user({})])).toMatchObject({
      kind: 'refuse',
      reason: 'duplicate email',
      detail: 'duplicate email: uid=ann,ou=p has email ann@example.com, already used by uid=ann,ou=p, which keeps it',
    });
  });
  it('gives a re-created entry (old stable id gone) the same user, with the new stable id', () => {
    expect(decide([user({})], [7])).toMatchObject({
      kind: 'update',
      user: { id: 7 },
      changes: { ldapUid: 'entryuuid:new' },
    });
  });
  it('takes back a user an import disabled because its entry had gone, as the import does', () => {
    expect(decide([user({ status: 'disabled', disabledBy: 'sync' })])).toMatchObject({
      kind: 'update',
      enable: true,
      changes: { status: 'active', disabledBy: null, ldapUid: 'entryuuid:new' },
    });
  });
  it('creates a new user, and leaves an unchanged one alone', () => {
    expect(decide([])).toMatchObject({ kind: 'create', profile: ann });
    expect(decide([user({ ldapUid: 'entryuuid:new' })])).toMatchObject({ kind: 'unchanged', user: { id: 7 } });
  });
});

describe('recreatedUsers', () => {
  it('asks the directory only about an entry with an unknown stable id on a known DN and email', async () => {
    const asked: string[] = [];
    const probe = async (id: string) => (asked.push(id), false);
    expect(await recreatedUsers([one], indexUsers([user({})]), probe)).toEqual(new Set([7]));
    expect(asked).toEqual(['entryuuid:old']);
    asked.length = 0;
    expect(await recreatedUsers([one], indexUsers([user({ ldapUid: 'entryuuid:new' })]), probe)).toEqual(new Set());
    expect(await recreatedUsers([one], indexUsers([user({ email: 'other@example.com' })]), probe)).toEqual(new Set());
    expect(asked).toEqual([]);
  });
  it('keeps a user whose old stable id is still a user in the directory', async () => {
    expect(await recreatedUsers([one], indexUsers([user({})]), async () => true)).toEqual(new Set());
  });
});
