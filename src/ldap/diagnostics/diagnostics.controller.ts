import { Controller, HttpCode, HttpException, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';

import { ApiErrorView, DirectoryErrorView, ValidationErrorView } from '../../common/api-error.view.js';
import { CurrentUser, Roles } from '../../common/decorators.js';
import { RateWindow } from '../../common/rate-window.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { LdapSettingsDto } from '../settings/dto/ldap-settings.dto.js';
import { LdapSettingsService } from '../settings/ldap-settings.service.js';
import { SettingsBody } from '../settings/settings-body.js';
import { AttributesService } from './attributes.service.js';
import { DiagnosticsService } from './diagnostics.service.js';
import { AttributesReportView, DiagnosticReportView } from './diagnostics.views.js';

/**
 * Both endpoints dial only the servers the request (or the stored settings) names: attributes the
 * first one, the test every one (host, at most 10 backup servers, SRV records of srvDomain, at most
 * MAX_TESTED_SERVERS), each through the target check, and are throttled per admin so they cannot be
 * used to scan a network.
 */
@ApiTags('admin: ldap')
@ApiBadRequestResponse({ type: ValidationErrorView })
@ApiTooManyRequestsResponse({ type: ApiErrorView, description: 'too many directory tests by this admin' })
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
  @ApiBody({ type: LdapSettingsDto })
  @ApiOkResponse({
    type: DiagnosticReportView,
    description: 'the settings in the body over the stored ones, saved or not',
  })
  async test(@SettingsBody() body: unknown, @CurrentUser() user: UserEntity): Promise<DiagnosticReportView> {
    this.limit(user);
    const candidate = await this.settings.candidate(body ?? {});
    return {
      ...(await this.diagnostics.run(candidate.settings, candidate.connection, user.email, candidate.unsaved)),
      notes: candidate.notes,
    };
  }

  @Post('attributes')
  @HttpCode(200)
  @ApiBody({ type: LdapSettingsDto })
  @ApiOkResponse({ type: AttributesReportView })
  @ApiBadGatewayResponse({ type: DirectoryErrorView })
  async fetchAttributes(@SettingsBody() body: unknown, @CurrentUser() user: UserEntity): Promise<AttributesReportView> {
    this.limit(user);
    const candidate = await this.settings.candidate(body ?? {});
    return this.attributes.fetch(candidate.settings, candidate.connection, user.email);
  }

  private limit(user: UserEntity): void {
    const wait = this.throttle.hit(`admin:${user.id}`);
    if (wait > 0)
      throw new HttpException(
        { statusCode: 429, message: `too many directory tests; try again in ${wait} s` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
  }
}
