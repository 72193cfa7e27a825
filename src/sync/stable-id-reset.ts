import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';

import { stableIdAttributes } from '../ldap/flavours/rules.js';
import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import type { LdapSettings } from '../ldap/settings/ldap-settings.types.js';
import { LdapLogService } from '../logs/ldap-log.service.js';
import { DirectoryUsersRepository } from '../users/directory-users.repository.js';

/**
 * When a save changes the stable-id attribute (uidAttribute), the ids stored on users were read
 * from the old one and can never match again: left alone, every entry would look deleted and
 * created again, so each import and sign-in would ask the directory for each user's old id (a
 * search per user) and log every user as re-created. They are cleared at the save instead; the
 * next import or sign-in ties each user again by DN, then email (matchUser), and stores the id
 * the new attribute gives. A sync is only valid against a full run with the same attribute
 * (SyncService.settingsKey), so the next run is a full one.
 */
@Injectable()
export class StableIdReset implements OnModuleInit {
  private readonly logger = new Logger(StableIdReset.name);

  constructor(
    private readonly settings: LdapSettingsService,
    private readonly users: DirectoryUsersRepository,
    private readonly logs: LdapLogService,
  ) {}

  onModuleInit(): void {
    this.settings.onSaved((previous, next, actor) => this.afterSave(previous, next, actor));
  }

  private async afterSave(previous: LdapSettings, next: LdapSettings, actor: string): Promise<void> {
    const before = stableIdAttributes(previous.uidAttribute).join(' / ');
    const after = stableIdAttributes(next.uidAttribute).join(' / ');
    if (before === after) return;
    try {
      const cleared = await this.users.clearStableIds();
      await this.logs.write({
        level: 'info',
        event: 'users.stable-ids.cleared',
        actor,
        message: `the stable-id attribute changed from ${before} to ${after}: the stable ids of ${cleared} users were cleared; the next import or sign-in ties each user again by DN, then email, and stores the new id`,
        details: { from: previous.uidAttribute, to: next.uidAttribute, cleared },
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`clearing the users' stable ids failed: ${reason}`);
      await this.logs
        .write({
          level: 'error',
          event: 'users.stable-ids.cleared',
          actor,
          message: `the stable-id attribute changed from ${before} to ${after}, but clearing the stored stable ids failed (${reason}): imports will take each user for a re-created entry until the ids are cleared (save the setting again)`,
          details: { from: previous.uidAttribute, to: next.uidAttribute },
        })
        .catch(() => undefined);
    }
  }
}
