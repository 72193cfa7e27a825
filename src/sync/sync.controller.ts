import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentUser, Roles } from '../common/decorators.js';
import type { UserEntity } from '../users/entities/user.entity.js';
import { ImportDto, RunsQueryDto } from './dto/import.dto.js';
import { SyncService } from './sync.service.js';

@ApiTags('admin: ldap')
@Roles('admin')
@Controller('admin/ldap')
export class SyncController {
  constructor(private readonly sync: SyncService) {}

  @Post('import')
  @HttpCode(202)
  async start(@Body() dto: ImportDto, @CurrentUser() user: UserEntity) {
    return { runId: (await this.sync.start({ trigger: 'api', ...dto, actor: user.email })).runId };
  }

  @Get('runs')
  list(@Query() query: RunsQueryDto) {
    return this.sync.list(query.page ?? 1, query.pageSize ?? 20);
  }

  @Get('runs/:id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.sync.get(id);
  }
}
