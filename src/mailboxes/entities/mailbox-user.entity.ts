import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type MembershipSource = 'manual' | 'ldap';

/** A user may be in a mailbox twice: once by hand and once by directory filter. */
@Entity('mailbox_users')
export class MailboxUserEntity {
  @PrimaryColumn({ name: 'mailbox_id', type: 'int' })
  mailboxId: number;

  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  source: MembershipSource;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
