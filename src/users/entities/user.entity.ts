import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type UserRole = 'admin' | 'agent';
export type UserStatus = 'active' | 'disabled';
export type AuthSource = 'local' | 'ldap' | 'sso';

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

  /** Disabled by an import because the entry was gone: only such users are re-enabled by an import. */
  @Column({ name: 'disabled_by_sync', type: 'boolean', default: false, select: false })
  disabledBySync: boolean;

  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt: Date | null;

  @Column({ name: 'synced_at', type: 'datetime', nullable: true })
  syncedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
