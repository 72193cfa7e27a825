import { InitialSchema1764150000000 } from './1764150000000-initial-schema.js';
import { LoginAttempts1764160000000 } from './1764160000000-login-attempts.js';
import { Sync1764175000000 } from './1764175000000-sync.js';
import { DisabledBy1764190000000 } from './1764190000000-disabled-by.js';
import { MailboxNameKey1764200000000 } from './1764200000000-mailbox-name-key.js';

/** Every migration, in order. New ones are appended here (migration:generate writes the file). */
export const MIGRATIONS = [
  InitialSchema1764150000000,
  LoginAttempts1764160000000,
  Sync1764175000000,
  DisabledBy1764190000000,
  MailboxNameKey1764200000000,
];
