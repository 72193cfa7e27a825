import { LoginAttemptEntity } from '../auth/entities/login-attempt.entity.js';
import { LdapSettingsEntity } from '../ldap/entities/ldap-settings.entity.js';
import { LdapLogEntity } from '../logs/entities/ldap-log.entity.js';
import { MailboxUserEntity } from '../mailboxes/entities/mailbox-user.entity.js';
import { MailboxEntity } from '../mailboxes/entities/mailbox.entity.js';
import { SyncRunEntity } from '../sync/entities/sync-run.entity.js';
import { SessionEntity } from '../users/entities/session.entity.js';
import { UserEntity } from '../users/entities/user.entity.js';

export const ENTITIES = [
  UserEntity,
  SessionEntity,
  MailboxEntity,
  MailboxUserEntity,
  LdapSettingsEntity,
  SyncRunEntity,
  LdapLogEntity,
  LoginAttemptEntity,
];
