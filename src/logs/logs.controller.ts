import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { ValidationErrorView } from '../common/api-error.view.js';
import { Roles } from '../common/decorators.js';
import { LogQueryDto } from './dto/log-query.dto.js';
import { LogPageView } from './dto/log.view.js';
import { LdapLogService } from './ldap-log.service.js';

@ApiTags('admin: logs')
@Roles('admin')
@Controller('admin/logs')
export class LogsController {
  constructor(private readonly logs: LdapLogService) {}

  @Get('ldap')
  @ApiOkResponse({ type: LogPageView })
  @ApiBadRequestResponse({ type: ValidationErrorView })
  ldap(@Query() query: LogQueryDto): Promise<LogPageView> {
    return this.logs.page(query);
  }
}
