import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/decorators.js';
import { LogQueryDto } from './dto/log-query.dto.js';
import { LdapLogService } from './ldap-log.service.js';

@ApiTags('admin: logs')
@Roles('admin')
@Controller('admin/logs')
export class LogsController {
  constructor(private readonly logs: LdapLogService) {}

  @Get('ldap')
  async ldap(@Query() query: LogQueryDto) {
    const page = query.page ?? 1;
    const { items, total } = await this.logs.find({ ...query, page, pageSize: query.pageSize ?? 50 });
    return { items: items.map((i) => ({ ...i, details: i.details ? JSON.parse(i.details) : null })), total, page };
  }
}
