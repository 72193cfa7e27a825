import { Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { ApiErrorView, ValidationErrorView } from '../../common/api-error.view.js';
import { CurrentUser, Roles } from '../../common/decorators.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { LdapSettingsDto } from './dto/ldap-settings.dto.js';
import { LdapSettingsSavedView, LdapSettingsView } from './dto/ldap-settings.view.js';
import { LdapSettingsService } from './ldap-settings.service.js';
import { SettingsBody } from './settings-body.js';

@ApiTags('admin: ldap')
@Roles('admin')
@Controller('admin/ldap/settings')
export class LdapSettingsController {
  constructor(private readonly settings: LdapSettingsService) {}

  @Get()
  @ApiOkResponse({ type: LdapSettingsView })
  get(): Promise<LdapSettingsView> {
    return this.settings.view();
  }

  @Put()
  @ApiBody({ type: LdapSettingsDto })
  @ApiOkResponse({ type: LdapSettingsSavedView })
  @ApiBadRequestResponse({ type: ValidationErrorView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'changed by someone else meanwhile: reload' })
  put(@SettingsBody() body: unknown, @CurrentUser() user: UserEntity): Promise<LdapSettingsSavedView> {
    return this.settings.update(body, user.email);
  }
}
