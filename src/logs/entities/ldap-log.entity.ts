import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

@Entity('ldap_logs')
export class LdapLogEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ type: 'varchar', length: 8 })
  level: LogLevel;

  /** Dotted event name, e.g. login.failed, settings.updated, sync.user.created. */
  @Column({ type: 'varchar', length: 64 })
  event: string;

  @Column({ type: 'varchar', length: 1000 })
  message: string;

  @Column({ name: 'run_id', type: 'varchar', length: 36, nullable: true })
  runId: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  actor: string | null;

  @Column({ type: 'text', nullable: true })
  details: string | null;
}
