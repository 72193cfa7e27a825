import { Body, Controller, HttpCode, HttpException, HttpStatus, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentUser, Roles } from '../../common/decorators.js';
import { RateWindow } from '../../common/rate-window.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { LdapSettingsDto } from '../settings/dto/ldap-settings.dto.js';
import { LdapSettingsService } from '../settings/ldap-settings.service.js';
import { AttributesService } from './attributes.service.js';
import { DiagnosticsService } from './diagnostics.service.js';

/**
 * Both endpoints dial only the host and port in the request (or the stored ones), one target
 * per call, and are throttled per admin so they cannot be used to scan a network.
 */
@ApiTags('admin: ldap')
@Roles('admin')
@Controller('admin/ldap')
export class DiagnosticsController {
  private readonly throttle = new RateWindow(20, 60_000);

  constructor(
    private readonly attributes: AttributesService,
    private readonly diagnostics: DiagnosticsService,
    private readonly settings: LdapSettingsService,
  ) {}

  @Post('test')
  @HttpCode(200)
  async test(@Body() dto: LdapSettingsDto, @CurrentUser() user: UserEntity) {
    this.limit(user);
    const candidate = await this.settings.candidate(dto);
    return { ...(await this.diagnostics.run(candidate.settings, candidate.connection, user.email)), notes: candidate.notes };
  }

  @Post('attributes')
  @HttpCode(200)
  async fetchAttributes(@Body() dto: LdapSettingsDto, @CurrentUser() user: UserEntity) {
    this.limit(user);
    const candidate = await this.settings.candidate(dto);
    return this.attributes.fetch(candidate.settings, candidate.connection, user.email);
  }

  private limit(user: UserEntity): void {
    const wait = this.throttle.hit(`admin:${user.id}`);
    if (wait > 0) throw new HttpException({ statusCode: 429, message: `too many directory tests; try again in ${wait} s` }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
