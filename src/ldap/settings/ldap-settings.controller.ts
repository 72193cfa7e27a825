import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { ApiErrorView, ValidationErrorView } from '../../common/api-error.view.js';
import { CurrentUser, Roles } from '../../common/decorators.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { LdapSettingsDto } from './dto/ldap-settings.dto.js';
import { LdapSettingsSavedView, LdapSettingsView } from './dto/ldap-settings.view.js';
import { LdapSettingsService } from './ldap-settings.service.js';

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
  @ApiOkResponse({ type: LdapSettingsSavedView })
  @ApiBadRequestResponse({ type: ValidationErrorView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'changed by someone else meanwhile: reload' })
  put(@Body() dto: LdapSettingsDto, @CurrentUser() user: UserEntity): Promise<LdapSettingsSavedView> {
    return this.settings.update(dto, user.email);
  }
}
