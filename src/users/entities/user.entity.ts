import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type UserRole = 'admin' | 'agent';
export type UserStatus = 'active' | 'disabled';
export type AuthSource = 'local' | 'ldap' | 'sso';
/**
 * Why a user is disabled: `directory` (the directory's account is disabled, expired or locked by
 * its administrator), `sync` (an import no longer found the entry), `admin` (a help desk admin).
 * An import re-enables only users disabled by `directory` or `sync`.
 */
export type DisabledBy = 'directory' | 'sync' | 'admin';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stored lower-cased: unique regardless of case. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ name: 'first_name', type: 'varchar', length: 255, nullable: true })
  firstName: string | null;

  @Column({ name: 'last_name', type: 'varchar', length: 255, nullable: true })
  lastName: string | null;

  @Column({ name: 'job_title', type: 'varchar', length: 255, nullable: true })
  jobTitle: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 16 })
  role: UserRole;

  @Column({ type: 'varchar', length: 16 })
  status: UserStatus;

  @Column({ name: 'auth_source', type: 'varchar', length: 16 })
  authSource: AuthSource;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  /** Stable directory id (objectGUID, entryUUID, nsUniqueId, ipaUniqueID). */
  @Column({ name: 'ldap_uid', type: 'varchar', length: 255, nullable: true })
  ldapUid: string | null;

  @Column({ name: 'ldap_dn', type: 'varchar', length: 1000, nullable: true })
  ldapDn: string | null;

  /** Why the user is disabled; null while active. */
  @Column({ name: 'disabled_by', type: 'varchar', length: 16, nullable: true })
  disabledBy: DisabledBy | null;

  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt: Date | null;

  @Column({ name: 'synced_at', type: 'datetime', nullable: true })
  syncedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
