import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A server-side session. The cookie carries a random token; only its SHA-256 is stored,
 * so a leaked database does not hand out live sessions.
 */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ name: 'id_hash', type: 'varchar', length: 64 })
  idHash: string;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ name: 'auth_method', type: 'varchar', length: 16 })
  authMethod: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  @Column({ name: 'ip', type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}
