import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentUser, Roles } from '../../common/decorators.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { LdapSettingsDto } from './dto/ldap-settings.dto.js';
import { LdapSettingsService } from './ldap-settings.service.js';

@ApiTags('admin: ldap')
@Roles('admin')
@Controller('admin/ldap/settings')
export class LdapSettingsController {
  constructor(private readonly settings: LdapSettingsService) {}

  @Get()
  get() {
    return this.settings.view();
  }

  @Put()
  put(@Body() dto: LdapSettingsDto, @CurrentUser() user: UserEntity) {
    return this.settings.update(dto, user.email);
  }
}
