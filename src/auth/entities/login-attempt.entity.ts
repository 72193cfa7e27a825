import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed sign-ins per key ("login:alice", "ip:10.0.0.5") in a fixed window, shared by all instances. */
@Entity('login_attempts')
export class LoginAttemptEntity {
  @PrimaryColumn({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ name: 'window_start', type: 'datetime' })
  windowStart: Date;

  @Column({ type: 'int' })
  failures: number;
}
