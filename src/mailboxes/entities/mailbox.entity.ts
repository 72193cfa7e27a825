import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('mailboxes')
export class MailboxEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  /** mailboxNameKey(name), under a unique index: names are unique regardless of case. */
  @Column({ name: 'name_key', type: 'varchar', length: 64, select: false })
  nameKey?: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  /** RFC 4515 filter; members are the users in the search scopes matching it. */
  @Column({ name: 'ldap_filter', type: 'text', nullable: true })
  ldapFilter: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
