import type { UserEntity } from '../../src/users/entities/user.entity.js';

/**
 * An unsaved user row for unit specs: an active directory agent (id 1, a@example.com, no DN or
 * stable id yet), with `over` on top. Every column is set, so a new column fails to compile here.
 */
export function userEntity(over: Partial<UserEntity> = {}): UserEntity {
  const user: UserEntity = {
    id: 1,
    email: 'a@example.com',
    firstName: null,
    lastName: null,
    jobTitle: null,
    phone: null,
    role: 'agent',
    status: 'active',
    authSource: 'ldap',
    passwordHash: null,
    ldapUid: null,
    ldapDn: null,
    disabledBy: null,
    lastLoginAt: null,
    syncedAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
  };
  return { ...user, ...over };
}
