import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row (id 1): the admin-editable directory settings as JSON, the bind secret apart and encrypted. */
@Entity('ldap_settings')
export class LdapSettingsEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'text' })
  data: string;

  /** AES-256-GCM token (SecretCipher), never returned by the API. */
  @Column({ name: 'bind_password_enc', type: 'text', nullable: true })
  bindPasswordEnc: string | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 320, nullable: true })
  updatedBy: string | null;
}
