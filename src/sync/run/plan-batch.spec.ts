import { userEntity } from '../../../test/support/user-entity.js';
import type { Candidate, DirectoryProfile } from '../../ldap/directory/entry-reader.js';
import { indexUsers } from '../../users/directory-users.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { planBatch } from './plan-batch.js';

const profile = (name: string, over: Partial<DirectoryProfile> = {}): DirectoryProfile => {
  const email = over.email ?? `${name}@example.com`;
  return {
    email,
    emails: [email],
    firstName: name,
    lastName: null,
    jobTitle: null,
    phone: null,
    ldapUid: `entryuuid:${name}`,
    ldapDn: `uid=${name},ou=p`,
    directoryState: null,
    ...over,
  };
};
const candidate = (p: DirectoryProfile): Candidate => ({ kind: 'user', dn: p.ldapDn, profile: p, cuts: [] });
const asUser = (id: number, p: DirectoryProfile, over: Partial<UserEntity> = {}) => {
  const { emails: _emails, directoryState: _state, ...fields } = p;
  return userEntity({ id, ...fields, ...over });
};
const plan = (
  candidates: Candidate[],
  users: UserEntity[],
  options: { seen?: number[]; skipped?: string[]; recreated?: number[] } = {},
) =>
  planBatch(candidates, {
    lookup: indexUsers(users),
    recreated: new Set(options.recreated),
    alreadySeen: (id) => (options.seen ?? []).includes(id),
    alreadySkipped: (dn) => (options.skipped ?? []).includes(dn),
  });

describe('planBatch', () => {
  it('creates new users, leaves unchanged ones alone and updates only what differs', () => {
    const [ann, bea, cid] = [profile('ann'), profile('bea'), profile('cid')];
    const result = plan([ann, bea, cid].map(candidate), [asUser(1, bea), asUser(2, cid, { firstName: 'Old' })]);
    expect(result.creates.map((c) => c.dn)).toEqual([ann.ldapDn]);
    expect(result.unchanged).toBe(1);
    expect(result.updates).toEqual([
      expect.objectContaining({ dn: cid.ldapDn, changes: { firstName: 'cid' }, enable: false }),
    ]);
    expect(result.seenIds.sort()).toEqual([1, 2]);
  });

  it('a renamed or moved entry (same stable id) updates its user, never duplicates it', () => {
    const moved = profile('ann', { ldapDn: 'uid=ann,ou=elsewhere' });
    const result = plan([candidate(moved)], [asUser(5, profile('ann'))]);
    expect(result.creates).toEqual([]);
    expect(result.updates).toEqual([expect.objectContaining({ changes: { ldapDn: 'uid=ann,ou=elsewhere' } })]);
  });

  it('the same email on two entries: the first by DN order wins, whatever order they came in', () => {
    const second = profile('zed', { email: 'shared@example.com' });
    const first = profile('amy', { email: 'shared@example.com' });
    const result = plan([candidate(second), candidate(first)], []);
    expect(result.creates.map((c) => c.dn)).toEqual([first.ldapDn]);
    expect(result.skips).toEqual([
      expect.objectContaining({
        dn: second.ldapDn,
        reason: 'duplicate email',
        detail: expect.stringContaining(first.ldapDn),
      }),
    ]);
  });

  it('an email another user already holds stays with that user', () => {
    const newcomer = profile('new', { email: 'ann@example.com' });
    const result = plan([candidate(newcomer)], [asUser(3, profile('ann'))]);
    expect(result.creates).toEqual([]);
    expect(result.skips).toEqual([
      expect.objectContaining({ reason: 'duplicate email', detail: expect.stringContaining('uid=ann,ou=p') }),
    ]);
  });

  it('re-enables a user that a sync disabled, not one an admin disabled', () => {
    const [ann, bea] = [profile('ann'), profile('bea')];
    const users = [
      asUser(1, ann, { status: 'disabled', disabledBy: 'sync' }),
      asUser(2, bea, { status: 'disabled', disabledBy: 'admin' }),
    ];
    const result = plan([ann, bea].map(candidate), users);
    expect(result.updates).toEqual([
      expect.objectContaining({ dn: ann.ldapDn, enable: true, changes: { status: 'active', disabledBy: null } }),
    ]);
    expect(result.unchanged).toBe(1);
  });

  it('mirrors the directory account state: disables, keeps disabled, re-enables only its own', () => {
    const off = (name: string) => profile(name, { directoryState: 'disabled' });
    const users = [
      asUser(1, profile('ann')),
      asUser(2, profile('bea'), { status: 'disabled', disabledBy: 'directory' }),
      asUser(3, profile('cid'), { status: 'disabled', disabledBy: 'directory' }),
      asUser(4, profile('dan'), { status: 'disabled', disabledBy: 'admin' }),
      asUser(5, profile('eve'), { status: 'disabled', disabledBy: 'sync' }),
    ];
    const result = plan([off('ann'), off('bea'), profile('cid'), profile('dan'), off('eve')].map(candidate), users);
    const byId = new Map(result.updates.map((u) => [u.user.id, u]));
    expect(byId.get(1)).toMatchObject({
      disable: true,
      enable: false,
      changes: { status: 'disabled', disabledBy: 'directory' },
    });
    expect(byId.get(3)).toMatchObject({ enable: true, changes: { status: 'active', disabledBy: null } });
    // gone from the directory and back, but turned off there: the directory's reason from now on
    expect(byId.get(5)).toMatchObject({ enable: false, disable: false, changes: { disabledBy: 'directory' } });
    expect([...byId.keys()].sort()).toEqual([1, 3, 5]);
    expect(result.unchanged).toBe(2);
  });

  it('an entry deleted and added again (new stable id) takes back the user a sync disabled', () => {
    const readded = profile('ann', { ldapUid: 'entryuuid:new' });
    const result = plan([candidate(readded)], [asUser(4, profile('ann'), { status: 'disabled', disabledBy: 'sync' })]);
    expect(result.creates).toEqual([]);
    expect(result.updates).toEqual([
      expect.objectContaining({
        enable: true,
        changes: { status: 'active', disabledBy: null, ldapUid: 'entryuuid:new' },
      }),
    ]);
  });

  it('a new entry that only reuses the DN of a user a sync disabled is someone else', () => {
    const stranger = profile('ann', { ldapUid: 'entryuuid:new', email: 'other@example.com' });
    const result = plan([candidate(stranger)], [asUser(4, profile('ann'), { status: 'disabled', disabledBy: 'sync' })]);
    expect(result.updates).toEqual([]);
    expect(result.creates.map((c) => c.profile.email)).toEqual(['other@example.com']);
  });

  it('an entry already handled in this run (overlapping scopes) is not counted again', () => {
    const ann = profile('ann');
    const result = plan([candidate(ann)], [asUser(1, ann)], { seen: [1] });
    expect(result).toMatchObject({ repeats: 1, unchanged: 0, creates: [], updates: [], skips: [] });
  });

  it('an entry skipped earlier in this run is not logged twice', () => {
    const skip: Candidate = {
      kind: 'skip',
      dn: 'uid=Nomail,ou=p',
      uid: null,
      reason: 'no email attribute',
      detail: 'no mail',
    };
    expect(plan([skip], [], { skipped: ['uid=nomail,ou=p'] })).toMatchObject({ repeats: 1, skips: [] });
  });

  it('a skipped entry still marks its user as seen, so it is not disabled', () => {
    const skip: Candidate = {
      kind: 'skip',
      dn: 'uid=ann,ou=p',
      uid: 'entryuuid:ann',
      reason: 'no email attribute',
      detail: 'no mail',
    };
    const result = plan([skip], [asUser(9, profile('ann'))]);
    expect(result.seenIds).toEqual([9]);
    expect(result.skips).toEqual([expect.objectContaining({ reason: 'no email attribute' })]);
  });

  it('an entry created again (new stable id, same DN and email, old id gone) is the same user', () => {
    const again = profile('ann', { ldapUid: 'entryuuid:new' });
    const old = asUser(4, profile('ann'));
    expect(plan([candidate(again)], [old], { recreated: [4] }).updates).toEqual([
      expect.objectContaining({ user: old, changes: { ldapUid: 'entryuuid:new' }, enable: false }),
    ]);
    // while the old id is still a user, the new entry is someone else holding ann's email
    const refused = plan([candidate(again)], [old]);
    expect(refused.updates).toEqual([]);
    expect(refused.skips).toEqual([expect.objectContaining({ reason: 'duplicate email' })]);
  });

  it('two entries with one stable id in one run: the later one is refused, naming both', () => {
    const first = profile('ann', { ldapUid: 'employeenumber:7' });
    const second = profile('bea', { ldapUid: 'employeenumber:7' });
    const inOneBatch = plan([candidate(second), candidate(first)], []);
    expect(inOneBatch.creates.map((c) => c.dn)).toEqual([first.ldapDn]);
    expect(inOneBatch.skips).toEqual([
      {
        dn: second.ldapDn,
        reason: 'duplicate stable id',
        detail: expect.stringMatching(/^duplicate stable id: uid=bea,ou=p has employeenumber:7, as uid=ann,ou=p does/),
      },
    ]);
    // in a later batch: the user the first entry wrote is already seen
    const later = plan([candidate(second)], [asUser(1, first)], { seen: [1] });
    expect(later).toMatchObject({ repeats: 0, updates: [], creates: [] });
    expect(later.skips).toEqual([expect.objectContaining({ dn: second.ldapDn, reason: 'duplicate stable id' })]);
    // the same entry in two overlapping scopes is no duplicate
    expect(plan([candidate(first)], [asUser(1, first)], { seen: [1] })).toMatchObject({ repeats: 1, skips: [] });
  });
});
