import { Injectable } from '@nestjs/common';

import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import { MeView, toUserView } from '../users/dto/user.dto.js';
import { PROFILE_FIELDS } from '../users/dto/user.view.js';
import { UserEntity } from '../users/entities/user.entity.js';

@Injectable()
export class AuthService {
  constructor(private readonly settings: LdapSettingsService) {}

  /** The signed-in user, with the profile fields the directory provides and the SSO proxy's logout page. */
  async me(user: UserEntity): Promise<MeView> {
    const settings = await this.settings.get();
    const fromDirectory = user.authSource === 'ldap' || user.authSource === 'sso';
    const map = settings.attributeMap as unknown as Record<string, string | null | undefined>;
    return {
      ...toUserView(user),
      directoryFields: fromDirectory ? PROFILE_FIELDS.filter((field) => !!map[field]) : [],
      ssoLogoutUrl: settings.sso.enabled ? settings.sso.logoutUrl : null,
    };
  }
}
